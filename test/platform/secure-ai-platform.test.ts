import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  AITrainingNamespace, ClientAddress, DetectorAction, EdgeController, InferenceBackend, LlmWafProfile, RolloutStrategy, SecureAiPlatform,
  SecureInferenceEndpoint, ServingNamespaceQuota, TlsVersion,
} from '../../src';
import { DIGEST_IMAGE, MINIMAL_ENDPOINT } from '../support/endpoint-fixtures';
import { find, MINIMAL_TRAINING } from '../support/fixtures';
import { synthApp, testApp, testChart } from '../support/synth-app';

describe('SecureAiPlatform', () => {
  test('is one per app, found from any construct of it', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    expect(SecureAiPlatform.of(a)).toBe(SecureAiPlatform.of(b));
    expect(SecureAiPlatform.of(a).controllerChart.node.scope).toBe(app);
  });

  test('composes one controller ConfigMap from the endpoints of several charts', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'one'), 'chat', MINIMAL_ENDPOINT);
    new SecureInferenceEndpoint(new Chart(app, 'two'), 'vision', { ...MINIMAL_ENDPOINT, namespace: 'vision', hosts: ['vision.example.com'] });
    const settings = Testing.synth(SecureAiPlatform.of(app).controllerChart).filter((o) => o.metadata.name === 'ingress-nginx-controller');
    expect(settings).toHaveLength(1);
    expect(settings[0].metadata.annotations['secure-ai.cdk8s.io/composed-from']).toBe('serving/chat, vision/vision');
  });

  test('fails at synthesis when two endpoints on one controller need different controller-wide values, naming both', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    new SecureInferenceEndpoint(chart, 'strict', {
      ...MINIMAL_ENDPOINT, namespace: 'strict', hosts: ['strict.example.com'], tls: { ...MINIMAL_ENDPOINT.tls, minimumVersion: TlsVersion.TLS_1_3 },
    });
    expect(() => app.synth()).toThrow(/Invalid controller settings "ssl-protocols" of ingress-nginx\/ingress-nginx-controller: "serving\/chat: \\"TLSv1.2 TLSv1.3\\", strict\/strict: \\"TLSv1.3\\"". This setting is controller-wide/);
  });

  test('the client address is controller-wide: endpoints giving one controller different ClientAddress fail at synthesis, naming both and the option', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    new SecureInferenceEndpoint(chart, 'behind-lb', {
      ...MINIMAL_ENDPOINT, namespace: 'lb', hosts: ['lb.example.com'], controller: EdgeController.ingressNginx({ clientAddress: ClientAddress.proxyProtocol(['10.0.0.0/16']) }),
    });
    expect(() => app.synth()).toThrow(/Invalid controller settings "use-proxy-protocol" of ingress-nginx\/ingress-nginx-controller: "serving\/chat: \\"false\\", lb\/behind-lb: \\"true\\"". This setting is controller-wide.*align their controller clientAddress/);
  });

  test('endpoints sharing one ClientAddress compose it once, named among the controller-wide settings', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    const controller = EdgeController.ingressNginx({ clientAddress: ClientAddress.forwardedFor(['10.0.0.0/16']) });
    new SecureInferenceEndpoint(chart, 'chat', { ...MINIMAL_ENDPOINT, controller });
    new SecureInferenceEndpoint(chart, 'vision', { ...MINIMAL_ENDPOINT, controller, namespace: 'vision', hosts: ['vision.example.com'] });
    const cm = find(Testing.synth(SecureAiPlatform.of(app).controllerChart), 'ConfigMap', 'ingress-nginx-controller');
    expect(cm.data).toMatchObject({ 'enable-real-ip': 'true', 'forwarded-for-header': 'X-Forwarded-For', 'proxy-real-ip-cidr': '10.0.0.0/16', 'use-forwarded-headers': 'false' });
    expect(cm.metadata.annotations['secure-ai.cdk8s.io/controller-wide-settings'])
      .toMatch(/use-forwarded-headers, use-proxy-protocol, enable-real-ip, forwarded-for-header, proxy-real-ip-cidr, compute-full-forwarded-for/);
  });

  test('the composed WAF rules must fit one ConfigMap: endpoints that differ in caps share detectors and fit; as many that differ in detectors fail at synthesis', () => {
    const endpoints = (profile: (i: number) => LlmWafProfile) => {
      const app = Testing.app();
      const chart = new Chart(app, 'serving');
      for (let i = 0; i < 24; i++) {
        new SecureInferenceEndpoint(chart, `e${i}`, { ...MINIMAL_ENDPOINT, namespace: `ns${i}`, hosts: [`e${i}.example.com`], waf: { profile: profile(i) } });
      }
      return app;
    };
    const caps = endpoints((i) => new LlmWafProfile({ costFieldCaps: [{ field: 'max_tokens', max: 1000 + i }] }));
    const cm = find(Testing.synth(SecureAiPlatform.of(caps).controllerChart), 'ConfigMap', 'llm-waf-rules');
    // Beyond what client-side apply can record in an annotation (262,144 bytes): Argo CD applies it server-side.
    expect(cm.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('ServerSideApply=true');
    const rules: string = cm.data['llm-waf.conf'];
    expect(Buffer.byteLength(rules)).toBeGreaterThan(262144);
    expect(rules).toContain('# Group 24:');
    expect(rules).toContain('# Detector section 1: groups 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24.');
    expect(Buffer.byteLength(rules)).toBeLessThan(1024 * 1024);
    // The k-th detector of endpoint i blocks or logs by the k-th binary digit of i.
    const action = (i: number, k: number) => [DetectorAction.BLOCK, DetectorAction.LOG][Math.floor(i / 2 ** k) % 2];
    const detectors = endpoints((i) => new LlmWafProfile({
      costFieldCaps: [{ field: 'max_tokens', max: 1000 + i }],
      promptInjection: action(i, 0),
      sensitiveData: { jwts: action(i, 1), privateKeys: action(i, 2), paymentCards: action(i, 3), nationalIds: action(i, 4) },
    }));
    expect(() => detectors.synth()).toThrow(new RegExp('Invalid size in bytes of the WAF rules composed for the controller in namespace ingress-nginx: \\d{7}\\. '
      + 'A ConfigMap holds at most 1048576 bytes of data \\(the API server refuses more\\)\\. Its 24 endpoints compose to 24 rule groups .* and 24 detector sections '
      + '.*give endpoints of one kind the same profile and detector actions, or put some on another controller\\.'));
  });

  test('endpoints of one namespace share its Namespace and default policies: the first writes them', () => {
    const chart = testChart();
    const chat = new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    const embeddings = new SecureInferenceEndpoint(chart, 'embeddings', { ...MINIMAL_ENDPOINT, hosts: ['embeddings.example.com'] });
    const files = synthApp(chart.node.root as App);
    const objects = files['test.k8s.yaml'];
    expect(files['secure-ai-platform-owned.k8s.yaml'].filter((o) => o.kind === 'Namespace')).toHaveLength(1);
    expect(chat.platformObjects.filter((o) => o.kind === 'Namespace')).toHaveLength(1);
    expect(embeddings.platformObjects.filter((o) => o.kind === 'Namespace')).toHaveLength(0);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny')).toHaveLength(1);
    expect(chat.networkPolicies.map((p) => p.name)).toContain('default-deny');
    expect(embeddings.networkPolicies.map((p) => p.name)).toStrictEqual(['embeddings-from-controller', 'embeddings-acme-http01-solver']);
    expect(find(objects, 'NetworkPolicy', 'embeddings-from-controller').metadata.namespace).toBe('serving');
  });

  test('fails when endpoints sharing a namespace disagree on createNamespace, or share a training namespace', () => {
    const chart = Testing.chart();
    new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    expect(() => new SecureInferenceEndpoint(chart, 'other', { ...MINIMAL_ENDPOINT, hosts: ['other.example.com'], createNamespace: false }))
      .toThrow(/Invalid createNamespace of test\/other: false\. test\/chat shares this namespace with createNamespace: true; endpoints sharing a namespace must agree on it/);
    new AITrainingNamespace(chart, 'team', MINIMAL_TRAINING);
    expect(() => new SecureInferenceEndpoint(chart, 'in-training', { ...MINIMAL_ENDPOINT, namespace: MINIMAL_TRAINING.name, hosts: ['t.example.com'] }))
      .toThrow(/already uses this namespace, and an AITrainingNamespace owns its namespace alone/);
  });

  test('fails when endpoints sharing a namespace disagree on clusterDns (they share its allow-dns policy)', () => {
    const chart = Testing.chart();
    new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    expect(() => new SecureInferenceEndpoint(chart, 'other', { ...MINIMAL_ENDPOINT, hosts: ['other.example.com'], clusterDns: { nodeLocalDnsCidr: '169.254.25.10/32' } }))
      .toThrow(/Invalid clusterDns of test\/other: "pods k8s-app=kube-dns in namespaces kubernetes\.io\/metadata\.name=kube-system, NodeLocal DNSCache 169\.254\.25\.10\/32"\. test\/chat shares this namespace with clusterDns pods k8s-app=kube-dns in namespaces kubernetes\.io\/metadata\.name=kube-system, NodeLocal DNSCache 169\.254\.20\.10\/32\..*give them the same clusterDns/);
    // The same settings, written out or left to their defaults, agree.
    expect(() => new SecureInferenceEndpoint(chart, 'same', { ...MINIMAL_ENDPOINT, hosts: ['same.example.com'], clusterDns: { nodeLocalDnsCidr: '169.254.20.10/32' } })).not.toThrow();
  });

  test('fails app validation when two objects have the same kind, namespace and name', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    new ApiObject(chart, 'copy', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'chat', namespace: 'serving' } });
    expect(() => app.synth()).toThrow(/Invalid objects: Service serving\/chat is written twice \(serving\/chat\/model\/service and serving\/copy\)/);
  });

  test('has a platform-owned chart at the app root, written to secure-ai-platform-owned.k8s.yaml with the files\' names unprefixed', () => {
    const app = testApp();
    const platform = SecureAiPlatform.of(app);
    expect(platform.platformOwnedChart.node.scope).toBe(app);
    expect(platform.platformOwnedChart.node.id).toBe('secure-ai-platform-owned');
    new SecureInferenceEndpoint(new Chart(app, 'serving'), 'chat', MINIMAL_ENDPOINT);
    new AITrainingNamespace(new Chart(app, 'training'), 'team', MINIMAL_TRAINING);
    expect(Object.keys(synthApp(app))).toStrictEqual([
      'secure-ai-audit-policy.k8s.yaml', 'secure-ai-controllers.k8s.yaml', 'secure-ai-platform-owned.k8s.yaml', 'serving.k8s.yaml', 'training.k8s.yaml',
    ]);
  });

  test('keeps each construct\'s platform-owned objects under its own path: two endpoints of one id in two charts do not collide', () => {
    const app = testApp();
    const a = new SecureInferenceEndpoint(new Chart(app, 'a'), 'llm', MINIMAL_ENDPOINT);
    const b = new SecureInferenceEndpoint(new Chart(app, 'b'), 'llm', { ...MINIMAL_ENDPOINT, namespace: 'other', hosts: ['other.example.com'] });
    expect(a.platformObjects.map((o) => o.node.path)).toContain('secure-ai-platform-owned/a/llm/namespace');
    expect(b.platformObjects.map((o) => o.node.path)).toContain('secure-ai-platform-owned/b/llm/namespace');
    const platform = synthApp(app)['secure-ai-platform-owned.k8s.yaml'];
    expect(platform.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toStrictEqual(['serving', 'other']);
  });

  test('orders what an endpoint puts into the platform-owned chart after its namespace, written by another endpoint', () => {
    const app = testApp();
    const first = new Chart(app, 'first');
    const second = new Chart(app, 'second');
    // The first chart's endpoint in "serving" comes first in the construct tree, but "shared" is
    // created by the second chart's endpoint: the later endpoint of "first" must still follow it.
    new SecureInferenceEndpoint(first, 'chat', MINIMAL_ENDPOINT);
    new SecureInferenceEndpoint(second, 'vision', { ...MINIMAL_ENDPOINT, namespace: 'shared', hosts: ['vision.example.com'] });
    new SecureInferenceEndpoint(first, 'embeddings', { ...MINIMAL_ENDPOINT, namespace: 'shared', hosts: ['embeddings.example.com'] });
    const names = synthApp(app)['secure-ai-platform-owned.k8s.yaml'].map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    const shared = names.indexOf('Namespace//shared');
    expect(shared).toBeGreaterThanOrEqual(0);
    for (const name of ['Role/shared/embeddings-deployer', 'RoleBinding/shared/embeddings-deployer', 'ServiceAccount/shared/embeddings-deployer',
      'ValidatingAdmissionPolicy//secure-ai-shared-embeddings-change-control']) {
      expect([name, names.indexOf(name)]).toStrictEqual([name, expect.any(Number)]);
      expect(names.indexOf(name)).toBeGreaterThan(shared);
    }
  });

  test('composes one ResourceQuota and one LimitRange per serving namespace from its endpoints, in every chart', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'one'), 'chat', MINIMAL_ENDPOINT);
    new SecureInferenceEndpoint(new Chart(app, 'two'), 'embed', {
      ...MINIMAL_ENDPOINT, hosts: ['embed.example.com'], backend: InferenceBackend.workload({ image: DIGEST_IMAGE, replicas: 2, rollout: RolloutStrategy.SURGE_ONE }),
    });
    new SecureInferenceEndpoint(new Chart(app, 'three'), 'vision', { ...MINIMAL_ENDPOINT, namespace: 'vision', hosts: ['vision.example.com'] });
    const owned = Testing.synth(SecureAiPlatform.of(app).platformOwnedChart).filter((o) => ['ResourceQuota', 'LimitRange'].includes(o.kind));
    expect(owned.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toStrictEqual([
      'ResourceQuota serving/serving-quota', 'LimitRange serving/container-limits', 'ResourceQuota vision/serving-quota', 'LimitRange vision/container-limits',
    ]);
    const serving = owned[0];
    expect(serving.metadata.annotations['secure-ai.cdk8s.io/composed-from']).toBe('serving/chat, serving/embed');
    expect(serving.spec.hard).toMatchObject({ 'requests.nvidia.com/gpu': '4', 'services.nodeports': '2', 'services.loadbalancers': '0' });
    expect(owned[2].spec.hard).toMatchObject({ 'requests.nvidia.com/gpu': '1', 'services.nodeports': '1' });
    // The user's charts hold none of it.
    expect(app.charts.filter((c) => c !== SecureAiPlatform.of(app).platformOwnedChart).flatMap((c) => c.toJson())
      .filter((o) => ['ResourceQuota', 'LimitRange'].includes(o.kind))).toStrictEqual([]);
  });

  test('writes no quota for a namespace the endpoints do not create, or whose endpoints turned it off', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new SecureInferenceEndpoint(chart, 'theirs', { ...MINIMAL_ENDPOINT, createNamespace: false });
    new SecureInferenceEndpoint(chart, 'off', { ...MINIMAL_ENDPOINT, namespace: 'open', hosts: ['off.example.com'], namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() });
    new SecureInferenceEndpoint(chart, 'off-too', { ...MINIMAL_ENDPOINT, namespace: 'open', hosts: ['off2.example.com'], namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() });
    expect(Testing.synth(SecureAiPlatform.of(app).platformOwnedChart).filter((o) => ['ResourceQuota', 'LimitRange'].includes(o.kind))).toStrictEqual([]);
  });

  test('fails when an endpoint disagrees with its namespace\'s first endpoint on turning the quota off', () => {
    const chart = Testing.chart();
    new SecureInferenceEndpoint(chart, 'chat', MINIMAL_ENDPOINT);
    expect(() => new SecureInferenceEndpoint(chart, 'other', { ...MINIMAL_ENDPOINT, hosts: ['other.example.com'], namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() }))
      .toThrow(/^Invalid namespaceQuota of serving\/other: "ServingNamespaceQuota\.unlimitedInsecure\(\)"\. serving\/chat shares this namespace with a quota; endpoints sharing a namespace share its quota and must agree on turning it off\.$/);
  });

  test('composes one audit policy from every training namespace of the app', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'training');
    const a = new AITrainingNamespace(chart, 'a', { ...MINIMAL_TRAINING, name: 'team-a' });
    const b = new AITrainingNamespace(chart, 'b', { ...MINIMAL_TRAINING, name: 'team-b' });
    expect(a.auditPolicyChart).toBe(b.auditPolicyChart);
    const [policy] = Testing.synth(a.auditPolicyChart);
    expect(policy.rules.map((r: any) => r.namespaces ?? r.resources[0].resourceNames)).toStrictEqual([
      ['team-a', 'team-b'], ['team-a', 'team-b'], ['team-a', 'team-b'], ['team-a', 'team-b'],
    ]);
  });
});
