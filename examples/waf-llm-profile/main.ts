// The LLM WAF profile for an OpenAI-compatible vLLM server, as a ConfigMap for the WAF engine.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CrsRuleSet, LlmWafProfile, LlmWafRulesConfigMap } from 'cdk8s-secure-ai';

class WafChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'ingress-nginx' });
    new LlmWafRulesConfigMap(this, 'LlmWafRules', {
      name: 'llm-waf-rules',
      profile: new LlmWafProfile({ paranoiaLevel: 1 }),
      context: {
        routes: [
          { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
          { path: '/v1/completions', pathMatch: 'Exact', methods: ['POST'] },
          { path: '/v1/embeddings', pathMatch: 'Exact', methods: ['POST'] },
          { path: '/v1/models', pathMatch: 'Exact', methods: ['GET'] },
        ],
        hosts: ['llm.example.com'],
        crsRuleSet: CrsRuleSet.INGRESS_NGINX,
      },
    });
  }
}

const app = new App();
new WafChart(app, 'waf-llm-profile');
app.synth();
