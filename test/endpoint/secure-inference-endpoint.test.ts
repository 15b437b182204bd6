import { Chart, Testing } from 'cdk8s';
import {
  Authentication, BackendCaBundle, CertificateChallenge, CertificateIssuer, ClientAddress, ClientCertificateVerification, EdgeController,
  GatewayListener, InferenceBackend, LimitScope, ModelServer, NetworkPeer, LlmWafProfile, NetworkPort, PathMatch, PrivateKeyAlgorithm,
  SecureAiPlatform, SecureInferenceEndpoint,
  ServingNamespaceQuota, Subject, TlsVersion, WafMode,
} from '../../src';
import { DIGEST_IMAGE, EXISTING_SERVICE_QUOTA, MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, MINIMAL_F5_ENDPOINT, synthEndpoint } from '../support/endpoint-fixtures';
import { find } from '../support/fixtures';
import { validateAgainstKubernetesSchema } from '../support/kubernetes-schema';

const ANN = 'nginx.ingress.kubernetes.io/';
/** Kinds that let someone in: a cluster administrator applies them, never the deployer. */
const RBAC_KINDS = ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

/** The serving namespace's ResourceQuota and LimitRange, from the app's platform-owned chart. */
function quotaObjects(chart: Chart): any[] {
  return Testing.synth(SecureAiPlatform.of(chart).platformOwnedChart).filter((o) => ['ResourceQuota', 'LimitRange'].includes(o.kind));
}

describe('SecureInferenceEndpoint on ingress-nginx', () => {
  test('snapshot', () => {
    const { objects, platform, hardening } = synthEndpoint({
      canary: { backend: InferenceBackend.service('llm-v2', 8000, { app: 'llm-v2' }), weightPercent: 10 },
      namespaceQuota: EXISTING_SERVICE_QUOTA,
      metricsScrape: { namespace: 'monitoring', port: 8000 },
      changeControl: { auditors: [Subject.group('auditors')] },
    });
    expect(objects).toMatchSnapshot();
    expect(hardening).toMatchSnapshot();
    expect(platform).toMatchSnapshot();
  });

  test('core objects validate against the Kubernetes schema', () => {
    for (const { objects, platform } of [synthEndpoint(), synthEndpoint({}, MINIMAL_F5_ENDPOINT)]) {
      validateAgainstKubernetesSchema(objects);
      validateAgainstKubernetesSchema(platform);
    }
  });

  test('the deployer\'s chart holds no cluster-scoped object and no RBAC; the platform-owned file holds them', () => {
    const ref = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    for (const { objects, platform, files, endpoint } of [synthEndpoint(), synthEndpoint({}, MINIMAL_F5_ENDPOINT)]) {
      expect(Object.keys(files)).toStrictEqual(['secure-ai-controllers.k8s.yaml', 'secure-ai-platform-owned.k8s.yaml', 'test.k8s.yaml']);
      expect(objects.length).toBeGreaterThan(0);
      expect(objects.filter((o) => o.metadata.namespace === undefined).map(ref)).toStrictEqual([]);
      expect(objects.filter((o) => RBAC_KINDS.includes(o.kind)).map(ref)).toStrictEqual([]);
      expect(platform.map(ref)).toStrictEqual([
        'Namespace//serving', 'ServiceAccount/serving/llm-deployer', 'Role/serving/llm-deployer', 'RoleBinding/serving/llm-deployer',
        'ValidatingAdmissionPolicy//secure-ai-serving-llm-change-control', 'ValidatingAdmissionPolicyBinding//secure-ai-serving-llm-change-control',
        'ResourceQuota/serving/serving-quota', 'LimitRange/serving/container-limits',
      ]);
      // The namespace's quota is composed from every endpoint of the namespace: the platform's, not this endpoint's.
      expect(endpoint.platformObjects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.name}`))
        .toStrictEqual(platform.filter((o) => !['ResourceQuota', 'LimitRange'].includes(o.kind)).map(ref));
      expect(endpoint.platformObjects.every((o) => o.node.path.startsWith('secure-ai-platform-owned/test/llm/'))).toBe(true);
    }
  });

  test('without a Namespace or a ServiceAccount to create, the platform-owned file holds the RBAC and the admission policy', () => {
    const { objects, platform, endpoint } = synthEndpoint({ createNamespace: false, changeControl: { deployers: [Subject.group('release')], auditors: [Subject.group('auditors')] } });
    expect(platform.map((o) => `${o.kind}/${o.metadata.name}`)).toStrictEqual([
      'Role/llm-deployer', 'RoleBinding/llm-deployer', 'Role/llm-auditor', 'RoleBinding/llm-auditor',
      'ValidatingAdmissionPolicy/secure-ai-serving-llm-change-control', 'ValidatingAdmissionPolicyBinding/secure-ai-serving-llm-change-control',
    ]);
    expect(endpoint.platformObjects).toHaveLength(6);
    expect(objects.filter((o) => o.metadata.namespace === undefined || RBAC_KINDS.includes(o.kind))).toStrictEqual([]);
  });

  test('only the preset\'s inference routes are routed, exactly', () => {
    const ingress = find(synthEndpoint().objects, 'Ingress');
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType])).toStrictEqual([
      ['/v1/chat/completions', 'Exact'], ['/v1/completions', 'Exact'], ['/v1/embeddings', 'Exact'], ['/v1/models', 'Exact'],
      ['/v1/responses', 'Exact'], ['/v1/audio/transcriptions', 'Exact'], ['/v1/audio/translations', 'Exact'],
    ]);
    const paths = JSON.stringify(ingress.spec);
    for (const internal of ['/metrics', '/health', 'lora', 'collective_rpc', 'sleep', 'profile', 'reset_prefix_cache', 'tokenize']) {
      expect(paths).not.toContain(internal);
    }
    expect(ingress.spec.tls).toStrictEqual([{ hosts: ['llm.example.com'], secretName: 'llm-tls' }]);
    expect(ingress.spec.ingressClassName).toBe('nginx');
  });

  test('Triton exposes inference of the named models only, never the repository, logging or trace APIs', () => {
    const ingress = find(synthEndpoint({ modelServer: ModelServer.triton(['resnet50']), backend: InferenceBackend.service('triton', 8000, { app: 'triton' }), namespaceQuota: EXISTING_SERVICE_QUOTA }).objects, 'Ingress');
    const paths = ingress.spec.rules[0].http.paths.map((p: any) => p.path);
    expect(paths).toStrictEqual(['/v2/models/resnet50/infer', '/v2/models/resnet50/generate', '/v2/models/resnet50/generate_stream', '/v2/models/resnet50', '/v2/models/resnet50/ready']);
    expect(paths.join()).not.toMatch(/repository|logging|trace|stats/);
  });

  test('annotations: HTTPS only, LLM-sized body, streaming timeouts, buffering off, limits, OIDC, ModSecurity, no snippet', () => {
    const { annotations } = find(synthEndpoint().objects, 'Ingress').metadata;
    expect(annotations).toStrictEqual({
      [`${ANN}ssl-redirect`]: 'true',
      [`${ANN}force-ssl-redirect`]: 'true',
      [`${ANN}backend-protocol`]: 'HTTP',
      [`${ANN}proxy-body-size`]: '32m',
      [`${ANN}proxy-connect-timeout`]: '10',
      [`${ANN}proxy-read-timeout`]: '600',
      [`${ANN}proxy-send-timeout`]: '600',
      [`${ANN}proxy-buffering`]: 'off',
      [`${ANN}limit-rps`]: '10',
      [`${ANN}limit-burst-multiplier`]: '2',
      [`${ANN}limit-connections`]: '20',
      [`${ANN}auth-url`]: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth',
      [`${ANN}enable-modsecurity`]: 'true',
      [`${ANN}enable-owasp-core-rules`]: 'true',
      [`${ANN}modsecurity-transaction-id`]: 'llm-waf_serving_llm_$request_id',
    });
  });

  test('source ranges, rpm, client certificates become annotations', () => {
    const { annotations } = find(synthEndpoint({
      sourceRanges: { allow: ['10.0.0.0/8'], deny: ['10.1.0.0/16'] },
      limits: { requestsPerMinute: 100 },
      tls: { issuer: CertificateIssuer.issuer('ca'), clientCertificate: { caSecretName: 'client-ca' } },
      authentication: Authentication.clientCertificate(),
    }).objects, 'Ingress').metadata;
    expect(annotations).toMatchObject({
      [`${ANN}allowlist-source-range`]: '10.0.0.0/8',
      [`${ANN}denylist-source-range`]: '10.1.0.0/16',
      [`${ANN}limit-rpm`]: '100',
      [`${ANN}auth-tls-secret`]: 'serving/client-ca',
      [`${ANN}auth-tls-verify-client`]: 'on',
      [`${ANN}auth-tls-verify-depth`]: '1',
      [`${ANN}auth-tls-pass-certificate-to-upstream`]: 'false',
    });
    expect(Object.keys(annotations).some((k) => k.includes('auth-url'))).toBe(false);
  });

  test('a canary Ingress carries the weight or header', () => {
    const { objects } = synthEndpoint({ canary: { backend: InferenceBackend.service('v2', 8000, { app: 'v2' }), weightPercent: 10, header: 'X-Canary', headerValue: 'yes' }, namespaceQuota: EXISTING_SERVICE_QUOTA });
    const canary = find(objects, 'Ingress', 'llm-canary');
    expect(canary.metadata.annotations).toMatchObject({ [`${ANN}canary`]: 'true', [`${ANN}canary-weight`]: '10', [`${ANN}canary-by-header`]: 'X-Canary', [`${ANN}canary-by-header-value`]: 'yes' });
    expect(canary.spec.rules[0].http.paths[0].backend.service).toStrictEqual({ name: 'v2', port: { number: 8000 } });
    expect(find(objects, 'NetworkPolicy', 'llm-canary-from-controller').spec.podSelector).toStrictEqual({ matchLabels: { app: 'v2' } });
  });

  test('the certificate: ECDSA P-256, a new key at every renewal, 90 days renewed 30 days before', () => {
    expect(find(synthEndpoint().objects, 'Certificate').spec).toStrictEqual({
      secretName: 'llm-tls',
      dnsNames: ['llm.example.com'],
      issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt', group: 'cert-manager.io' },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      duration: '2160h0m0s',
      renewBefore: '720h0m0s',
      usages: ['server auth', 'digital signature'],
    });
    expect(find(synthEndpoint({ tls: { issuer: CertificateIssuer.issuer('x'), privateKey: PrivateKeyAlgorithm.ED25519 } }).objects, 'Certificate').spec.privateKey)
      .toStrictEqual({ algorithm: 'Ed25519', rotationPolicy: 'Always' });
  });

  test('the model pod is hardened to the restricted level', () => {
    const d = find(synthEndpoint().objects, 'Deployment');
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toStrictEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.image).toBe(DIGEST_IMAGE);
    expect(c.resources.limits).toStrictEqual({ 'cpu': '4', 'memory': '32Gi', 'ephemeral-storage': '24Gi', 'nvidia.com/gpu': '1' });
    expect(c.resources.requests).toStrictEqual(c.resources.limits);
    expect(c.readinessProbe.httpGet.path).toBe('/health');
    expect(pod.volumes.map((v: any) => v.name)).toStrictEqual(['cache', 'tmp', 'shm']);
  });

  test('NetworkPolicies: default deny, DNS, only the controller reaches the serving port, declared egress without metadata', () => {
    const { objects } = synthEndpoint({ egress: [{ name: 'store', peer: NetworkPeer.cidr('0.0.0.0/0'), ports: [NetworkPort.tcp(443)] }] });
    expect(find(objects, 'NetworkPolicy', 'default-deny').spec).toStrictEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(find(objects, 'NetworkPolicy', 'llm-from-controller').spec).toStrictEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'model-server' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } },
        }],
        ports: [{ protocol: 'TCP', port: 8000 }],
      }],
    });
    expect(find(objects, 'NetworkPolicy', 'allow-egress-store').spec.egress[0].to).toStrictEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32'] } }]);
  });

  test('an existing Service that forwards one port to another: routed to the Service port, the pods admitted on theirs', () => {
    const { objects } = synthEndpoint({ backend: InferenceBackend.service('llm-svc', 80, { app: 'llm' }, 8000), namespaceQuota: EXISTING_SERVICE_QUOTA });
    expect(find(objects, 'Ingress').spec.rules[0].http.paths[0].backend).toStrictEqual({ service: { name: 'llm-svc', port: { number: 80 } } });
    expect(find(objects, 'NetworkPolicy', 'llm-from-controller').spec.ingress[0].ports).toStrictEqual([{ protocol: 'TCP', port: 8000 }]);
    const f5 = synthEndpoint({ backend: InferenceBackend.service('triton', 80, { app: 'triton' }, 8000) }, MINIMAL_F5_ENDPOINT).objects;
    expect(find(f5, 'VirtualServer').spec.upstreams[0].port).toBe(80);
    expect(find(f5, 'NetworkPolicy', 'llm-from-controller').spec.ingress[0].ports).toStrictEqual([{ protocol: 'TCP', port: 8000 }]);
    // Without a targetPort, the Service port is taken to be the pods' port (documented default).
    expect(find(synthEndpoint({ backend: InferenceBackend.service('llm-svc', 8000, { app: 'llm' }), namespaceQuota: EXISTING_SERVICE_QUOTA }).objects, 'NetworkPolicy', 'llm-from-controller')
      .spec.ingress[0].ports).toStrictEqual([{ protocol: 'TCP', port: 8000 }]);
    expect(() => InferenceBackend.service('llm-svc', 80, { app: 'llm' }, 70000)).toThrow(/Invalid backend targetPort: 70000/);
  });

  test('change control: the deployer alone writes the endpoint; a policy rejects everyone else', () => {
    const { platform, endpoint } = synthEndpoint({ changeControl: { auditors: [Subject.group('auditors')] } });
    expect(endpoint.deployerServiceAccountName).toBe('llm-deployer');
    const deployer = find(platform, 'Role', 'llm-deployer');
    expect(deployer.rules.map((r: any) => r.resources.join(','))).toStrictEqual(['ingresses,networkpolicies', 'services', 'deployments', 'poddisruptionbudgets', 'certificates', 'pods,events', 'secrets']);
    expect(find(platform, 'Role', 'llm-auditor').rules.every((r: any) => r.verbs.every((v: string) => ['get', 'list', 'watch'].includes(v)))).toBe(true);
    const policy = find(platform, 'ValidatingAdmissionPolicy');
    expect(policy.spec.variables).toContainEqual({ name: 'deployerUsers', expression: "['system:serviceaccount:serving:llm-deployer']" });
    expect(policy.spec.matchConstraints.resourceRules.map((r: any) => r.resources.join(','))).toStrictEqual([
      'pods,pods/ephemeralcontainers,replicationcontrollers,services,endpoints', 'replicasets,deployments,statefulsets,daemonsets',
      'jobs,cronjobs', 'endpointslices', 'ingresses,networkpolicies', 'poddisruptionbudgets', 'certificates',
    ]);
    expect(find(platform, 'ValidatingAdmissionPolicyBinding').spec.validationActions).toStrictEqual(['Deny', 'Audit']);
  });

  test('the deployer Role covers every object of the deployer\'s chart, and nothing cluster-scoped', () => {
    const { objects, platform } = synthEndpoint();
    const deployer = find(platform, 'Role', 'llm-deployer');
    const granted = new Set(deployer.rules.filter((r: any) => r.verbs.includes('create'))
      .flatMap((r: any) => r.resources.map((res: string) => `${res}.${r.apiGroups[0]}`)));
    const plural = (kind: string) => (kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : kind.endsWith('s') ? `${kind}es` : `${kind}s`).toLowerCase();
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
      expect([o.kind, granted.has(`${plural(o.kind)}.${group}`)]).toStrictEqual([o.kind, true]);
    }
  });

  test('change control protects the model Services, the pods they select and the labels the workload\'s pods carry', () => {
    const { objects, platform } = synthEndpoint({
      canary: { backend: InferenceBackend.service('llm-v2', 8000, { app: 'llm-v2' }), weightPercent: 10 },
      namespaceQuota: EXISTING_SERVICE_QUOTA,
    });
    const vars = Object.fromEntries(find(platform, 'ValidatingAdmissionPolicy').spec.variables.map((v: any) => [v.name, v.expression]));
    expect(vars.modelServices).toBe("['llm', 'llm-v2']");
    expect(vars.modelSelectors).toBe("[{'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'model-server'}, {'app': 'llm-v2'}]");
    expect(vars.modelPodLabels).toBe("[{'app.kubernetes.io/managed-by': 'cdk8s-secure-ai', 'secure-ai.cdk8s.io/endpoint': 'llm', 'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'model-server'}, {'app': 'llm-v2'}]");
    expect(find(objects, 'Deployment').spec.template.metadata.labels).toStrictEqual({
      'app.kubernetes.io/managed-by': 'cdk8s-secure-ai', 'secure-ai.cdk8s.io/endpoint': 'llm', 'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/component': 'model-server',
    });
    expect(vars.hosts).toBe("['llm.example.com']");
    expect(vars.tlsSecret).toBe("'llm-tls'");
  });

  test('HTTP-01 by default: cert-manager may create its solver objects, and the controller reaches the solver on 8089', () => {
    const { objects, platform, endpoint } = synthEndpoint();
    const vars = Object.fromEntries(find(platform, 'ValidatingAdmissionPolicy').spec.variables.map((v: any) => [v.name, v.expression]));
    expect(vars.certManagerUsers).toBe("['system:serviceaccount:cert-manager:cert-manager']");
    expect(find(objects, 'NetworkPolicy', 'llm-acme-http01-solver').spec).toStrictEqual({
      podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } },
        }],
        ports: [{ protocol: 'TCP', port: 8089 }],
      }],
    });
    expect(endpoint.weakenedControls).toStrictEqual([]);
  });

  test('HTTP-01 with cert-manager under another identity', () => {
    const sa = synthEndpoint({ tls: { issuer: CertificateIssuer.clusterIssuer('le'), challenge: CertificateChallenge.http01({ certManager: Subject.serviceAccount('cm', 'security') }) } });
    expect(find(sa.platform, 'ValidatingAdmissionPolicy').spec.variables).toContainEqual({ name: 'certManagerUsers', expression: "['system:serviceaccount:security:cm']" });
    const user = synthEndpoint({ tls: { issuer: CertificateIssuer.clusterIssuer('le'), challenge: CertificateChallenge.http01({ certManager: Subject.user('cert-manager-controller') }) } });
    expect(find(user.platform, 'ValidatingAdmissionPolicy').spec.variables).toContainEqual({ name: 'certManagerUsers', expression: "['cert-manager-controller']" });
  });

  test.each([['DNS-01', CertificateChallenge.dns01()], ['none', CertificateChallenge.none()]])('%s: no solver exception and no solver NetworkPolicy', (_, challenge) => {
    const { objects, platform } = synthEndpoint({ tls: { issuer: CertificateIssuer.clusterIssuer('le'), challenge } });
    const policy = find(platform, 'ValidatingAdmissionPolicy');
    expect(policy.spec.variables).toContainEqual({ name: 'certManagerUsers', expression: '[]' });
    expect(policy.spec.validations[0].expression).not.toContain('isSolver');
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).not.toContain('llm-acme-http01-solver');
  });

  test('a break-glass group passes change control and is reported', () => {
    const { objects, platform, endpoint } = synthEndpoint({ changeControl: { breakGlassGroup: 'platform-oncall' } });
    const policy = find(platform, 'ValidatingAdmissionPolicy');
    expect(policy.spec.variables).toContainEqual({ name: 'breakGlassGroups', expression: "['platform-oncall']" });
    expect(policy.spec.validations[0].expression).toContain('variables.breakGlassGroups');
    expect(endpoint.weakenedControls.map((w) => w.option)).toStrictEqual(['changeControl.breakGlassGroup: platform-oncall']);
    expect(find(objects, 'Ingress').metadata.annotations['secure-ai.cdk8s.io/weakened-controls']).toBe('changeControl.breakGlassGroup: platform-oncall');
  });

  test('deployers named as existing identities: no ServiceAccount is created', () => {
    const { objects, platform, endpoint } = synthEndpoint({ changeControl: { deployers: [Subject.serviceAccount('argocd-application-controller', 'argocd'), Subject.group('oidc:ml-release')] } });
    expect(endpoint.deployerServiceAccountName).toBeUndefined();
    expect([...objects, ...platform].filter((o) => o.kind === 'ServiceAccount')).toStrictEqual([]);
    expect(find(platform, 'RoleBinding', 'llm-deployer').subjects).toStrictEqual([
      { kind: 'ServiceAccount', name: 'argocd-application-controller', namespace: 'argocd' },
      { kind: 'Group', name: 'oidc:ml-release', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
  });

  test('controller hardening: JSON access logs without credentials or query, HSTS, TLS, snippets off, WAF on', () => {
    const { hardening } = synthEndpoint();
    const cm = find(hardening, 'ConfigMap', 'ingress-nginx-controller');
    expect(cm.metadata.namespace).toBe('ingress-nginx');
    expect(cm.data).toMatchObject({
      'allow-snippet-annotations': 'false',
      'annotations-risk-level': 'High',
      'hsts': 'true',
      'hsts-max-age': '31536000',
      'ssl-protocols': 'TLSv1.2 TLSv1.3',
      'log-format-escape-json': 'true',
      'enable-modsecurity': 'true',
      'use-forwarded-headers': 'false',
    });
    const log = JSON.parse(cm.data['log-format-upstream']);
    expect(Object.keys(log)).toEqual(expect.arrayContaining(['request_id', 'client_address', 'method', 'path', 'status', 'upstream_latency', 'request_length']));
    expect(cm.data['log-format-upstream']).not.toMatch(/authorization|cookie|api_key|\$request"|\$args|\$query_string|\$request_uri/i);
    expect(find(synthEndpoint({ tls: { issuer: CertificateIssuer.issuer('x'), minimumVersion: TlsVersion.TLS_1_3 } }).hardening, 'ConfigMap', 'ingress-nginx-controller').data['ssl-protocols']).toBe('TLSv1.3');
  });

  test('the LLM WAF profile is rendered by default with the endpoint\'s routes, methods and hosts, for the controller to mount', () => {
    const { hardening } = synthEndpoint();
    const rules = hardening.find((o) => o.kind === 'ConfigMap' && o.metadata.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm');
    expect(rules.metadata).toMatchObject({ name: 'llm-waf-rules', namespace: 'ingress-nginx' });
    const conf: string = rules.data['llm-waf.conf'];
    expect(conf).toContain('ctl:ruleEngine=On');
    expect(conf).not.toMatch(/^SecRuleEngine/m);
    expect(conf).toContain('/v1/chat/completions');
    expect(conf).toContain('llm\\.example\\.com');
    expect(conf).toContain('llm\\-waf_serving_llm_');
    expect(rules.metadata.annotations).toMatchObject({ 'secure-ai.cdk8s.io/waf-hosts': 'llm.example.com', 'secure-ai.cdk8s.io/composed-from': 'serving/llm' });
    const controller = find(hardening, 'ConfigMap', 'ingress-nginx-controller');
    expect(controller.data['modsecurity-snippet']).toBe('Include /etc/nginx/llm-waf/llm-waf.conf\n');
  });

  test('a profile that lets unknown fields through is reported', () => {
    const { endpoint, objects } = synthEndpoint({ waf: { profile: new LlmWafProfile({ allowUnknownFieldsInsecure: true }) } });
    expect(endpoint.weakenedControls.map((w) => w.option)).toStrictEqual(['waf.profile allowUnknownFieldsInsecure: true']);
    // Written on the route for the security report.
    expect(find(objects, 'Ingress').metadata.annotations['secure-ai.cdk8s.io/weakened-controls']).toBe('waf.profile allowUnknownFieldsInsecure: true');
  });

  test('a detect-only profile is reported', () => {
    const { endpoint, hardening } = synthEndpoint({ waf: { profile: new LlmWafProfile({ mode: WafMode.DETECT }) } });
    expect(endpoint.weakenedControls.map((w) => w.option)).toStrictEqual(['waf.profile mode: DETECT']);
    expect(JSON.stringify(hardening)).toContain('ctl:ruleEngine=DetectionOnly');
  });

  test('the snippet delivery is explicit, reported and raises the controller\'s risk level', () => {
    const { objects, hardening, endpoint } = synthEndpoint({ controller: EdgeController.ingressNginx({ wafSnippetAnnotationCriticalRisk: true }) });
    expect(find(hardening, 'ConfigMap', 'ingress-nginx-controller').data).toMatchObject({ 'allow-snippet-annotations': 'true', 'annotations-risk-level': 'Critical' });
    expect(find(objects, 'Ingress').metadata.annotations['nginx.ingress.kubernetes.io/modsecurity-snippet']).toContain('SecRuleEngine On');
    expect(endpoint.weakenedControls.map((w) => w.option)).toStrictEqual(['controller.wafSnippetAnnotationCriticalRisk: true']);
    expect(find(objects, 'Ingress').metadata.annotations['secure-ai.cdk8s.io/weakened-controls']).toContain('wafSnippetAnnotationCriticalRisk');
    // Per-Ingress rules: no composed rules ConfigMap, no controller-level include, no CRS toggle, plain transaction id.
    expect(hardening.filter((o) => o.metadata.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm')).toStrictEqual([]);
    expect(find(hardening, 'ConfigMap', 'ingress-nginx-controller').data['modsecurity-snippet']).toBeUndefined();
    expect(find(objects, 'Ingress').metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/enable-owasp-core-rules': 'false', 'nginx.ingress.kubernetes.io/modsecurity-transaction-id': '$request_id',
    });
  });

  test('endpoints on one controller share one composed rules file, gated by host', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'chat', { ...MINIMAL_ENDPOINT, hosts: ['chat.example.com'] });
    new SecureInferenceEndpoint(chart, 'vision', { ...MINIMAL_ENDPOINT, hosts: ['vision.example.com'], limits: { maxBodyMiB: 64 } });
    const all = app.charts.flatMap((c) => Testing.synth(c));
    const rules = all.filter((o) => o.metadata.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm');
    expect(rules.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toStrictEqual(['ingress-nginx/llm-waf-rules']);
    expect(rules[0].metadata.annotations['secure-ai.cdk8s.io/waf-hosts']).toBe('chat.example.com,vision.example.com');
    const conf: string = rules[0].data['llm-waf.conf'];
    expect(conf).toContain('chat\\.example\\.com');
    expect(conf).toContain('vision\\.example\\.com');
    // Same profile and routes: one group.
    expect(conf).toContain('Group 1: serving/chat, serving/vision.');
    expect(conf).not.toContain('Group 2');
  });

  test('vLLM\'s audio routes take multipart uploads in the WAF; its other routes JSON only', () => {
    const { hardening } = synthEndpoint();
    const rules: string = hardening.find((o) => o.metadata.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm').data['llm-waf.conf'];
    const flags = (path: string) => new RegExp(`SecRule REQUEST_FILENAME "@rx \\\\A${path.replace(/\//g, '\\\\\\/')}\\\\z" \\\\\\n  "([^"]*)"`).exec(rules)![1];
    for (const path of ['/v1/audio/transcriptions', '/v1/audio/translations']) {
      expect(flags(path)).toContain('setvar:tx.llm_route_multipart=1');
      expect(flags(path)).not.toContain('llm_route_json');
    }
    for (const path of ['/v1/chat/completions', '/v1/responses']) {
      expect(flags(path)).toContain('setvar:tx.llm_route_json=1');
      expect(flags(path)).not.toContain('llm_route_multipart');
    }
    expect(rules).toContain('SecRule MULTIPART_STRICT_ERROR "!@eq 0"');
    // An OpenAI-compatible server takes JSON only: no multipart anywhere in its rules.
    const backend = InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8000 });
    const other = synthEndpoint({ modelServer: ModelServer.openAiCompatible(), backend });
    expect(JSON.stringify(other.hardening)).not.toMatch(/multipart|MULTIPART/);
  });

  test('fails when two endpoints on one controller claim one host', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'a', { ...MINIMAL_ENDPOINT, hosts: ['llm.example.com'] });
    new SecureInferenceEndpoint(chart, 'b', { ...MINIMAL_ENDPOINT, hosts: ['llm.example.com'] });
    expect(() => app.charts.flatMap((c) => Testing.synth(c))).toThrow(/Invalid hosts of serving\/b: "llm\.example\.com"\. serving\/a already serves this host/);
  });

  test('weakening options are reported', () => {
    const { endpoint } = synthEndpoint({
      authentication: Authentication.noneInsecure('internal load test only'),
      waf: { enabled: false },
      tls: { issuer: CertificateIssuer.issuer('x'), hstsMaxAgeSeconds: 0 },
      backend: InferenceBackend.workload({ image: 'registry.example.com/ml/vllm:v0.9', allowImageTag: true }),
    });
    expect(endpoint.weakenedControls.map((w) => w.option)).toStrictEqual([
      'backend.allowImageTag: true', 'tls.hstsMaxAgeSeconds: 0', 'authentication: noneInsecure', 'waf.enabled: false',
    ]);
  });

  test('the namespace it creates gets a ResourceQuota and a LimitRange sized from its workload, owned by the platform', () => {
    const { chart, objects } = synthEndpoint({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, replicas: 2, gpus: 4, memory: '96Gi' }) });
    expect(objects.filter((o) => ['ResourceQuota', 'LimitRange'].includes(o.kind))).toStrictEqual([]);
    const [quota, limits] = quotaObjects(chart);
    expect([quota.kind, quota.metadata.namespace, limits.kind, limits.metadata.namespace]).toStrictEqual(['ResourceQuota', 'serving', 'LimitRange', 'serving']);
    expect(quota.spec.hard).toStrictEqual({
      'requests.amd.com/gpu': '0',
      'requests.gpu.intel.com/i915': '0',
      'requests.gpu.intel.com/xe': '0',
      'requests.nvidia.com/gpu': '8',
      'services.loadbalancers': '0',
      'services.nodeports': '1',
    });
    expect(limits.spec.limits[0].max).toStrictEqual({ cpu: '4', memory: '96Gi' });
  });

  test('no quota in a namespace it does not create', () => {
    const { chart } = synthEndpoint({ createNamespace: false });
    expect(quotaObjects(chart)).toStrictEqual([]);
  });

  test('turning the namespace\'s quota off is reported', () => {
    const { chart, endpoint } = synthEndpoint({ namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() });
    expect(quotaObjects(chart)).toStrictEqual([]);
    expect(endpoint.weakenedControls.map((w) => w.option)).toStrictEqual(['namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()']);
  });

  test('outputs and escape hatches', () => {
    const { endpoint } = synthEndpoint();
    expect([endpoint.namespaceName, endpoint.serviceName, endpoint.hosts, endpoint.certificateSecretName]).toStrictEqual(['serving', 'llm', ['llm.example.com'], 'llm-tls']);
    expect(endpoint.routes).toHaveLength(1);
    expect(endpoint.deployment).toBeDefined();
  });

  test('custom routes are typed', () => {
    const ingress = find(synthEndpoint({
      modelServer: ModelServer.custom([{ path: '/predict', match: PathMatch.PREFIX, methods: ['POST'] }]),
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8080 }),
    }).objects, 'Ingress');
    expect(ingress.spec.rules[0].http.paths).toStrictEqual([{ path: '/predict', pathType: 'Prefix', backend: { service: { name: 'llm', port: { number: 8080 } } } }]);
  });
});

describe('SecureInferenceEndpoint on F5 NGINX', () => {
  test('snapshot', () => {
    const { objects, platform, hardening } = synthEndpoint({
      tls: { issuer: CertificateIssuer.issuer('ca'), clientCertificate: { caSecretName: 'client-ca' } },
      sourceRanges: { allow: ['203.0.113.0/24'] },
      canary: { backend: InferenceBackend.service('triton-b', 8000, { app: 'triton-b' }), weightPercent: 20 },
    }, MINIMAL_F5_ENDPOINT);
    expect(objects).toMatchSnapshot();
    expect(hardening).toMatchSnapshot();
    expect(platform).toMatchSnapshot();
  });

  test('a VirtualServer routes exact paths per method, 405 otherwise, with its policies', () => {
    const { objects } = synthEndpoint({}, MINIMAL_F5_ENDPOINT);
    const vs = find(objects, 'VirtualServer');
    expect(vs.spec.tls).toStrictEqual({ secret: 'llm-tls', redirect: { enable: true, code: 308 } });
    expect(vs.spec.policies).toStrictEqual([{ name: 'llm-rate-limit' }, { name: 'llm-jwt' }, { name: 'llm-waf' }]);
    expect(vs.spec.routes[0]).toStrictEqual({
      path: '=/v2/models/resnet50/infer',
      matches: [{ conditions: [{ variable: '$request_method', value: 'POST' }], action: { pass: 'model' } }],
      action: { return: { code: 405, type: 'application/json', body: '{"error":"method not allowed"}' } },
    });
    expect(vs.spec.upstreams[0]).toStrictEqual({
      'name': 'model', 'service': 'triton', 'port': 8000, 'connect-timeout': '10s', 'read-timeout': '600s', 'send-timeout': '600s', 'buffering': false, 'client-max-body-size': '32m',
    });
    expect(find(objects, 'Policy', 'llm-rate-limit').spec.rateLimit).toStrictEqual({ rate: '10r/s', key: '${binary_remote_addr}', zoneSize: '10M', burst: 20, noDelay: true, rejectCode: 429 });
    expect(find(objects, 'Policy', 'llm-jwt').spec.jwt).toStrictEqual({ realm: 'inference', secret: 'jwks', token: '$http_authorization' });
    expect(find(objects, 'Policy', 'llm-waf').spec.waf).toStrictEqual({ enable: true, apPolicy: 'nginx-ingress/default' });
    expect(objects.filter((o) => o.kind === 'Ingress')).toHaveLength(0);
  });

  test('client certificates, source ranges and canary splits', () => {
    const { objects } = synthEndpoint({
      tls: { issuer: CertificateIssuer.issuer('ca'), clientCertificate: { caSecretName: 'client-ca', verification: ClientCertificateVerification.REQUIRED, verifyDepth: 2 } },
      sourceRanges: { deny: ['192.0.2.0/24'] },
      canary: { backend: InferenceBackend.service('b', 8000, { app: 'b' }), weightPercent: 20 },
    }, MINIMAL_F5_ENDPOINT);
    expect(find(objects, 'Policy', 'llm-client-certificates').spec.ingressMTLS).toStrictEqual({ clientCertSecret: 'client-ca', verifyClient: 'on', verifyDepth: 2 });
    expect(find(objects, 'Policy', 'llm-source-ranges').spec.accessControl).toStrictEqual({ deny: ['192.0.2.0/24'] });
    expect(find(objects, 'VirtualServer').spec.routes[0].matches[0].splits).toStrictEqual([{ weight: 80, action: { pass: 'model' } }, { weight: 20, action: { pass: 'canary' } }]);
  });

  test('change control also guards the VirtualServers and F5 Policies', () => {
    const policy = find(synthEndpoint({}, MINIMAL_F5_ENDPOINT).platform, 'ValidatingAdmissionPolicy');
    expect(policy.spec.matchConstraints.resourceRules.map((r: any) => r.resources.join(','))).toContain('virtualservers,virtualserverroutes,policies');
  });

  test('controller hardening for F5: JSON logs, HSTS, TLS', () => {
    const cm = find(synthEndpoint({}, MINIMAL_F5_ENDPOINT).hardening, 'ConfigMap');
    expect(cm.metadata).toMatchObject({ name: 'nginx-config', namespace: 'nginx-ingress' });
    expect(cm.data).toMatchObject({ 'hsts': 'True', 'log-format-escaping': 'json', 'server-tokens': 'False' });
  });

  test('the controller\'s client address reaches the F5 controller ConfigMap; trusting every address is reported', () => {
    const proxied = synthEndpoint({ controller: EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/default', clientAddress: ClientAddress.proxyProtocol(['10.0.0.0/16']) }) }, MINIMAL_F5_ENDPOINT);
    expect(find(proxied.hardening, 'ConfigMap').data).toMatchObject({ 'proxy-protocol': 'True', 'real-ip-header': 'proxy_protocol', 'set-real-ip-from': '10.0.0.0/16' });
    expect(proxied.endpoint.weakenedControls).toStrictEqual([]);
    const everyone = synthEndpoint({
      controller: EdgeController.f5Nginx({
        nginxPlus: true,
        appProtectPolicy: 'nginx-ingress/default',
        clientAddress: ClientAddress.forwardedFor(['0.0.0.0/0'], { trustEveryAddressInsecureReason: 'the CDN edge addresses are not published' }),
      }),
    }, MINIMAL_F5_ENDPOINT);
    expect(everyone.endpoint.weakenedControls.map((w) => w.option)).toStrictEqual(['controller.clientAddress.trustEveryAddressInsecureReason (forwarded-header from 0.0.0.0/0)']);
    expect(find(everyone.objects, 'VirtualServer').metadata.annotations['secure-ai.cdk8s.io/weakened-controls']).toBe('controller.clientAddress.trustEveryAddressInsecureReason (forwarded-header from 0.0.0.0/0)');
  });
});

describe('SecureInferenceEndpoint fails at synthesis on bad input', () => {
  const fails = (overrides: any, message: RegExp, base = MINIMAL_ENDPOINT) => expect(() => synthEndpoint(overrides, base)).toThrow(message);
  test('fails on shared limits or a token budget off Envoy Gateway, and on a token budget counted per replica', () => {
    fails({ limits: { scope: LimitScope.SHARED } }, /Invalid limits\.scope: "shared"\. ingress-nginx cannot honour this option\./);
    fails({ limits: { scope: LimitScope.SHARED } }, /Invalid limits\.scope: "shared"\. f5-nginx cannot honour this option\./, MINIMAL_F5_ENDPOINT);
    fails({ limits: { tokenBudget: { tokensPerMinute: 100 } } }, /Invalid limits\.tokenBudget: .*set limits\.scope to LimitScope\.SHARED/s, MINIMAL_ENVOY_GATEWAY_ENDPOINT);
  });

  test('fails on Envoy Gateway for each option it cannot honour, through the row\'s one message', () => {
    const eg = MINIMAL_ENVOY_GATEWAY_ENDPOINT;
    fails({ waf: undefined }, /Invalid waf\.enabled: true\. envoy-gateway cannot honour this option\. The LLM WAF runs in the Gateway's Envoy pods as coraza-proxy-wasm.*waf: \{ module: CorazaWasmModule/, eg);
    fails({ waf: { profile: new LlmWafProfile() } }, /Invalid waf\.profile: "LlmWafProfile"\. envoy-gateway cannot honour this option/, eg);
    fails({ limits: { burst: 40 } }, /Invalid limits\.burst: 40\. envoy-gateway cannot honour this option\..*token bucket/, eg);
    fails({ limits: { maxConnections: 5 } }, /Invalid limits\.maxConnections: 5\. envoy-gateway cannot honour this option/, eg);
    fails({ authentication: Authentication.jwt({ jwksSecretName: 'jwks' }) }, /Invalid authentication\.jwksSecretName: "jwks"\..*set jwksUri/, eg);
    fails({ authentication: Authentication.clientCertificate(), tls: { clientCertificate: { caSecretName: 'client-ca' } } },
      /Invalid tls\.clientCertificate: "client-ca"\. envoy-gateway cannot honour this option\. Client certificates are verified by the Gateway's listener/, eg);
    fails({ tls: { challenge: CertificateChallenge.dns01() } }, /Invalid tls\.challenge: .*envoy-gateway cannot honour this option.*platform's certificate/, eg);
    fails({ tls: { durationHours: 100 } }, /Invalid tls\.durationHours: 100\. envoy-gateway cannot honour this option/, eg);
    fails({ namespace: 'envoy-gateway-system' }, /Invalid namespace: "envoy-gateway-system"\. This namespace belongs to the cluster or its platform/, eg);
  });

  test('on Envoy Gateway the deployer Role covers the HTTPRoute and its policies, and no Certificates (it writes none)', () => {
    const { platform } = synthEndpoint({}, MINIMAL_ENVOY_GATEWAY_ENDPOINT);
    const role = platform.find((o) => o.kind === 'Role' && o.metadata.name === 'llm-deployer');
    const resources = role.rules.flatMap((r: any) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(['httproutes', 'securitypolicies', 'backendtrafficpolicies']));
    expect(resources).not.toContain('certificates');
  });

  test('on Envoy Gateway with a listener of its own, the deployer Role covers the ListenerSet, its ClientTrafficPolicy and the Certificate, and change control guards them', () => {
    const { platform } = synthEndpoint({
      controller: EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' }, listener: GatewayListener.own() }),
      tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
    }, MINIMAL_ENVOY_GATEWAY_ENDPOINT);
    const resources = find(platform, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(['httproutes', 'listenersets', 'clienttrafficpolicies', 'certificates']));
    const policy = find(platform, 'ValidatingAdmissionPolicy');
    expect(policy.spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources)).toEqual(expect.arrayContaining(['listenersets', 'clienttrafficpolicies', 'certificates']));
    // On the platform's listener the deployer gets no ListenerSet rights, and change control still guards them (they could claim the hosts).
    const onPlatform = synthEndpoint({}, MINIMAL_ENVOY_GATEWAY_ENDPOINT).platform;
    expect(find(onPlatform, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources)).not.toContain('listenersets');
    expect(find(onPlatform, 'ValidatingAdmissionPolicy').spec.matchConstraints.resourceRules.flatMap((r: any) => r.resources)).toContain('listenersets');
  });

  test('fails on F5 NGINX Plus with the WAF on and no App Protect policy, naming the WAF option rather than an unset policy', () => {
    fails({ controller: EdgeController.f5Nginx({ nginxPlus: true }) },
      /^Invalid waf\.enabled: true\. f5-nginx cannot honour this option\. F5 NGINX uses NGINX App Protect as its WAF/, MINIMAL_F5_ENDPOINT);
  });

  test('fails on ingress-nginx without an issuer, which its endpoint needs for its own Certificate', () => {
    fails({ tls: {} }, /Invalid tls\.issuer: undefined\. Give CertificateIssuer\.clusterIssuer\(name\)/);
  });

  test('fails when the namespace is reserved: kube-*, default, cert-manager\'s or the controller\'s own', () => {
    fails({ namespace: 'kube-system' }, /Invalid namespace: "kube-system"\. This namespace belongs to the cluster or its platform.*serve from a namespace of your own/);
    for (const namespace of ['default', 'cert-manager', 'ingress-nginx']) fails({ namespace }, /belongs to the cluster or its platform/);
    fails({ namespace: 'edge', controller: EdgeController.ingressNginx({ controllerNamespace: 'edge' }) }, /Invalid namespace: "edge".*the controller's edge/);
  });

  test('fails on invalid hosts', () => {
    fails({ hosts: [] }, /Invalid hosts: \[\]\. List at least one host name/);
    fails({ hosts: ['LLM.example.com'] }, /Invalid hosts\[0\]: "LLM\.example\.com"\. Use a DNS-1123 subdomain/);
    fails({ hosts: ['*.example.com'] }, /Invalid hosts\[0\]: "\*\.example\.com"\. Wildcard hosts/);
    fails({ hosts: ['localhost'] }, /Invalid hosts\[0\]: "localhost"\. Use a fully-qualified host name/);
    fails({ hosts: ['a.example.com', 'a.example.com'] }, /Invalid hosts: "a\.example\.com"\. Each value may appear only once/);
  });
  test('fails on invalid paths and methods', () => {
    fails({ modelServer: ModelServer.custom([{ path: 'predict' }]) }, /Invalid modelServer routes\[0\]\.path: "predict"\. A path starts with "\/"/);
    fails({ modelServer: ModelServer.custom([{ path: '/v1/(.*)' }]) }, /no query, wildcard, regex/);
    fails({ modelServer: ModelServer.custom([{ path: '/a/../metrics' }]) }, /dot segments/);
    fails({ modelServer: ModelServer.custom([{ path: '/p', methods: ['post'] }]) }, /Invalid modelServer routes\[0\]\.methods: "post"\. Use upper-case HTTP methods/);
    expect(() => ModelServer.custom([])).toThrow(/List at least one route/);
    expect(() => ModelServer.triton(['bad model'])).toThrow(/A Triton model name is letters/);
  });
  test('fails on bad CIDRs in source ranges', () => {
    fails({ sourceRanges: { allow: ['10.0.0.1'] } }, /Invalid sourceRanges\.allow\[0\]: "10\.0\.0\.1"\. CIDR mask is missing\. Did you mean "10\.0\.0\.1\/32"\?/);
  });
  test('fails on ports out of range', () => {
    expect(() => InferenceBackend.service('svc', 0, { app: 'x' })).toThrow(/Invalid backend port: 0\. Use a whole number from 1 to 65535/);
    fails({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, port: 70000 }) }, /Invalid backend\.port: 70000/);
  });
  test('fails on canary weights that do not add up, or no canary selector', () => {
    const backend = InferenceBackend.service('v2', 8000, { app: 'v2' });
    fails({ canary: { backend, weightPercent: 120 } }, /Invalid canary\.weightPercent: 120\. Use a whole number from 0 to 100/);
    fails({ canary: { backend } }, /Invalid canary: .*Give weightPercent \(0-100\), header, or both/);
    fails({ canary: { backend: InferenceBackend.service('llm', 8000, { app: 'llm' }), weightPercent: 5 } }, /Invalid canary\.backend: "llm"\. The canary must be a different Service/);
    fails({ canary: { backend, weightPercent: 5, headerValue: 'x' } }, /Invalid canary\.headerValue: "x"\. headerValue needs header/);
  });
  test('fails on limits of zero or below', () => {
    fails({ limits: { requestsPerSecond: 0 } }, /Invalid limits\.requestsPerSecond: 0\. Use a whole number from 1/);
    fails({ limits: { maxBodyMiB: -1 } }, /Invalid limits\.maxBodyMiB: -1/);
    fails({ limits: { readTimeoutSeconds: 0 } }, /Invalid limits\.readTimeoutSeconds: 0/);
  });
  test('fails on a tag when a digest is required', () => {
    fails({ backend: InferenceBackend.workload({ image: 'vllm/vllm-openai:latest' }) }, /Invalid backend\.image: "vllm\/vllm-openai:latest"\. Pin the image by digest/);
  });
  test('fails on a low user id or too little ephemeral storage', () => {
    fails({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, runAsUser: 1000 }) }, /Invalid backend\.runAsUser: 1000\. Use a whole number from 10000/);
    fails({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, ephemeralStorage: '10Gi' }) }, /Invalid backend\.ephemeralStorage: "10Gi"\. It must hold the cache \(20Gi\)/);
  });
  test('fails on secrets in plain environment variables', () => {
    fails({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, env: { HF_TOKEN: 'x' } }) }, /Invalid backend\.env: "HF_TOKEN"\. Do not put secrets/);
  });
  test('fails on TLS settings that make no sense', () => {
    fails({ tls: { issuer: CertificateIssuer.issuer('ca'), durationHours: 24, renewBeforeHours: 48 } }, /Invalid tls\.renewBeforeHours: 48\. .*less than durationHours \(24\)/);
    fails({ authentication: Authentication.clientCertificate() }, /Invalid tls\.clientCertificate: undefined\. Authentication\.clientCertificate\(\) needs tls\.clientCertificate/);
  });
  test('fails without authentication, or with an opt-out without reason', () => {
    fails({ authentication: undefined }, /Invalid authentication: undefined\. Choose Authentication\.external/);
    expect(() => Authentication.noneInsecure('')).toThrow(/Give a reason of at least 10 characters/);
    fails({ authentication: Authentication.external({ url: 'not a url' }) }, /Invalid authentication\.url: "not a url"\. Give an absolute URL/);
  });
  test('fails on a feature the controller lacks, naming the controller', () => {
    fails({ authentication: Authentication.jwt({ jwksSecretName: 'j' }) }, /ingress-nginx cannot honour this option\. ingress-nginx cannot validate JWTs itself/);
    fails({ authentication: Authentication.apiKey({ secretName: 'k' }) }, /ingress-nginx cannot honour this option/);
    fails({ authentication: Authentication.external({ url: 'http://auth.svc/check' }) }, /f5-nginx cannot honour this option\. F5 NGINX Ingress Controller has no external-auth/, MINIMAL_F5_ENDPOINT);
    fails({ controller: EdgeController.f5Nginx({ appProtectPolicy: 'a/b' }) }, /JWT validation is an NGINX Plus feature/, MINIMAL_F5_ENDPOINT);
    fails({ controller: EdgeController.f5Nginx({ nginxPlus: true }) }, /F5 NGINX uses NGINX App Protect as its WAF/, MINIMAL_F5_ENDPOINT);
    fails({
      controller: EdgeController.f5Nginx({ nginxPlus: false, appProtectPolicy: 'a/b' }),
      authentication: Authentication.clientCertificate(),
      tls: { issuer: CertificateIssuer.issuer('ca'), clientCertificate: { caSecretName: 'client-ca' } },
    },
    /Invalid controller appProtectPolicy: "a\/b"\. f5-nginx cannot honour this option\. F5 NGINX uses NGINX App Protect as its WAF, which runs only in NGINX Plus/, MINIMAL_F5_ENDPOINT);
    fails({ limits: { requestsPerMinute: 60 } }, /An F5 rateLimit Policy has one rate/, MINIMAL_F5_ENDPOINT);
    fails({ limits: { maxConnections: 5 } }, /no per-client connection limit/, MINIMAL_F5_ENDPOINT);
    fails({ sourceRanges: { allow: ['10.0.0.0/8'], deny: ['10.1.0.0/16'] } }, /either an allow or a deny list/, MINIMAL_F5_ENDPOINT);
    fails({ waf: { profile: new LlmWafProfile() } }, /F5 NGINX runs App Protect, not ModSecurity/, MINIMAL_F5_ENDPOINT);
    fails({ waf: { enabled: false, profile: new LlmWafProfile() } }, /Invalid waf\.profile: "LlmWafProfile"\. The WAF is disabled/);
    fails({ authentication: Authentication.jwt({ jwksUri: 'https://idp.example.com/jwks' }) }, /set jwksSecretName instead/, MINIMAL_F5_ENDPOINT);
  });
  test('fails on an existing Service in a namespace it creates, without the GPUs of the Service\'s pods', () => {
    fails({ backend: InferenceBackend.service('triton', 8000, { app: 'triton' }) },
      /Invalid namespaceQuota\.additionalGpus: undefined\. The pods behind backend \(Service "triton"\) run under the namespace's GPU quota/);
    expect(() => synthEndpoint({ backend: InferenceBackend.service('triton', 8000, { app: 'triton' }), createNamespace: false })).not.toThrow();
  });

  test('fails on a backend Service without pod labels', () => {
    fails({ backend: InferenceBackend.service('svc', 80, {}) }, /Invalid backend\.podLabels: \{\}\. Give the labels of the Service's pods/);
  });
  test('fails on empty deployer or auditor lists', () => {
    fails({ changeControl: { deployers: [] } }, /Invalid changeControl\.deployers: \[\]\. Give at least one deployer/);
    fails({ changeControl: { auditors: [] } }, /Invalid changeControl\.auditors: \[\]/);
  });
  test('fails on a system group or a multi-line break-glass group', () => {
    fails({ changeControl: { breakGlassGroup: 'system:masters' } }, /Invalid changeControl\.breakGlassGroup: "system:masters"\. Name a group of your own for break-glass/);
    fails({ changeControl: { breakGlassGroup: 'a\nb' } }, /Invalid changeControl\.breakGlassGroup/);
  });
  test('fails on a cert-manager identity that is a group, a ServiceAccount without namespace, or a challenge of another type', () => {
    const tls = (challenge: any) => ({ tls: { issuer: CertificateIssuer.clusterIssuer('le'), challenge } });
    fails(tls(CertificateChallenge.http01({ certManager: Subject.group('cert-manager') })), /Invalid tls\.challenge certManager: "group cert-manager"\. cert-manager is one identity, not a group/);
    fails(tls(CertificateChallenge.http01({ certManager: Subject.serviceAccount('cert-manager') })), /Invalid tls\.challenge certManager: "cert-manager"\. Give cert-manager's namespace too, e\.g\. Subject\.serviceAccount\('cert-manager', 'cert-manager'\)/);
    fails(tls('HTTP-01'), /Invalid tls\.challenge: "HTTP-01"\. Give CertificateChallenge\.http01\(\), CertificateChallenge\.dns01\(\) or CertificateChallenge\.none\(\)/);
  });
  test('fails on a bad endpoint id or namespace', () => {
    expect(() => new SecureInferenceEndpoint(Testing.chart(), 'Bad_Id', MINIMAL_ENDPOINT)).toThrow(/Invalid id \(endpoint name\): "Bad_Id"/);
    fails({ namespace: 'Serving' }, /Invalid namespace: "Serving"/);
  });
});

describe('SecureInferenceEndpoint has one body limit on every layer', () => {
  const MIB = 1024 * 1024;
  const canary = { backend: InferenceBackend.service('llm-v2', 8000, { app: 'llm-v2' }), weightPercent: 10 };
  const hosts = ['llm.example.com', 'api.example.com'];

  /** An nginx size (`32m`, `1500k`) in bytes. */
  function nginxBytes(size: string): number {
    const m = /^([0-9]+)([km]?)$/.exec(size);
    if (!m) throw new Error(`not an nginx size: ${size}`);
    return Number(m[1]) * (m[2] === 'm' ? MIB : m[2] === 'k' ? 1024 : 1);
  }

  /** A SecLang directive's value in `text` (the first; undefined when absent). */
  function directive(text: string, name: string): number | undefined {
    const m = new RegExp(`^${name} ([0-9]+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  }

  /** Every body limit the manifests give `host`, by layer, in bytes. */
  function layers(objects: any[], host: string): { [layer: string]: number } {
    const out: { [layer: string]: number } = {};
    for (const o of objects) {
      const a = o.metadata?.annotations ?? {};
      if (o.kind === 'Ingress' && o.spec.rules.some((r: any) => r.host === host)) {
        out[`Ingress ${o.metadata.name} proxy-body-size`] = nginxBytes(a[`${ANN}proxy-body-size`]);
        const snippet = a[`${ANN}modsecurity-snippet`];
        if (snippet) {
          out[`Ingress ${o.metadata.name} modsecurity-snippet SecRequestBodyLimit`] = directive(snippet, 'SecRequestBodyLimit')!;
          out[`Ingress ${o.metadata.name} modsecurity-snippet SecRequestBodyNoFilesLimit`] = directive(snippet, 'SecRequestBodyNoFilesLimit')!;
        }
      }
      if (o.kind === 'VirtualServer' && o.spec.host === host) {
        for (const u of o.spec.upstreams) out[`VirtualServer ${o.metadata.name} upstream ${u.name} client-max-body-size`] = nginxBytes(u['client-max-body-size']);
      }
      if (o.kind === 'ConfigMap' && o.metadata.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm') {
        const rules: string = o.data['llm-waf.conf'];
        const escaped = host.replace(/\./g, '\\\\\\.');
        const byHost = new RegExp(`SecRule REQUEST_HEADERS:Host "@rx \\^\\(\\?:[^"]*${escaped}[^"]*"[^]*?setvar:tx\\.llm_body_limit=([0-9]+)`).exec(rules);
        if (byHost) out['composed WAF dispatch by Host'] = Number(byHost[1]);
        const byMarker = /SecRule UNIQUE_ID "@rx [^"]*"[^]*?setvar:tx\.llm_body_limit=([0-9]+)/.exec(rules);
        if (byMarker) out['composed WAF dispatch by transaction id'] = Number(byMarker[1]);
        out['composed WAF SecRequestBodyLimit'] = directive(rules, 'SecRequestBodyLimit')!;
        out['composed WAF SecRequestBodyNoFilesLimit'] = directive(rules, 'SecRequestBodyNoFilesLimit')!;
      }
    }
    return out;
  }

  const COMPOSED = ['Ingress llm proxy-body-size', 'Ingress llm-canary proxy-body-size', 'composed WAF dispatch by Host',
    'composed WAF dispatch by transaction id', 'composed WAF SecRequestBodyLimit', 'composed WAF SecRequestBodyNoFilesLimit'];
  const SNIPPET = ['Ingress llm proxy-body-size', 'Ingress llm modsecurity-snippet SecRequestBodyLimit', 'Ingress llm modsecurity-snippet SecRequestBodyNoFilesLimit',
    'Ingress llm-canary proxy-body-size', 'Ingress llm-canary modsecurity-snippet SecRequestBodyLimit', 'Ingress llm-canary modsecurity-snippet SecRequestBodyNoFilesLimit'];
  const F5 = (i: number) => [`VirtualServer llm-${i} upstream model client-max-body-size`, `VirtualServer llm-${i} upstream canary client-max-body-size`];

  test.each([
    ['ingress-nginx', 'by default', {}, 32 * MIB, COMPOSED],
    ['ingress-nginx', 'with limits.maxBodyMiB: 48', { limits: { maxBodyMiB: 48 } }, 48 * MIB, COMPOSED],
    ['ingress-nginx', 'with the profile\'s maxRequestBodyKiB: 20480 only', { waf: { profile: new LlmWafProfile({ maxRequestBodyKiB: 20480 }) } }, 20 * MIB, COMPOSED],
    ['ingress-nginx', 'with both, equal', { limits: { maxBodyMiB: 16 }, waf: { profile: new LlmWafProfile({ maxRequestBodyKiB: 16384 }) } }, 16 * MIB, COMPOSED],
    ['ingress-nginx', 'with a profile limit that is not whole MiB', { waf: { profile: new LlmWafProfile({ maxRequestBodyKiB: 1500 }) } }, 1500 * 1024, COMPOSED],
    ['ingress-nginx', 'delivered in snippets, limits.maxBodyMiB: 48',
      { limits: { maxBodyMiB: 48 }, controller: EdgeController.ingressNginx({ wafSnippetAnnotationCriticalRisk: true }) }, 48 * MIB, SNIPPET],
    ['f5-nginx', 'by default', {}, 32 * MIB, undefined],
    ['f5-nginx', 'with limits.maxBodyMiB: 48', { limits: { maxBodyMiB: 48 } }, 48 * MIB, undefined],
  ] as Array<[string, string, any, number, string[] | undefined]>)('%s, %s: every layer of every host carries the same byte count', (target, _case, overrides, bytes, expectedLayers) => {
    const base = target === 'f5-nginx' ? MINIMAL_F5_ENDPOINT : MINIMAL_ENDPOINT;
    const { objects, hardening } = synthEndpoint({ hosts, canary, namespaceQuota: EXISTING_SERVICE_QUOTA, ...overrides }, base);
    hosts.forEach((host, i) => {
      const found = layers([...objects, ...hardening], host);
      const names = expectedLayers ?? F5(i);
      expect(found).toStrictEqual(Object.fromEntries(names.map((n) => [n, bytes])));
    });
  });

  test('on a shared controller, each host has its endpoint\'s limit; SecRequestBodyLimit is the largest', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'chat', { ...MINIMAL_ENDPOINT, hosts: ['chat.example.com'] });
    new SecureInferenceEndpoint(chart, 'vision', { ...MINIMAL_ENDPOINT, hosts: ['vision.example.com'], limits: { maxBodyMiB: 64 } });
    const all = app.charts.flatMap((c) => Testing.synth(c));
    expect(layers(all, 'chat.example.com')).toMatchObject({ 'Ingress chat proxy-body-size': 32 * MIB, 'composed WAF dispatch by Host': 32 * MIB });
    expect(layers(all, 'vision.example.com')).toMatchObject({ 'Ingress vision proxy-body-size': 64 * MIB, 'composed WAF dispatch by Host': 64 * MIB });
    expect(layers(all, 'chat.example.com')['composed WAF SecRequestBodyLimit']).toBe(64 * MIB);
    const rules: string = all.find((o) => o.metadata.labels?.['secure-ai.cdk8s.io/waf-profile'] === 'llm').data['llm-waf.conf'];
    expect(rules).toContain('SecRequestBodyLimitAction ProcessPartial');
    // One limit per marker too: chat's Ingress marker dispatches to 32 MiB, vision's to 64 MiB.
    expect(rules).toMatch(/"@rx \^\(\?:llm\\-waf_serving_chat_\)"[^]*?setvar:tx\.llm_body_limit=33554432,/);
    expect(rules).toMatch(/"@rx \^\(\?:llm\\-waf_serving_vision_\)"[^]*?setvar:tx\.llm_body_limit=67108864,/);
  });

  test('fails when limits.maxBodyMiB and the profile\'s maxRequestBodyKiB disagree', () => {
    expect(() => synthEndpoint({ limits: { maxBodyMiB: 32 }, waf: { profile: new LlmWafProfile({ maxRequestBodyKiB: 10240 }) } }))
      .toThrow(/^Invalid waf\.profile maxRequestBodyKiB: 10240\. limits\.maxBodyMiB is 32 \(32768 KiB\): the endpoint has one body limit.*maxRequestBodyKiB: 32768 or limits\.maxBodyMiB: 10\.$/);
  });
});

describe('SecureInferenceEndpoint with backendTls', () => {
  test('exposes the model server\'s Certificate, written before its Deployment', () => {
    const { endpoint, objects } = synthEndpoint({
      backendTls: { issuer: CertificateIssuer.issuer('models-ca'), caBundle: BackendCaBundle.secret('models-ca') },
    });
    expect(endpoint.serverCertificates.map((c) => c.name)).toStrictEqual(['llm-server-tls']);
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds.indexOf('Certificate/llm-server-tls')).toBeLessThan(kinds.indexOf('Deployment/llm'));
    expect(find(objects, 'Certificate', 'llm-server-tls').spec.issuerRef).toStrictEqual({ kind: 'Issuer', name: 'models-ca', group: 'cert-manager.io' });
  });

  test('without it, no server Certificate', () => {
    const { endpoint, objects } = synthEndpoint();
    expect(endpoint.serverCertificates).toStrictEqual([]);
    expect(objects.filter((o) => o.kind === 'Certificate').map((o) => o.metadata.name)).toStrictEqual(['llm']);
  });
});

describe('SecureInferenceEndpoint moving from ingress-nginx to Envoy Gateway', () => {
  const fails = (overrides: any, message: RegExp) => expect(() => synthEndpoint(overrides)).toThrow(message);
  const gateway = { name: 'platform-gateway', namespace: 'envoy-gateway-system' };
  const envoy = () => EdgeController.envoyGateway({ gateway, listener: GatewayListener.own() });
  const stages = {
    ingress: { controller: EdgeController.ingressNginx() },
    both: { controller: EdgeController.migrating({ from: EdgeController.ingressNginx(), to: envoy() }) },
    gateway: { controller: envoy() },
  };
  const names = (overrides: object) => {
    const { files } = synthEndpoint({ ...overrides, waf: { enabled: false } });
    return new Set(Object.values(files).flat().map((o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  };

  test('object names are stable across the three stages: the move adds the HTTPRoute\'s objects, and removing the Ingress removes only its own', () => {
    const [ingress, both, gw] = [names(stages.ingress), names(stages.both), names(stages.gateway)];
    expect([...ingress].filter((n) => !both.has(n))).toStrictEqual([]);
    expect([...gw].filter((n) => !both.has(n))).toStrictEqual([]);
    expect([...both].filter((n) => !ingress.has(n) && !gw.has(n))).toStrictEqual([]);
    // Leaving ingress-nginx removes the Ingress and the endpoint's share of that controller's settings.
    expect([...both].filter((n) => !gw.has(n)).sort()).toStrictEqual(['ConfigMap/ingress-nginx/ingress-nginx-controller', 'Ingress/serving/llm']);
    expect([...both].filter((n) => !ingress.has(n)).sort())
      .toStrictEqual(['BackendTrafficPolicy/serving/llm', 'ClientTrafficPolicy/serving/llm', 'HTTPRoute/serving/llm', 'ListenerSet/serving/llm', 'SecurityPolicy/serving/llm']);
  });

  test('during the move, both paths serve the same hosts with the same certificate, and the model pods admit both data planes', () => {
    const { objects, platform } = synthEndpoint({ ...stages.both, waf: { enabled: false } });
    const ingress = find(objects, 'Ingress', 'llm');
    expect(ingress.spec.tls).toStrictEqual([{ hosts: ['llm.example.com'], secretName: 'llm-tls' }]);
    expect(find(objects, 'ListenerSet', 'llm').spec.listeners[0].tls.certificateRefs[0].name).toBe('llm-tls');
    expect(find(objects, 'HTTPRoute', 'llm').spec.hostnames).toStrictEqual(['llm.example.com']);
    const peers = find(objects, 'NetworkPolicy', 'llm-from-controller').spec.ingress[0].from;
    expect(peers.map((p: any) => p.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toStrictEqual(['envoy-gateway-system', 'ingress-nginx']);
    // The deployer and change control cover the objects of both.
    const resources = find(platform, 'Role', 'llm-deployer').rules.flatMap((r: any) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(['ingresses', 'httproutes', 'listenersets', 'securitypolicies', 'certificates']));
    // Each route names what its own controller or Gateway must provide.
    expect(ingress.metadata.annotations?.['secure-ai.cdk8s.io/relies-on-platform']).toBeUndefined();
    expect(find(objects, 'HTTPRoute', 'llm').metadata.annotations['secure-ai.cdk8s.io/relies-on-platform']).toMatch(/allowedListeners admits ListenerSets/);
  });

  test('both paths enforce the same controls: an option either controller cannot honour fails, naming the controller', () => {
    // ingress-nginx cannot validate JWTs; Envoy Gateway has no per-client connection limit and does not deliver the WAF yet.
    fails({ ...stages.both, waf: { enabled: false }, authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json' }) },
      /^Invalid authentication.*ingress-nginx cannot honour this option/s);
    fails({ ...stages.both, waf: { enabled: false }, limits: { maxConnections: 10 } }, /^Invalid limits\.maxConnections: 10\. envoy-gateway cannot honour this option/);
    fails({ ...stages.both }, /^Invalid waf\.enabled: true\. envoy-gateway cannot honour this option/);
    // On the platform's listener the Ingress's certificate has nowhere to go on the Gateway: the fix names GatewayListener.own().
    const onPlatformListener = EdgeController.migrating({ from: EdgeController.ingressNginx(), to: EdgeController.envoyGateway({ gateway }) });
    fails({ controller: onPlatformListener, waf: { enabled: false } },
      /^Invalid tls\.issuer: "letsencrypt"\. envoy-gateway cannot honour this option\..*GatewayListener\.own\(\)/s);
  });
});
