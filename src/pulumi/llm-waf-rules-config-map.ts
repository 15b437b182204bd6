import * as pulumi from '@pulumi/pulumi';
import { KubernetesObjectResource, registerConstructResources } from './construct-resources';
import * as secureAi from 'cdk8s-secure-ai';

/**
 * The LLM WAF profile's rules file as a ConfigMap, as a Pulumi component: the
 * `LlmWafRulesConfigMap` cdk8s construct, same options, its ConfigMap registered as a child.
 */
export class LlmWafRulesConfigMap extends pulumi.ComponentResource {
  /** The component's Pulumi type token. */
  public static readonly TYPE = 'cdk8s-secure-ai:index:LlmWafRulesConfigMap';

  /** The SecLang rules (ModSecurity v3 / Coraza). */
  public readonly rules: pulumi.Output<string>;
  /** The ConfigMap (escape hatch, `dependsOn` target). */
  public readonly resources: KubernetesObjectResource[];

  constructor(name: string, props: secureAi.LlmWafRulesConfigMapProps, opts?: pulumi.ComponentResourceOptions) {
    super(LlmWafRulesConfigMap.TYPE, name, {}, opts);
    const built = registerConstructResources(this, name, (scope, id) => new secureAi.LlmWafRulesConfigMap(scope, id, props), opts);
    this.resources = built.resources;
    this.rules = pulumi.output(built.construct.rules);
    this.registerOutputs({ rules: this.rules });
  }
}
