import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { EndpointModel } from '../../model/endpoint-model';
import { ComposedWafPart } from '../waf/composed-llm-waf-rules';

/** What a target's renderer writes for one endpoint. @internal */
export interface RenderedTarget {
  /** The objects that route requests to the model (Ingress, VirtualServer, HTTPRoute...). */
  readonly routes: ApiObject[];
  /** Other objects in the endpoint's namespace (controller policies...). */
  readonly policies: ApiObject[];
  /**
   * The controller-level settings the endpoint relies on: its share of the controller's
   * ConfigMap, composed with every other endpoint's on the same controller; none when the
   * target's controller and Gateway are the platform's and the endpoint writes nothing there.
   */
  readonly controllerSettings?: ControllerSettings;
  /**
   * The endpoint's share of its controller's composed WAF rules file, when the controller
   * loads the rules at its level; undefined when the WAF is off or delivered per route.
   */
  readonly wafRules?: WafRulesContribution;
}

/** An endpoint's share of its controller's composed WAF rules. @internal */
export interface WafRulesContribution {
  /** The controller's namespace (the rules ConfigMap goes there). */
  readonly controllerNamespace: string;
  /** The endpoint's hosts, routes, profile, limit and marker. */
  readonly part: ComposedWafPart;
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
