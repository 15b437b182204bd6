import { Testing } from 'cdk8s';
import { renderAuditPolicy } from '../../src/render/audit-policy';

test('renders an audit.k8s.io/v1 Policy that omits the RequestReceived stage, with the rules known at synthesis', () => {
  const chart = Testing.chart();
  const rules: any[] = [];
  renderAuditPolicy(chart, 'p', () => rules);
  rules.push({ level: 'Metadata' }); // added after the object: read at synthesis
  expect(Testing.synth(chart)).toStrictEqual([{
    apiVersion: 'audit.k8s.io/v1', kind: 'Policy', metadata: { name: 'p' }, omitStages: ['RequestReceived'], rules: [{ level: 'Metadata' }],
  }]);
});
