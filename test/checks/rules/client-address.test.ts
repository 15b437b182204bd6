import { clientAddress } from '../../../src/checks/rules/client-address';
import { recording, ruleFindings } from '../../support/rule-findings';

const controller = (name: string, data: { [key: string]: string }, composedFrom = 'serving/chat') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'edge', annotations: { 'secure-ai.cdk8s.io/controller-wide-settings': 'use-forwarded-headers', 'secure-ai.cdk8s.io/composed-from': composedFrom } },
  data,
});
const ingress = (namespace: string, endpoint: string, annotations: { [key: string]: string }, name = endpoint) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace, labels: { 'secure-ai.cdk8s.io/endpoint': endpoint }, annotations },
});
const f5Policy = (namespace: string, endpoint: string, spec: any) => ({
  apiVersion: 'k8s.nginx.org/v1', kind: 'Policy', metadata: { name: `${endpoint}-p`, namespace, labels: { 'secure-ai.cdk8s.io/endpoint': endpoint } }, spec,
});
/** A default-deny policy for `namespace` and one admitting pods of `source` alone. */
const admittingOnly = (namespace: string, source: string) => [
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'from-controller', namespace },
    spec: { podSelector: { matchLabels: { app: 'model' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': source } }, podSelector: {} }] }] },
  },
];
/** Every `secure-ai.cdk8s.io/*` annotation removed, as on manifests someone else wrote or edited. */
const stripped = (objects: any[]) => objects.map((o) => ({
  ...o,
  metadata: { ...o.metadata, annotations: Object.fromEntries(Object.entries(o.metadata?.annotations ?? {}).filter(([k]) => !k.startsWith('secure-ai.cdk8s.io/'))) },
}));
const DIRECT = { 'use-forwarded-headers': 'false', 'use-proxy-protocol': 'false', 'enable-real-ip': 'false' };
const evaluate = (objects: any[]) => clientAddress.evaluate(objects).map((o) => [o.object.metadata.name, o.status, o.detail]);

describe('SAI-EDGE-3 client address', () => {
  test('direct with per-client controls is a warning naming the endpoints, their controls, what goes wrong and the fix', () => {
    const out = clientAddress.evaluate([
      controller('ingress-nginx-controller', DIRECT, 'serving/chat, vision/vision'),
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10', 'nginx.ingress.kubernetes.io/allowlist-source-range': '192.0.2.0/24', 'nginx.ingress.kubernetes.io/proxy-body-size': '32m' }),
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10', 'nginx.ingress.kubernetes.io/limit-rpm': '600' }, 'chat-canary'),
      ingress('vision', 'vision', { 'nginx.ingress.kubernetes.io/proxy-body-size': '64m' }),
      // Served by another controller: its namespace admits only the pods of namespace edge-b.
      ingress('other', 'chat', { 'nginx.ingress.kubernetes.io/limit-connections': '20' }),
      ...admittingOnly('other', 'edge-b'),
    ]);
    expect(out.map((o) => o.status)).toStrictEqual(['warning']);
    expect(out[0].detail).toBe('client address, for every host of the controller: direct (the TCP peer of each connection is the client). '
      + 'Per-client controls rely on it: serving/chat (allowlist-source-range, limit-rpm, limit-rps). '
      + 'Behind a load balancer that rewrites source addresses (a LoadBalancer Service with externalTrafficPolicy: Cluster, an L7 proxy) every client is a node or proxy address: '
      + 'source-range allow-lists admit everyone or no one, per-client limits become per-node. '
      + 'Confirm that the controller\'s Service has externalTrafficPolicy: Local or that the load balancer keeps source addresses; '
      + 'otherwise set the controller\'s clientAddress to ClientAddress.proxyProtocol([load balancer CIDRs]) or ClientAddress.forwardedFor([proxy CIDRs]).');
  });

  test('direct with no per-client control passes, saying so; ConfigMaps that are not composed controller settings are not judged', () => {
    expect(evaluate([
      controller('ingress-nginx-controller', DIRECT),
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/proxy-body-size': '32m' }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain', namespace: 'edge' }, data: {} },
    ])).toStrictEqual([
      ['ingress-nginx-controller', 'pass', 'client address, for every host of the controller: direct (the TCP peer of each connection is the client); no endpoint on it uses source ranges or per-client limits'],
    ]);
  });

  test('ingress-nginx with PROXY protocol or a proxy\'s header from trusted ranges passes, stating the mode', () => {
    const limited = ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10' });
    expect(evaluate([controller('a', { ...DIRECT, 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '10.0.0.0/16,2001:db8::/32' }), limited])).toStrictEqual([
      ['a', 'pass', 'client address, for every host of the controller: PROXY protocol from 10.0.0.0/16, 2001:db8::/32'],
    ]);
    expect(evaluate([controller('b', { ...DIRECT, 'enable-real-ip': 'true', 'forwarded-for-header': 'X-Real-IP', 'proxy-real-ip-cidr': '10.0.0.0/16' }), limited])).toStrictEqual([
      ['b', 'pass', 'client address, for every host of the controller: the X-Real-IP header from 10.0.0.0/16'],
    ]);
    expect(evaluate([controller('c', { 'use-proxy-protocol': 'True', 'use-forwarded-headers': 'true', 'proxy-real-ip-cidr': '10.0.0.0/16' })])[0][2])
      .toBe('client address, for every host of the controller: PROXY protocol, then the X-Forwarded-For header from 10.0.0.0/16');
  });

  test('ingress-nginx reading forwarded headers without proxy-real-ip-cidr fails: it then trusts every address', () => {
    expect(evaluate([controller('ingress-nginx-controller', { 'use-forwarded-headers': 'true' })])).toStrictEqual([
      ['ingress-nginx-controller', 'fail', 'client address, for every host of the controller: the X-Forwarded-For header from 0.0.0.0/0: proxy-real-ip-cidr is unset, so ingress-nginx trusts every address (0.0.0.0/0) to tell it a client\'s address and any client can forge its own. Set proxy-real-ip-cidr to the load balancer\'s or proxy\'s addresses (controller clientAddress trustedCidrs).'],
    ]);
  });

  test('trusted ranges written out that hold every address, recorded by the option that chose them, are a weakened control naming it', () => {
    const record = recording('serving', 'ingress.clientAddress.trustEveryAddressInsecureReason (proxy-protocol from 0.0.0.0/0)');
    for (const cidrs of ['0.0.0.0/0', '10.0.0.0/8, ::/0', '0.0.0.0/1,128.0.0.0/1', '192.0.2.1/0']) {
      expect(evaluate([controller('x', { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': cidrs }), record]).map(([, status, detail]) => [status, detail]))
        .toStrictEqual([['weakened', expect.stringMatching(/every address is trusted to tell it, so a client that bypasses the load balancer or proxy can forge its own \(ingress\.clientAddress\.trustEveryAddressInsecureReason \(proxy-protocol from 0\.0\.0\.0\/0\)\)$/)]]);
    }
    expect(evaluate([controller('x', { 'proxy-protocol': 'True', 'real-ip-header': 'proxy_protocol', 'set-real-ip-from': '0.0.0.0/0' }), record])[0][1]).toBe('weakened');
    // nginx also takes bare addresses and names: they are single peers.
    expect(evaluate([controller('x', { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '10.0.0.1, lb.internal, unix:' })])[0][1]).toBe('pass');
  });

  test('F5 NGINX: direct with client-keyed Policies warns; PROXY protocol or a header from trusted ranges passes', () => {
    const policies = [
      f5Policy('serving', 'chat', { rateLimit: { rate: '10r/s', key: '${binary_remote_addr}', zoneSize: '10M' } }),
      f5Policy('serving', 'chat', { accessControl: { allow: ['192.0.2.0/24'] } }),
      f5Policy('serving', 'chat', { jwt: { realm: 'x', secret: 'jwks' } }),
    ];
    const direct = evaluate([controller('nginx-config', { 'proxy-protocol': 'False', 'real-ip-recursive': 'False' }), ...policies]);
    expect(direct.map(([, status]) => status)).toStrictEqual(['warning']);
    expect(direct[0][2]).toContain('Per-client controls rely on it: serving/chat (accessControl Policy, rateLimit Policy keyed by client address).');
    expect(evaluate([controller('nginx-config', { 'proxy-protocol': 'True', 'real-ip-header': 'proxy_protocol', 'set-real-ip-from': '10.0.0.0/16' }), ...policies]))
      .toStrictEqual([['nginx-config', 'pass', 'client address, for every host of the controller: PROXY protocol from 10.0.0.0/16']]);
    expect(evaluate([controller('nginx-config', { 'real-ip-header': 'X-Forwarded-For', 'set-real-ip-from': '10.0.0.0/16', 'real-ip-recursive': 'True' }), ...policies]))
      .toStrictEqual([['nginx-config', 'pass', 'client address, for every host of the controller: the X-Forwarded-For header from 10.0.0.0/16']]);
  });

  test('F5 NGINX reading the PROXY address with the PROXY protocol off is still direct', () => {
    const out = evaluate([
      controller('nginx-config', { 'proxy-protocol': 'False', 'real-ip-header': 'proxy_protocol', 'set-real-ip-from': '10.0.0.0/16' }),
      f5Policy('serving', 'chat', { rateLimit: { rate: '10r/s', key: '${binary_remote_addr}' } }),
    ]);
    expect(out.map(([, status, detail]) => [status, String(detail).split('.')[0]])).toStrictEqual([['warning', 'client address, for every host of the controller: direct (the TCP peer of each connection is the client)']]);
  });
});

describe('SAI-EDGE-3 judges content, not the library\'s annotations', () => {
  test('a controller ConfigMap nobody annotated that trusts every address by default fails; one without client-address keys is not judged', () => {
    const bare = (data: { [key: string]: string }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'edge' }, data });
    expect(evaluate([bare({ 'use-forwarded-headers': 'true' })]).map(([, status]) => status)).toStrictEqual(['fail']);
    expect(evaluate([bare({ 'set-real-ip-from': '0.0.0.0/0', 'real-ip-header': 'X-Forwarded-For' })]).map(([, status]) => status)).toStrictEqual(['fail']);
    expect(evaluate([bare({ 'use-forwarded-headers': 'false' })]).map(([, status]) => status)).toStrictEqual(['pass']);
    expect(evaluate([bare({ 'llm-waf.conf': 'SecRuleEngine On' })])).toStrictEqual([]);
  });
});

describe('SAI-EDGE-3 fails a weakening no option recorded', () => {
  const everyone = { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '0.0.0.0/0' };

  test('mutant: trusted ranges written out that hold every address, with no option recorded anywhere, fail', () => {
    expect(evaluate([controller('x', everyone), recording('serving', 'waf.enabled: false')])).toStrictEqual([
      ['x', 'fail', 'client address, for every host of the controller: PROXY protocol from 0.0.0.0/0: every address is trusted to tell it, so a client that bypasses the load balancer or proxy can forge its own: '
        + 'no option records that this was chosen. Trust only the load balancer\'s or proxy\'s addresses (controller clientAddress trustedCidrs).'],
    ]);
  });

  test('mutant: a direct controller ConfigMap nobody annotated warns for every object of the output that relies on client addresses', () => {
    const bare = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'edge' }, data: { hsts: 'true' } };
    const plain = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'chat', namespace: 'serving', annotations: { 'nginx.ingress.kubernetes.io/limit-rps': '10' } } };
    const out = evaluate([bare, plain]);
    expect(out.map(([, status]) => status)).toStrictEqual(['warning']);
    expect(out[0][2]).toContain('Per-client controls rely on it: Ingress/serving/chat (limit-rps).');
  });

  test('a suppression accepts the failure until it expires; then it fails again', () => {
    expect(ruleFindings('SAI-EDGE-3', [controller('x', everyone)], { object: 'ConfigMap/edge/x', expires: '2027-01-15' })[0]).toMatch(/^suppressed ConfigMap\/edge\/x: .*no option records/);
    expect(ruleFindings('SAI-EDGE-3', [controller('x', everyone)], { object: 'ConfigMap/edge/x', expires: '2027-01-14' })[0]).toMatch(/^fail ConfigMap\/edge\/x: .*suppression expired on 2027-01-14/);
  });
});

describe('SAI-EDGE-3 finds the endpoints on a controller by content, not by the composed-from annotation', () => {
  test('a wrong composed-from annotation neither hides an endpoint the controller serves nor adds one it does not', () => {
    const out = evaluate([
      // The annotation names only vision/vision, which has no per-client control, and misses serving/chat.
      controller('ingress-nginx-controller', DIRECT, 'vision/vision'),
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10' }),
      ingress('vision', 'vision', { 'nginx.ingress.kubernetes.io/proxy-body-size': '64m' }),
    ]);
    expect(out.map(([, status]) => status)).toStrictEqual(['warning']);
    expect(out[0][2]).toContain('Per-client controls rely on it: serving/chat (limit-rps).');
    // The annotation names serving/chat, but its namespace admits only another controller's pods.
    expect(evaluate([
      controller('ingress-nginx-controller', DIRECT, 'serving/chat'),
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10' }),
      ...admittingOnly('serving', 'edge-b'),
    ]).map(([, status]) => status)).toStrictEqual(['pass']);
  });

  test('a suppression accepts the warning found by content until it expires; then it fails', () => {
    const objects = [controller('c', DIRECT, 'vision/vision'), ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10' })];
    expect(ruleFindings('SAI-EDGE-3', objects, { object: 'ConfigMap/edge/c', expires: '2027-01-15' })[0]).toMatch(/^suppressed ConfigMap\/edge\/c: .*Per-client controls rely on it: serving\/chat \(limit-rps\)/);
    expect(ruleFindings('SAI-EDGE-3', objects, { object: 'ConfigMap/edge/c', expires: '2027-01-14' })[0]).toMatch(/^fail ConfigMap\/edge\/c: .*suppression expired on 2027-01-14/);
  });

  test('a namespace whose policies admit the controller\'s namespace, or cannot be read as names, is served by it', () => {
    const wide = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'any-ns', namespace: 'serving' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'edge' } } }] }] } };
    for (const policies of [admittingOnly('serving', 'edge'), [admittingOnly('serving', 'edge-b')[0], wide]]) {
      expect(evaluate([controller('c', DIRECT), ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10' }), ...policies]).map(([, status]) => status))
        .toStrictEqual(['warning']);
    }
  });

  test('each controller counts only what it reads: ingress-nginx annotations for ingress-nginx, F5 NGINX Policies for F5 NGINX', () => {
    const objects = [
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10' }),
      f5Policy('vision', 'vision', { accessControl: { allow: ['192.0.2.0/24'] } }),
    ];
    const nginx = evaluate([controller('ingress-nginx-controller', DIRECT), ...objects]);
    expect(nginx[0][2]).toContain('Per-client controls rely on it: serving/chat (limit-rps).');
    const f5 = evaluate([controller('nginx-config', { 'proxy-protocol': 'False', 'real-ip-recursive': 'False' }), ...objects]);
    expect(f5[0][2]).toContain('Per-client controls rely on it: vision/vision (accessControl Policy).');
    // A ConfigMap that sets only keys both read (HSTS) may be either's: both count.
    expect(evaluate([controller('shared', { hsts: 'true' }), ...objects])[0][2]).toContain('Per-client controls rely on it: serving/chat (limit-rps); vision/vision (accessControl Policy).');
  });

  test('the proof: the non-compliant manifests with every secure-ai.cdk8s.io annotation stripped warn the same way, naming the same controls', () => {
    const objects = [
      controller('ingress-nginx-controller', DIRECT, 'serving/chat'),
      ingress('serving', 'chat', { 'nginx.ingress.kubernetes.io/limit-rps': '10', 'nginx.ingress.kubernetes.io/allowlist-source-range': '192.0.2.0/24' }),
      ingress('other', 'chat', { 'nginx.ingress.kubernetes.io/limit-connections': '20' }),
      ...admittingOnly('other', 'edge-b'),
    ];
    expect(evaluate(stripped(objects))).toStrictEqual(evaluate(objects));
    expect(evaluate(stripped(objects))[0][1]).toBe('warning');
    const everyone = [controller('x', { 'use-proxy-protocol': 'true', 'proxy-real-ip-cidr': '0.0.0.0/0' })];
    expect(evaluate(stripped(everyone))).toStrictEqual(evaluate(everyone));
    expect(evaluate(stripped(everyone))[0][1]).toBe('fail');
  });
});
