import {
  analyzerPortSet, Endpoint, peerMatches, portSetText, reportedConns, reportFlows, reportPortSet, selectorTextMatches,
} from '../../conformance/suite/report-connectivity';
import { connectivityStatements } from '../../src/cli/policy/connectivity-statements';

const pod = (name: string, namespace: string, labels: Record<string, string>): Endpoint => ({ kind: 'pod', s: { name, namespace, labels } });
const ip = (name: string, addr: string): Endpoint => ({ kind: 'ip', e: { name, ip: addr } });

const policies = [
  { kind: 'Namespace', metadata: { name: 'serve' } },
  { kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'serve' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
  {
    kind: 'NetworkPolicy',
    metadata: { name: 'allow', namespace: 'serve' },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'vllm' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gw' } }, podSelector: { matchLabels: { app: 'envoy' } } }], ports: [{ port: 8000 }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }, { port: 53, protocol: 'UDP' }] }],
    },
  },
];
const statements = () => connectivityStatements(policies).map((s) => ({ ...s, namespace: s.namespace }));

const vllm = pod('vllm', 'serve', { 'app.kubernetes.io/name': 'vllm' });
const envoy = pod('envoy', 'gw', { app: 'envoy' });
const other = pod('other', 'gw', { app: 'other' });

test('the report read back: gateway to the model server on 8000 only, nothing else in', () => {
  const flows = reportFlows(statements());
  expect(flows.unread).toStrictEqual([]);
  expect(portSetText(reportedConns(flows, envoy, vllm)!)).toBe('TCP 8000');
  expect(portSetText(reportedConns(flows, other, vllm)!)).toBe('none');
  // the model server's own egress is isolated: nothing to the gateway
  expect(portSetText(reportedConns(flows, vllm, envoy)!)).toBe('none');
});

test('egress to an address range, its exceptions carved out', () => {
  const flows = reportFlows(statements());
  expect(portSetText(reportedConns(flows, vllm, ip('db', '10.2.3.4'))!)).toBe('TCP 443, UDP 53');
  expect(portSetText(reportedConns(flows, vllm, ip('excepted', '10.1.2.3'))!)).toBe('none');
  expect(portSetText(reportedConns(flows, vllm, ip('outside', '192.168.0.1'))!)).toBe('none');
});

test('a pod nothing isolates: every connection', () => {
  expect(portSetText(reportedConns(reportFlows(statements()), other, envoy)!)).toBe('all');
});

test('port sets in the analyzer terms', () => {
  expect(portSetText(analyzerPortSet('TCP 443, TCP 444, UDP 53')!)).toBe('TCP 443-444, UDP 53');
  expect(portSetText(analyzerPortSet('all')!)).toBe('all');
  expect(portSetText(analyzerPortSet('none')!)).toBe('none');
  expect(analyzerPortSet('ICMP')).toBeUndefined();
  expect(portSetText(reportPortSet('any port/UDP')!)).toBe('UDP');
  expect(portSetText(reportPortSet('8000-8010')!)).toBe('TCP 8000-8010');
  expect(reportPortSet('http')).toBeUndefined();
});

test('selector and peer texts', () => {
  expect(selectorTextMatches('every pod', {}, 'every pod')).toBe(true);
  expect(selectorTextMatches('k=v, tier in a,b', { k: 'v', tier: 'b' }, 'every pod')).toBe(true);
  expect(selectorTextMatches('k=v, tier notin a,b', { k: 'v', tier: 'b' }, 'every pod')).toBe(false);
  expect(peerMatches('gw/envoy', envoy, 'serve')).toBe(true);
  expect(peerMatches('every namespace/envoy', envoy, 'serve')).toBe(true);
  expect(peerMatches('gw', other, 'serve')).toBe(true);
  expect(peerMatches('nowhere', other, 'serve')).toBe(false);
  // a namespace label key holds `/` too: not readable back
  expect(peerMatches('namespaces with example.com/team=a/envoy', envoy, 'serve')).toBeUndefined();
});

test('a flow that cannot be read back is listed, not guessed', () => {
  const flows = reportFlows([{ namespace: 'serve', topic: 'ingress-flow', subject: 'gw/envoy → vllm:http' }]);
  expect(flows.unread).toStrictEqual(['gw/envoy → vllm:http']);
});
