import { reliesOnPlatform } from '../../../src/checks/rules/relies-on-platform';
import { ruleFindings } from '../../support/rule-findings';

const route = (annotations: { [key: string]: string } = {}, parentRefs: any[] = [{ name: 'gw', namespace: 'g', sectionName: 'https' }], kind = 'HTTPRoute') => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'chat', namespace: 'llm-serving', annotations }, spec: { parentRefs },
});
const evaluate = (objects: any[]) => reliesOnPlatform.evaluate(objects).map((o) => [o.object.metadata.name, o.status, o.detail]);
const CONTENT = 'relies on the platform: Gateway g/gw listener https, not in these manifests: its listeners\' HTTPS, certificate, TLS versions, HTTP to HTTPS redirect and which namespaces\' routes they admit';

describe('SAI-EDGE-4 relies on the platform', () => {
  test('names each platform setting the annotation lists as a warning for a reviewer to confirm', () => {
    expect(evaluate([
      route({ 'secure-ai.cdk8s.io/relies-on-platform': 'Gateway g/gw: HTTPS; the HTTP listener redirects to HTTPS' }),
      { kind: 'Ingress', metadata: { name: 'other', namespace: 'llm-serving' } },
      { kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { hsts: 'true' } },
    ])).toStrictEqual([
      ['chat', 'warning', 'relies on the platform: Gateway g/gw: HTTPS'],
      ['chat', 'warning', 'relies on the platform: the HTTP listener redirects to HTTPS'],
    ]);
  });

  test('does not apply to objects that rely on nothing: a route whose Gateway is in the output, an Ingress whose controller ConfigMap is', () => {
    const gateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'g' } };
    const controller = { kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { hsts: 'true' } };
    expect(evaluate([route(), gateway, { kind: 'Ingress', metadata: { name: 'chat', annotations: {} } }, controller])).toStrictEqual([]);
  });

  test('mutant: a route nobody annotated whose parent Gateway is not in the output relies on its listeners', () => {
    expect(evaluate([route()])).toStrictEqual([['chat', 'warning', CONTENT]]);
    expect(evaluate([route({}, [{ name: 'gw' }], 'GRPCRoute')])[0][2]).toMatch(/^relies on the platform: Gateway llm-serving\/gw, not in these manifests/);
  });

  test('a suppression accepts the warning until it expires; then it fails', () => {
    expect(ruleFindings('SAI-EDGE-4', [route()], { object: 'HTTPRoute/llm-serving/chat', expires: '2027-01-15' })).toStrictEqual([
      `suppressed HTTPRoute/llm-serving/chat: ${CONTENT} (suppressed until 2027-01-15: accepted for the migration)`,
    ]);
    expect(ruleFindings('SAI-EDGE-4', [route()], { object: 'HTTPRoute/llm-serving/chat', expires: '2027-01-14' })[0]).toMatch(/^fail HTTPRoute\/llm-serving\/chat: .*suppression expired on 2027-01-14/);
  });
});

/** Every `secure-ai.cdk8s.io/*` annotation removed, as on manifests someone else wrote or edited. */
const stripped = (objects: any[]) => objects.map((o) => ({
  ...o,
  metadata: { ...o.metadata, annotations: Object.fromEntries(Object.entries(o.metadata?.annotations ?? {}).filter(([k]) => !k.startsWith('secure-ai.cdk8s.io/'))) },
}));
const nginxConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { 'use-forwarded-headers': 'false', 'ssl-protocols': 'TLSv1.3' } };
const f5ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nginx-config', namespace: 'nginx-ingress' }, data: { 'proxy-protocol': 'False', 'ssl-protocols': 'TLSv1.3' } };
const certificate = (secretName: string, namespace = 'llm-serving') => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: secretName, namespace }, spec: { secretName } });
const ingress = (annotations: { [key: string]: string }, tls: any[] = [{ hosts: ['chat.example.com'], secretName: 'chat-tls' }]) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'chat', namespace: 'llm-serving', annotations }, spec: { ingressClassName: 'nginx', tls },
});
const virtualServer = (annotations: { [key: string]: string } = {}, policies = [{ name: 'chat-mtls' }]) => ({
  apiVersion: 'k8s.nginx.org/v1',
  kind: 'VirtualServer',
  metadata: { name: 'chat', namespace: 'llm-serving', annotations },
  spec: { ingressClassName: 'nginx', host: 'chat.example.com', tls: { secret: 'chat-tls' }, policies, routes: [{ path: '/', policies: [{ name: 'chat-limit' }] }] },
});
const f5Policy = (name: string, spec: any) => ({ apiVersion: 'k8s.nginx.org/v1', kind: 'Policy', metadata: { name, namespace: 'llm-serving' }, spec });
const secret = (name: string, namespace = 'llm-serving') => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace } });
const CLIENT_CA_WORDS = 'only the CAs trusted to sign the clients\' certificates: any certificate they sign passes the TLS handshake';

describe('SAI-EDGE-4 judges Ingresses by content (ingress-nginx)', () => {
  const mtls = { 'nginx.ingress.kubernetes.io/auth-tls-secret': 'llm-serving/partner-ca', 'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'model-ca' };

  test('compliant: an Ingress whose controller ConfigMap, certificate and CA Secrets are all in the output relies on nothing', () => {
    expect(evaluate([ingress(mtls), nginxConfigMap, certificate('chat-tls'), secret('partner-ca'), secret('model-ca')])).toStrictEqual([]);
    // cert-manager's ingress-shim issues the Secret from the Ingress's own annotation.
    expect(evaluate([ingress({ 'cert-manager.io/cluster-issuer': 'letsencrypt', 'nginx.ingress.kubernetes.io/limit-rps': '5' }), nginxConfigMap])).toStrictEqual([]);
  });

  test('non-compliant: names the controller, the certificate and each CA Secret the Ingress uses and the output does not write', () => {
    expect(evaluate([ingress(mtls)])).toStrictEqual([
      ['chat', 'warning', 'relies on the platform: the ingress-nginx controller of class nginx: its ConfigMap is not in these manifests, so the TLS versions, HSTS, how client addresses are read and whether snippet annotations are refused, for every host it serves, are the platform\'s'],
      ['chat', 'warning', 'relies on the platform: Secret llm-serving/chat-tls, the route\'s TLS certificate, is not in these manifests and nothing here issues it: the platform provides a certificate for the route\'s hosts and renews it'],
      ['chat', 'warning', `relies on the platform: Secret llm-serving/partner-ca (auth-tls-secret), not in these manifests, holds under ca.crt ${CLIENT_CA_WORDS}`],
      ['chat', 'warning', 'relies on the platform: Secret llm-serving/model-ca (proxy-ssl-secret), not in these manifests, holds under ca.crt only the CAs trusted to sign the model servers\' certificates'],
    ]);
  });

  test('a controller ConfigMap counts only for the Ingresses its controller reads and may reach', () => {
    const only = (objects: any[]) => evaluate(objects).map(([, , detail]) => String(detail).split(':')[1].trim());
    // F5 NGINX's ConfigMap does not configure an Ingress written for ingress-nginx.
    expect(only([ingress(mtls), f5ConfigMap, certificate('chat-tls'), secret('partner-ca'), secret('model-ca')])).toStrictEqual(['the ingress-nginx controller of class nginx']);
    // The Ingress's namespace admits only another namespace's pods: the ConfigMap's controller does not serve it.
    const isolation = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'llm-serving' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'from-edge', namespace: 'llm-serving' }, spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge-b' } } }] }] } },
    ];
    expect(only([ingress(mtls), nginxConfigMap, certificate('chat-tls'), secret('partner-ca'), secret('model-ca'), ...isolation])).toStrictEqual(['the ingress-nginx controller of class nginx']);
  });

  test('the record words a reliance content found; settings it records of objects the output holds are left out', () => {
    const recorded = ingress({ ...mtls, 'secure-ai.cdk8s.io/relies-on-platform': 'Secret llm-serving/partner-ca holds the partner CAs only; Secret llm-serving/chat-tls is renewed by the platform' });
    expect(evaluate([recorded, nginxConfigMap, secret('model-ca'), secret('chat-tls')])).toStrictEqual([
      ['chat', 'warning', 'relies on the platform: Secret llm-serving/partner-ca holds the partner CAs only'],
    ]);
  });

  test('mutant: a careless edit that drops the record, or records nothing the route uses, still names every reliance', () => {
    const recorded = ingress({ ...mtls, 'secure-ai.cdk8s.io/relies-on-platform': 'Secret llm-serving/other holds something' });
    const details = evaluate([recorded, nginxConfigMap, certificate('chat-tls'), secret('model-ca'), secret('other')]).map(([, , d]) => d);
    expect(details).toStrictEqual([`relies on the platform: Secret llm-serving/partner-ca (auth-tls-secret), not in these manifests, holds under ca.crt ${CLIENT_CA_WORDS}`]);
    // A record on a route that relies on nothing adds no finding.
    expect(evaluate([ingress({ 'secure-ai.cdk8s.io/relies-on-platform': 'the platform does X' }), nginxConfigMap, certificate('chat-tls')])).toStrictEqual([]);
  });

  test('the proof: the non-compliant manifests with every secure-ai.cdk8s.io annotation stripped warn for the same reliances', () => {
    const objects = [ingress({ ...mtls, 'secure-ai.cdk8s.io/relies-on-platform': 'Secret llm-serving/partner-ca holds the partner CAs only' }), nginxConfigMap, certificate('chat-tls'), secret('model-ca')];
    expect(evaluate(objects).map(([, status, detail]) => [status, String(detail).includes('Secret llm-serving/partner-ca')])).toStrictEqual([['warning', true]]);
    expect(evaluate(stripped(objects)).map(([, status, detail]) => [status, String(detail).includes('Secret llm-serving/partner-ca')])).toStrictEqual([['warning', true]]);
  });

  test('a suppression accepts the warning until it expires; then it fails', () => {
    expect(ruleFindings('SAI-EDGE-4', [ingress(mtls), nginxConfigMap, certificate('chat-tls'), secret('model-ca')], { object: 'Ingress/llm-serving/chat', expires: '2027-01-15' })[0])
      .toMatch(/^suppressed Ingress\/llm-serving\/chat: relies on the platform: Secret llm-serving\/partner-ca \(auth-tls-secret\)/);
    expect(ruleFindings('SAI-EDGE-4', [ingress(mtls), nginxConfigMap, certificate('chat-tls'), secret('model-ca')], { object: 'Ingress/llm-serving/chat', expires: '2027-01-14' })[0])
      .toMatch(/^fail Ingress\/llm-serving\/chat: .*suppression expired on 2027-01-14/);
  });
});

describe('SAI-EDGE-4 judges F5 NGINX VirtualServers and Policies by content', () => {
  const policies = [f5Policy('chat-mtls', { ingressMTLS: { clientCertSecret: 'partner-ca' } }), f5Policy('chat-limit', { rateLimit: { rate: '10r/s', key: '${binary_remote_addr}' } })];

  test('compliant: every Policy, Secret and the controller ConfigMap in the output', () => {
    expect(evaluate([virtualServer(), ...policies, f5ConfigMap, certificate('chat-tls'), secret('partner-ca')])).toStrictEqual([]);
  });

  test('non-compliant: the client CA of a Policy it names, a Policy missing from the output, the controller', () => {
    expect(evaluate([virtualServer(), policies[0], certificate('chat-tls')]).map(([, status, detail]) => [status, String(detail).replace(/^relies on the platform: /, '').split(',')[0]])).toStrictEqual([
      ['warning', 'the F5 NGINX controller of class nginx: its ConfigMap is not in these manifests'],
      ['warning', 'Secret llm-serving/partner-ca (Policy chat-mtls ingressMTLS)'],
      ['warning', 'F5 NGINX Policy llm-serving/chat-limit'],
    ]);
    // An Ingress for F5 NGINX names its Policies in nginx.org/policies.
    const f5Ingress = ingress({ 'nginx.org/policies': 'chat-mtls' });
    expect(evaluate([f5Ingress, policies[0], f5ConfigMap, certificate('chat-tls')]).map(([, , d]) => d))
      .toStrictEqual([`relies on the platform: Secret llm-serving/partner-ca (Policy chat-mtls ingressMTLS), not in these manifests, holds under ca.crt ${CLIENT_CA_WORDS}`]);
  });

  test('the proof: the recorded VirtualServer and the same one with every secure-ai.cdk8s.io annotation stripped warn for the client CA', () => {
    const objects = [virtualServer({ 'secure-ai.cdk8s.io/relies-on-platform': 'Secret llm-serving/partner-ca holds under ca.crt only the CAs trusted to sign the clients\' certificates' }), ...policies, f5ConfigMap, certificate('chat-tls')];
    expect(evaluate(objects)).toStrictEqual([['chat', 'warning', 'relies on the platform: Secret llm-serving/partner-ca holds under ca.crt only the CAs trusted to sign the clients\' certificates']]);
    expect(evaluate(stripped(objects))).toStrictEqual([['chat', 'warning', `relies on the platform: Secret llm-serving/partner-ca (Policy chat-mtls ingressMTLS), not in these manifests, holds under ca.crt ${CLIENT_CA_WORDS}`]]);
  });

  test('a suppression accepts the warning until it expires; then it fails', () => {
    const objects = [virtualServer(), ...policies, f5ConfigMap, certificate('chat-tls')];
    expect(ruleFindings('SAI-EDGE-4', objects, { object: 'VirtualServer/llm-serving/chat', expires: '2027-01-15' })[0]).toMatch(/^suppressed VirtualServer\/llm-serving\/chat: relies on the platform: Secret llm-serving\/partner-ca/);
    expect(ruleFindings('SAI-EDGE-4', objects, { object: 'VirtualServer/llm-serving/chat', expires: '2027-01-14' })[0]).toMatch(/^fail VirtualServer\/llm-serving\/chat: .*suppression expired on 2027-01-14/);
  });
});

describe('SAI-EDGE-4 Gateway API routes: the record never replaces content', () => {
  test('a route attached through a ListenerSet of the output relies on the ListenerSet\'s Gateway; one through a ListenerSet not in the output, on the ListenerSet', () => {
    const listenerSet = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ListenerSet', metadata: { name: 'chat', namespace: 'llm-serving' }, spec: { parentRef: { kind: 'Gateway', name: 'gw', namespace: 'g' } } };
    const viaSet = route({}, [{ kind: 'ListenerSet', name: 'chat' }]);
    expect(evaluate([viaSet, listenerSet])).toStrictEqual([['chat', 'warning', 'relies on the platform: Gateway g/gw, which ListenerSet llm-serving/chat joins, not in these manifests: whether it admits the ListenerSet (allowedListeners), its other listeners for the route\'s hosts and its HTTP to HTTPS redirect']]);
    expect(evaluate([viaSet])[0][2]).toMatch(/^relies on the platform: ListenerSet llm-serving\/chat, not in these manifests/);
  });

  test('mutant: a record that names another Gateway leaves the Gateway the route uses named by content; an AIGatewayRoute is judged too', () => {
    expect(evaluate([route({ 'secure-ai.cdk8s.io/relies-on-platform': 'Gateway other/gw: HTTPS' })])).toStrictEqual([
      ['chat', 'warning', 'relies on the platform: Gateway other/gw: HTTPS'],
      ['chat', 'warning', CONTENT],
    ]);
    const aiRoute = { ...route(), apiVersion: 'aigateway.envoyproxy.io/v1beta1', kind: 'AIGatewayRoute' };
    expect(evaluate([aiRoute])).toStrictEqual([['chat', 'warning', CONTENT]]);
  });

  test('a record on a route whose Gateway is in the output adds nothing: content decides', () => {
    const gateway = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'g' } };
    expect(evaluate([route({ 'secure-ai.cdk8s.io/relies-on-platform': 'Gateway g/gw: HTTPS' }), gateway])).toStrictEqual([]);
  });
});

describe('SAI-EDGE-4 Envoy Gateway per-client controls rely on how the Gateway reads client addresses', () => {
  const limit = {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { name: 'chat', namespace: 'llm-serving' },
    spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'chat' }], rateLimit: { local: { rules: [{ clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }], limit: { requests: 5, unit: 'Second' } }] } } },
  };
  const allow = {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'SecurityPolicy',
    metadata: { name: 'chat', namespace: 'llm-serving' },
    spec: { targetRef: { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'chat' }, authorization: { rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }] } },
  };
  const CLIENT_ADDRESSES = 'relies on the platform: Gateway g/gw, not in these manifests: how it reads client addresses (a ClientTrafficPolicy clientIPDetection on it), which the route\'s per-client controls use (BackendTrafficPolicy chat rate limits by sourceCIDR, SecurityPolicy chat authorization by clientCIDRs)';

  test('non-compliant and the proof: named by content, with or without the record that words it', () => {
    expect(evaluate([route(), limit, allow])).toStrictEqual([['chat', 'warning', CONTENT], ['chat', 'warning', CLIENT_ADDRESSES]]);
    const recorded = [route({ 'secure-ai.cdk8s.io/relies-on-platform': 'Gateway g/gw listener https: HTTPS; the Gateway\'s ClientTrafficPolicy clientIPDetection reads client addresses as the load balancer delivers them' }), limit, allow];
    expect(evaluate(recorded).map(([, status]) => status)).toStrictEqual(['warning', 'warning']);
    expect(evaluate(stripped(recorded))).toStrictEqual([['chat', 'warning', CONTENT], ['chat', 'warning', CLIENT_ADDRESSES]]);
  });

  test('compliant: no per-client control, a policy on another route, or a ClientTrafficPolicy of the output on the route\'s ListenerSet', () => {
    const other = { ...limit, spec: { ...limit.spec, targetRefs: [{ kind: 'HTTPRoute', name: 'other' }] } };
    expect(evaluate([route(), other])).toStrictEqual([['chat', 'warning', CONTENT]]);
    const listenerSet = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ListenerSet', metadata: { name: 'chat', namespace: 'llm-serving' }, spec: { parentRef: { kind: 'Gateway', name: 'gw', namespace: 'g' } } };
    const direct = {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'ClientTrafficPolicy',
      metadata: { name: 'chat', namespace: 'llm-serving' },
      spec: { targetRefs: [{ kind: 'ListenerSet', name: 'chat' }], clientIPDetection: { directSourceIP: {} } },
    };
    expect(evaluate([route({}, [{ kind: 'ListenerSet', name: 'chat' }]), listenerSet, direct, limit]).map(([, , d]) => String(d).includes('client addresses'))).toStrictEqual([false]);
  });

  test('a suppression accepts the warnings until it expires; then they fail', () => {
    expect(ruleFindings('SAI-EDGE-4', [route(), limit, allow], { object: 'HTTPRoute/llm-serving/chat', expires: '2027-01-15' })[1]).toMatch(/^suppressed HTTPRoute\/llm-serving\/chat: relies on the platform: Gateway g\/gw, not in these manifests: how it reads client addresses/);
    expect(ruleFindings('SAI-EDGE-4', [route(), limit, allow], { object: 'HTTPRoute/llm-serving/chat', expires: '2027-01-14' })[1]).toMatch(/^fail HTTPRoute\/llm-serving\/chat: .*how it reads client addresses.*suppression expired on 2027-01-14/);
  });
});
