import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { EndpointModel } from '../../model/endpoint-model';

/** What a target's renderer writes for one endpoint. @internal */
export interface RenderedTarget {
  /** The objects that route requests to the model (Ingress, VirtualServer, HTTPRoute...). */
  readonly routes: ApiObject[];
  /** Other objects in the endpoint's namespace (controller policies...). */
  readonly policies: ApiObject[];
  /** The controller-level settings the endpoint relies on, in the hardening scope. */
  readonly controllerConfig: ApiObject;
}

/**
 * A target's renderer: the endpoint's objects in `scope`, its controller-level settings in
 * `hardeningScope`. @internal
 */
export type TargetRenderer = (scope: Construct, hardeningScope: Construct, m: EndpointModel, labels: { [k: string]: string }) => RenderedTarget;
