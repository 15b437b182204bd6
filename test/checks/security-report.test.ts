import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AITrainingNamespace, Authentication, CertificateIssuer, CheckStatus, ClientAddress, EdgeController, GatewayListener, NetworkPeer, NetworkPort,
  SecureInferenceEndpoint, SecurityReport,
  ServingNamespaceQuota, Subject,
} from '../../src';
import { MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT } from '../support/endpoint-fixtures';
import { MINIMAL_TRAINING } from '../support/fixtures';

describe('SecurityReport', () => {
  test('the constructs\' defaults pass every rule, with nothing weakened', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new AITrainingNamespace(chart, 'ns', { ...MINIMAL_TRAINING, mlEngineers: [Subject.group('ml')] });
    new SecureInferenceEndpoint(chart, 'llm', MINIMAL_ENDPOINT);
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    // The one thing the manifests cannot show: whether the controller sees client addresses (SAI-EDGE-3, a warning to confirm).
    expect(report.findings.filter((f) => f.status !== CheckStatus.PASS).map((f) => `${f.ruleId} ${f.status.value} ${f.object}`)).toStrictEqual([
      'SAI-EDGE-3 warning ConfigMap/ingress-nginx/ingress-nginx-controller',
    ]);
    expect(new Set(report.findings.map((f) => f.ruleId))).toStrictEqual(new Set([
      'SAI-PSA-1', 'SAI-NET-1', 'SAI-QUOTA-1', 'SAI-NET-2', 'SAI-RBAC-1', 'SAI-RBAC-2', 'SAI-POD-1', 'SAI-EDGE-1', 'SAI-EDGE-2', 'SAI-EDGE-3',
    ]));
    expect(report.findings.filter((f) => f.ruleId === 'SAI-QUOTA-1').map((f) => `${f.object} ${f.detail}`)).toStrictEqual([
      'Namespace/team-a ResourceQuota and LimitRange present; extended resources capped: none',
      'Namespace/serving ResourceQuota and LimitRange present; extended resources capped: amd.com/gpu, gpu.intel.com/i915, gpu.intel.com/xe, nvidia.com/gpu',
    ]);
  });

  test('weakening options appear by name, without failing the report', () => {
    const chart = Testing.chart();
    new AITrainingNamespace(chart, 'ns', {
      ...MINIMAL_TRAINING,
      allowPodExec: true,
      egress: [{ name: 'imds', peer: NetworkPeer.cidr('169.254.0.0/16'), ports: [NetworkPort.tcp(80)], allowCloudMetadataEndpoints: true }],
    });
    const report = SecurityReport.fromChart(chart);
    expect(report.passed).toBe(true);
    expect(report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => `${f.ruleId} ${f.detail}`)).toStrictEqual([
      'SAI-NET-2 169.254.0.0/16 reaches 169.254.169.254/32; 169.254.0.0/16 reaches 169.254.0.23/32 (allowCloudMetadataEndpoints)',
      'SAI-OPT-1 egress[0].allowCloudMetadataEndpoints: true',
      'SAI-OPT-1 allowPodExec: true',
    ]);
    expect(report.toMarkdown()).toContain('| SAI-OPT-1 | `Namespace/team-a` | allowPodExec: true |');
  });

  test('an app\'s report includes what the platform composes, and names the controller-wide settings', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'serving');
    new SecureInferenceEndpoint(chart, 'llm', MINIMAL_ENDPOINT);
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    const wide = report.findings.filter((f) => f.ruleId === 'SAI-EDGE-2');
    expect(wide.map((f) => f.object)).toStrictEqual(['ConfigMap/ingress-nginx/ingress-nginx-controller']);
    expect(wide[0].detail).toMatch(/^controller-wide for every host, set for serving\/llm: /);
    for (const key of ['use-forwarded-headers', 'use-proxy-protocol', 'enable-real-ip', 'compute-full-forwarded-for', 'ssl-protocols', 'hsts-include-subdomains']) {
      expect(wide[0].detail.split('; hosts of this output')[0].split(': ')[1].split(', ')).toContain(key);
    }
    expect(wide[0].detail).toMatch(/; hosts of this output it reaches: llm\.example\.com$/);
  });

  test('the client address of each controller is stated; direct with per-client limits is a warning to confirm, not a failure', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'serving'), 'llm', MINIMAL_ENDPOINT);
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    const warnings = report.findings.filter((f) => f.status === CheckStatus.WARNING);
    expect(warnings.map((f) => `${f.ruleId} ${f.object}`)).toStrictEqual(['SAI-EDGE-3 ConfigMap/ingress-nginx/ingress-nginx-controller']);
    expect(warnings[0].detail).toMatch(/^client address, for every host of the controller: direct .*serving\/llm \(limit-connections, limit-rps\).*externalTrafficPolicy: Local.*ClientAddress\.proxyProtocol/);
    const markdown = report.toMarkdown();
    expect(markdown).toMatch(/^# Security report: PASS\n\n0 failing, 0 weakened by option, 1 warnings to confirm, \d+ passing\./);
    expect(markdown).toContain('## Warnings: for a reviewer to confirm\n\n| rule | object | detail |\n| --- | --- | --- |\n| SAI-EDGE-3 | `ConfigMap/ingress-nginx/ingress-nginx-controller` | client address');
  });

  test('an endpoint on a platform Gateway passes; the Gateway settings its route relies on are warnings to confirm, the WAF off is weakened', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'serving'), 'llm', MINIMAL_ENVOY_GATEWAY_ENDPOINT);
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    const warnings = report.findings.filter((f) => f.status === CheckStatus.WARNING && f.ruleId === 'SAI-EDGE-4');
    expect(warnings.map((f) => f.object)).toStrictEqual(Array(7).fill('HTTPRoute/serving/llm'));
    expect(warnings.map((f) => f.detail)).toContain('relies on the platform: the Gateway\'s HTTP listener redirects to HTTPS with 301 or 308 and routes nothing else');
    // Hostname claims: the platform's listener may admit routes of other namespaces for the endpoint's hosts.
    expect(warnings.map((f) => f.detail).filter((d) => d.startsWith('relies on the platform: hostname claims: '))).toHaveLength(1);
    // The route's policies replace the platform's Gateway-level ones (no merge): what the platform enforces there must be given to the endpoint.
    expect(warnings.map((f) => f.detail).join('\n')).toMatch(/policies attached to the Gateway \(SecurityPolicy, BackendTrafficPolicy, EnvoyExtensionPolicy\) do not apply to the endpoint's route/);
    expect(report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => f.detail).join('\n')).toContain('waf.enabled: false');
  });

  test('a JWT provider on Envoy Gateway that accepts any issuer or audience is weakened, by name', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'serving'), 'llm', {
      ...MINIMAL_ENVOY_GATEWAY_ENDPOINT,
      authentication: Authentication.jwt({ jwksUri: 'https://127.0.0.1:8443/jwks.json', issuer: 'https://127.0.0.1:8443', anyIssuerOrAudienceInsecure: true }),
    });
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    expect(report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => `${f.ruleId} ${f.detail}`)).toContain('SAI-OPT-1 authentication.anyIssuerOrAudienceInsecure: true');
    expect(report.toMarkdown()).toContain('authentication.anyIssuerOrAudienceInsecure: true');
  });

  test('an endpoint that owns its Gateway listener has no hostname-claim warning: its ListenerSet admits routes of its namespace only', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'serving'), 'llm', {
      ...MINIMAL_ENVOY_GATEWAY_ENDPOINT,
      controller: EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' }, listener: GatewayListener.own() }),
      tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
    });
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    const details = report.findings.filter((f) => f.status === CheckStatus.WARNING && f.ruleId === 'SAI-EDGE-4').map((f) => f.detail);
    expect(details).toHaveLength(4);
    expect(details.join('\n')).toMatch(/allowedListeners admits ListenerSets from the endpoint's namespace/);
    expect(details.join('\n')).not.toMatch(/hostname claims|certificate for the endpoint|clientIPDetection/);
  });

  test('a controller behind a PROXY-protocol load balancer passes; one that trusts every address is weakened, by name', () => {
    const proxied = Testing.app();
    new SecureInferenceEndpoint(new Chart(proxied, 'serving'), 'llm', { ...MINIMAL_ENDPOINT, controller: EdgeController.ingressNginx({ clientAddress: ClientAddress.proxyProtocol(['10.0.0.0/16']) }) });
    expect(SecurityReport.fromApp(proxied).findings.filter((f) => f.ruleId === 'SAI-EDGE-3').map((f) => [f.status, f.detail]))
      .toStrictEqual([[CheckStatus.PASS, 'client address, for every host of the controller: PROXY protocol from 10.0.0.0/16']]);

    const everyone = Testing.app();
    new SecureInferenceEndpoint(new Chart(everyone, 'serving'), 'llm', {
      ...MINIMAL_ENDPOINT,
      controller: EdgeController.ingressNginx({ clientAddress: ClientAddress.proxyProtocol(['0.0.0.0/0'], { trustEveryAddressInsecureReason: 'the NLB addresses are not fixed' }) }),
    });
    const report = SecurityReport.fromApp(everyone);
    expect(report.passed).toBe(true);
    expect(report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => `${f.ruleId} ${f.detail}`)).toStrictEqual([
      'SAI-EDGE-3 client address, for every host of the controller: PROXY protocol from 0.0.0.0/0: every address is trusted to tell it, so a client that bypasses the load balancer or proxy can forge its own (controller.clientAddress.trustEveryAddressInsecureReason (proxy-protocol from 0.0.0.0/0))',
      'SAI-OPT-1 controller.clientAddress.trustEveryAddressInsecureReason (proxy-protocol from 0.0.0.0/0)',
    ]);
  });

  test('a chart\'s report judges what its constructs wrote into the platform-owned chart, not what other charts\' constructs wrote', () => {
    const app = Testing.app();
    const open = new Chart(app, 'open');
    const locked = new Chart(app, 'locked');
    new AITrainingNamespace(open, 'ns', { ...MINIMAL_TRAINING, name: 'team-open', allowPodExec: true });
    new AITrainingNamespace(locked, 'ns', { ...MINIMAL_TRAINING, name: 'team-locked' });
    const weakened = (report: SecurityReport) => report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => `${f.ruleId} ${f.object} ${f.detail}`);
    expect(weakened(SecurityReport.fromChart(open))).toStrictEqual(['SAI-OPT-1 Namespace/team-open allowPodExec: true']);
    expect(weakened(SecurityReport.fromChart(locked))).toStrictEqual([]);
    expect(SecurityReport.fromChart(locked).findings.filter((f) => f.ruleId === 'SAI-PSA-1').map((f) => f.object)).toStrictEqual(['Namespace/team-locked']);
    expect(weakened(SecurityReport.fromApp(app))).toStrictEqual(['SAI-OPT-1 Namespace/team-open allowPodExec: true']);
  });

  test('weakened controls of an endpoint that does not create its namespace are reported from its own objects', () => {
    const chart = Testing.chart();
    new SecureInferenceEndpoint(chart, 'llm', {
      ...MINIMAL_ENDPOINT,
      createNamespace: false,
      authentication: Authentication.noneInsecure('internal benchmark endpoint behind the VPN'),
      waf: { enabled: false },
    });
    const report = SecurityReport.fromChart(chart);
    expect(report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => `${f.ruleId} ${f.object} ${f.detail}`)).toStrictEqual([
      'SAI-OPT-1 Ingress/serving/llm authentication: noneInsecure',
      'SAI-OPT-1 Ingress/serving/llm waf.enabled: false',
    ]);
  });

  test('a namespace an endpoint creates without a quota (opt-out) is reported as weakened, and the option named', () => {
    const app = Testing.app();
    new SecureInferenceEndpoint(new Chart(app, 'serving'), 'llm', { ...MINIMAL_ENDPOINT, namespaceQuota: ServingNamespaceQuota.unlimitedInsecure() });
    const report = SecurityReport.fromApp(app);
    expect(report.passed).toBe(true);
    expect(report.findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => `${f.ruleId} ${f.object} ${f.detail}`)).toStrictEqual([
      'SAI-QUOTA-1 Namespace/serving no ResourceQuota or LimitRange (namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()): GPUs and Service types unlimited',
      'SAI-OPT-1 Ingress/serving/llm namespaceQuota: ServingNamespaceQuota.unlimitedInsecure()',
    ]);
  });

  test('escape-hatch edits that break a rule fail the report, naming object and rule', () => {
    const chart = Testing.chart();
    const ns = new AITrainingNamespace(chart, 'ns', { ...MINIMAL_TRAINING, viewers: [Subject.group('auditors')] });
    ns.roles[0].addJsonPatch(JsonPatch.add('/rules/-', { apiGroups: [''], resources: ['*'], verbs: ['get'] }));
    new ApiObject(chart, 'rogue', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rogue' } });
    const report = SecurityReport.fromChart(chart);
    expect(report.passed).toBe(false);
    expect(report.findings.filter((f) => f.status === CheckStatus.FAIL).map((f) => `${f.ruleId} ${f.object}`)).toStrictEqual([
      'SAI-PSA-1 Namespace/rogue', 'SAI-NET-1 Namespace/rogue', 'SAI-QUOTA-1 Namespace/rogue', 'SAI-RBAC-1 Role/team-a/viewer',
    ]);
    expect(report.toMarkdown()).toMatch(/^# Security report: FAIL/);
  });

  test('an unhardened workload fails', () => {
    const report = SecurityReport.fromManifests([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'n' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:latest' }] } } } }]);
    expect(report.findings[0].detail).toBe('service-account token mounted; c: privilege escalation not disabled; c: writable root filesystem; c: capabilities not dropped; c: may run as root; c: no seccomp profile; c: image not pinned by digest');
  });
});
