import { Testing } from 'cdk8s';
import { renderAuditPolicy } from '../../src/render/audit-policy';

test('renders an audit.k8s.io/v1 Policy that omits the RequestReceived stage', () => {
  const chart = Testing.chart();
  renderAuditPolicy(chart, 'p', [{ level: 'Metadata' }]);
  expect(Testing.synth(chart)).toStrictEqual([{
    apiVersion: 'audit.k8s.io/v1', kind: 'Policy', metadata: { name: 'p' }, omitStages: ['RequestReceived'], rules: [{ level: 'Metadata' }],
  }]);
});
