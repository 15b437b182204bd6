import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import * as cdk8s from '../../src';
import { installRecordingMocks, promiseOf } from './support/recording-mocks';

// Pulumi's test runtime is set before the program (the components) is imported.
const registrations = installRecordingMocks(pulumi);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const components: typeof import('../../src/pulumi') = require('../../src/pulumi');

const PROPS: cdk8s.LlmWafRulesConfigMapProps = {
  context: { routes: [{ path: '/v1/chat/completions', pathMatch: 'Exact', methods: ['POST'] }], hosts: ['llm.example.com'] },
  namespace: 'ingress-nginx',
};

test('registers the rules ConfigMap cdk8s synthesises, as a child, and outputs the rules', async () => {
  const component = new components.LlmWafRulesConfigMap('waf', PROPS);
  const urn = await promiseOf(component.urn);
  const childUrns = await Promise.all(component.resources.map((r) => promiseOf(r.resource.urn)));
  const self = registrations.find((r) => r.urn === urn)!;
  const children = childUrns.map((u) => registrations.find((r) => r.urn === u)!);

  const chart = Testing.chart();
  const construct = new cdk8s.LlmWafRulesConfigMap(chart, 'waf', PROPS);
  const expected = Testing.synth(chart);

  expect(self.type).toBe('cdk8s-secure-ai:index:LlmWafRulesConfigMap');
  expect(children).toHaveLength(1);
  expect(children[0].type).toBe('kubernetes:core/v1:ConfigMap');
  expect(children[0].parent).toBe(urn);
  expect(children[0].inputs).toStrictEqual(expected[0]);
  expect(await promiseOf(component.rules)).toBe(construct.rules);
});
