// The LLM WAF profile for an OpenAI-compatible vLLM server, delivered to ingress-nginx at the
// controller level: the rules file as a ConfigMap (mount it in the controller at
// INGRESS_NGINX_RULES_PATH) and the controller ConfigMap entries that include it.
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CrsRuleSet, LlmWafProfile, LlmWafRules, LlmWafRulesConfigMap, WafRenderContext } from 'cdk8s-secure-ai';

class WafChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'ingress-nginx' });
    const profile = new LlmWafProfile({ paranoiaLevel: 1 });
    const context: WafRenderContext = {
      routes: [
        { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
        { path: '/v1/completions', pathMatch: 'Exact', methods: ['POST'] },
        { path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] },
        { path: '/v1/models', pathMatch: 'Exact', methods: ['GET'] },
      ],
      hosts: ['llm.example.com'],
      crsRuleSet: CrsRuleSet.INGRESS_NGINX,
    };
    new LlmWafRulesConfigMap(this, 'LlmWafRules', { name: 'llm-waf-rules', profile, context });
    // The controller ConfigMap entries (owned by the platform team; merged into the controller's ConfigMap).
    new ApiObject(this, 'ControllerConfig', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ingress-nginx-controller' },
      data: LlmWafRules.ingressNginxControllerConfig(context),
    });
  }
}

const app = new App();
new WafChart(app, 'waf-llm-profile');
app.synth();
