import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import {
  analyzerPortSet, Endpoint, namespaceSelectorTextMatches, peerMatches, portSetText, reportedConns, reportFlows, reportPortSet, selectorTextMatches,
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
  expect(peerMatches('envoy in namespaces labelled example.com/team=a', { kind: 'pod', s: { ...(envoy as any).s, namespaceLabels: { 'example.com/team': 'a' } } }, 'serve')).toBe(true);
  expect(peerMatches('envoy in namespaces labelled example.com/team=a', envoy, 'serve')).toBe(false);
  expect(peerMatches('namespaces where team in (a, b) and gpu is not set', other, 'serve')).toBe(false);
  expect(peerMatches('namespaces somehow else', other, 'serve')).toBeUndefined();
});

test('namespace selector texts read back against namespace labels', () => {
  const labels = { 'kubernetes.io/metadata.name': 'ml-a', 'team': 'ml', 'env': 'prod' };
  expect(namespaceSelectorTextMatches('namespaces labelled team=ml', labels)).toBe(true);
  expect(namespaceSelectorTextMatches('namespaces labelled team=ml, env=dev', labels)).toBe(false);
  expect(namespaceSelectorTextMatches('namespaces where env in (prod, staging) and gpu is not set', labels)).toBe(true);
  expect(namespaceSelectorTextMatches('namespaces labelled team=ml where env not in (prod)', labels)).toBe(false);
  expect(namespaceSelectorTextMatches('namespaces where team is set', labels)).toBe(true);
  expect(namespaceSelectorTextMatches('namespaces where env like prod', labels)).toBeUndefined();
});

test('the report read back on the fixture tree whose peers select namespaces by label and expression', () => {
  // the suite compares every pair with netpol-analyzer run live (conformance/suite/checks/report-fixture.ts);
  // here, pairs worked out by hand from the fixture's policies
  const dir = path.join(__dirname, 'fixtures', 'report-namespace-selectors');
  const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, 'input.yaml'), 'utf8')).map((d) => d.toJSON());
  const namespaceLabels = new Map(objects.filter((o) => o.kind === 'Namespace').map((o) => [o.metadata.name, o.metadata.labels]));
  const pods = new Map<string, Endpoint>(objects.filter((o) => o.kind === 'Pod').map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, {
    kind: 'pod', s: { name: o.metadata.name, namespace: o.metadata.namespace, labels: o.metadata.labels, namespaceLabels: namespaceLabels.get(o.metadata.namespace) },
  }]));
  const flows = reportFlows(connectivityStatements(objects));
  expect(flows.unread).toStrictEqual([]);
  const conns = (a: string, b: string) => portSetText(reportedConns(flows, pods.get(a)!, pods.get(b)!)!);
  // team=ml on 8000; ui pods in env in (prod, staging) on 8080; team=finance selects no namespace
  expect(conns('ml-a/ui', 'serve/vllm')).toBe('TCP 8000, TCP 8080');
  expect(conns('ml-b/ui', 'serve/vllm')).toBe('TCP 8000');
  expect(conns('web/ui', 'serve/vllm')).toBe('TCP 8080');
  expect(conns('web/other', 'serve/vllm')).toBe('none');
  // egress: UDP 53 where team is not set and env is; TCP 443 to team=ml where env not in (prod)
  expect(conns('serve/vllm', 'web/other')).toBe('UDP 53');
  expect(conns('serve/vllm', 'ml-b/ui')).toBe('TCP 443');
  expect(conns('serve/vllm', 'ml-a/ui')).toBe('none');
  // nothing isolates the other namespaces
  expect(conns('web/ui', 'ml-a/ui')).toBe('all');
});

test('a flow that cannot be read back is listed, not guessed', () => {
  const flows = reportFlows([{ namespace: 'serve', topic: 'ingress-flow', subject: 'gw/envoy → vllm:http' }]);
  expect(flows.unread).toStrictEqual(['gw/envoy → vllm:http']);
});
