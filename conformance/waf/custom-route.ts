/**
 * The profile on a route of no known schema (`/v1/responses`), where CRS runs on every field but
 * the prompt fields: `test/waf/corpus/custom-route.jsonl` holds attacks in other fields (CRS and
 * the lookup-injection rule must see them, also under JSON keys that hold a line break) and prompt
 * text that CRS would refuse if the exclusions missed it. No example has such a route, so
 * `waf:test` renders these rules itself.
 */
import * as path from 'path';
import { ExampleRules } from './corpus';
import { REPO_ROOT } from './engines';
import { CrsRuleSet, LlmWafProfile, LlmWafRules } from '../../src/waf';

/** The corpus of the custom route. */
export const CUSTOM_ROUTE_CORPUS = path.join(REPO_ROOT, 'test', 'waf', 'corpus', 'custom-route.jsonl');

/** The host the rules are rendered for. */
const HOST = 'llm.example.com';

/** The default profile on a chat route (its schema) and a custom route (CRS), as ingress-nginx loads it. */
export function customRouteRules(): ExampleRules {
  const rules = LlmWafRules.render(new LlmWafProfile(), {
    routes: [
      { path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] },
      { path: '/v1/responses', pathMatch: 'Exact', methods: ['POST'] },
    ],
    hosts: [HOST],
    crsRuleSet: CrsRuleSet.INGRESS_NGINX,
  });
  return { rules, hosts: [HOST] };
}
