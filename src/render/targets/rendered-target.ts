import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { EndpointModel } from '../../model/endpoint-model';

/** What a target's renderer writes for one endpoint. @internal */
export interface RenderedTarget {
  /** The objects that route requests to the model (Ingress, VirtualServer, HTTPRoute...). */
  readonly routes: ApiObject[];
  /** Other objects in the endpoint's namespace (controller policies...). */
  readonly policies: ApiObject[];
  /**
   * The controller-level settings the endpoint relies on: its share of the controller's
   * ConfigMap, composed with every other endpoint's on the same controller.
   */
  readonly controllerSettings: ControllerSettings;
}

/** An endpoint's share of its controller's ConfigMap. @internal */
export interface ControllerSettings {
  /** The controller's ConfigMap. */
  readonly configMap: { readonly name: string; readonly namespace: string; readonly description: string };
  /** The keys and values the endpoint relies on. */
  readonly data: { [key: string]: string };
}

/**
 * A target's renderer: the endpoint's objects in `scope`; objects the platform team owns for
 * the controller (e.g. WAF rules) in `hardeningScope`; its share of the controller settings as data. @internal
 */
export type TargetRenderer = (scope: Construct, hardeningScope: Construct, m: EndpointModel, labels: { [k: string]: string }) => RenderedTarget;
