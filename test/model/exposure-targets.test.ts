import { assertTargetHonours, EXPOSURE_TARGETS, exposureTarget, TargetFeature, targetGuards, targetResources } from '../../src/model/exposure-targets';
import { ClientAddress, ClientAddressMode } from '../../src/options/client-address';
import { CorazaWasmModule } from '../../src/options/coraza-wasm-module';
import { EdgeController, EdgeControllerKind } from '../../src/options/edge-controller';
import { GatewayListener } from '../../src/options/gateway-listener';

const GATEWAY = { name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: 'https' };
const FEATURES = Object.values(TargetFeature).filter((f) => f instanceof TargetFeature) as TargetFeature[];

describe('the exposure target capability table', () => {
  test('has one row per controller kind, and every row answers every feature', () => {
    expect(EXPOSURE_TARGETS.map((t) => t.kind))
      .toStrictEqual([
        EdgeControllerKind.INGRESS_NGINX, EdgeControllerKind.F5_NGINX, EdgeControllerKind.ENVOY_GATEWAY, EdgeControllerKind.CALICO_INGRESS_GATEWAY,
      ]);
    expect(FEATURES.length).toBeGreaterThanOrEqual(10);
    for (const t of EXPOSURE_TARGETS) expect(FEATURES.filter((f) => !t.honours.has(f)).map((f) => f.description)).toStrictEqual([]);
  });

  test('resolves each controller\'s options against its defaults', () => {
    expect(exposureTarget(EdgeControllerKind.INGRESS_NGINX).controller(EdgeController.ingressNginx())).toMatchObject({
      ingressClassName: 'nginx', namespace: 'ingress-nginx', nginxPlus: false, wafSnippetAnnotation: false,
    });
    expect(exposureTarget(EdgeControllerKind.F5_NGINX).controller(EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/llm' }))).toMatchObject({
      namespace: 'nginx-ingress', nginxPlus: true, appProtectPolicy: 'nginx-ingress/llm',
    });
  });

  test('resolves the controller-wide client address of every controller, direct by default', () => {
    const defaults = new Map([
      [EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx()],
      [EdgeControllerKind.F5_NGINX, EdgeController.f5Nginx()],
      [EdgeControllerKind.ENVOY_GATEWAY, EdgeController.envoyGateway({ gateway: GATEWAY })],
      [EdgeControllerKind.CALICO_INGRESS_GATEWAY, EdgeController.calicoIngressGateway({ gateway: GATEWAY })],
    ]);
    for (const t of EXPOSURE_TARGETS) {
      expect(t.controller(defaults.get(t.kind)!).clientAddress).toStrictEqual({ mode: ClientAddressMode.DIRECT, trustedCidrs: [] });
    }
    expect(exposureTarget(EdgeControllerKind.INGRESS_NGINX).controller(EdgeController.ingressNginx({ clientAddress: ClientAddress.proxyProtocol(['10.0.0.0/16']) })).clientAddress)
      .toStrictEqual({ mode: ClientAddressMode.PROXY_PROTOCOL, trustedCidrs: ['10.0.0.0/16'] });
    expect(exposureTarget(EdgeControllerKind.F5_NGINX).controller(EdgeController.f5Nginx({ clientAddress: ClientAddress.forwardedFor(['10.0.0.0/16']) })).clientAddress)
      .toStrictEqual({ mode: ClientAddressMode.FORWARDED_HEADER, trustedCidrs: ['10.0.0.0/16'], header: 'X-Forwarded-For' });
  });

  test('fails when a controller option is malformed, naming it', () => {
    expect(() => exposureTarget(EdgeControllerKind.F5_NGINX).controller(EdgeController.f5Nginx({ appProtectPolicy: 'llm' })))
      .toThrow(/controller appProtectPolicy.*"llm".*namespace\/name/s);
  });

  test('fails when the target cannot honour a feature, with one message naming the option, the value and the fix', () => {
    const t = exposureTarget(EdgeControllerKind.F5_NGINX);
    const c = t.controller(EdgeController.f5Nginx());
    expect(() => assertTargetHonours(t, c, [{ feature: TargetFeature.REQUESTS_PER_MINUTE, field: 'limits.requestsPerMinute', value: 600 }]))
      .toThrow(/limits\.requestsPerMinute.*600.*f5-nginx cannot honour this option\. An F5 rateLimit Policy has one rate/s);
  });

  test('honours a conditional feature only with the controller setting it needs', () => {
    const t = exposureTarget(EdgeControllerKind.F5_NGINX);
    const jwt = [{ feature: TargetFeature.JWT_AUTH, field: 'authentication', value: 'jwt' }];
    expect(() => assertTargetHonours(t, t.controller(EdgeController.f5Nginx()), jwt)).toThrow(/NGINX Plus/);
    expect(() => assertTargetHonours(t, t.controller(EdgeController.f5Nginx({ nginxPlus: true })), jwt)).not.toThrow();
  });

  test('resolves an Envoy Gateway controller: the Gateway by reference, its Envoy pods by Envoy Gateway\'s labels in its namespace', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    expect(t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }))).toMatchObject({
      gateway: GATEWAY,
      namespace: 'envoy-gateway-system',
      podLabels: {
        'app.kubernetes.io/name': 'envoy',
        'app.kubernetes.io/component': 'proxy',
        'app.kubernetes.io/managed-by': 'envoy-gateway',
        'gateway.envoyproxy.io/owning-gateway-name': 'platform-gateway',
        'gateway.envoyproxy.io/owning-gateway-namespace': 'envoy-gateway-system',
      },
    });
    expect(t.controller(EdgeController.envoyGateway({ gateway: { name: 'edge', namespace: 'edge' }, dataPlaneNamespace: 'edge', dataPlanePodLabels: { app: 'edge-envoy' } })))
      .toMatchObject({ gateway: { name: 'edge', namespace: 'edge', sectionName: undefined }, namespace: 'edge', podLabels: { app: 'edge-envoy' } });
    const eg = t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }));
    expect(t.endpointCertificate(eg)).toBe(false);
    expect(t.reliesOn(eg, { tlsMinimumVersion: 'TLSv1.3', sharedLimits: false }).join('\n'))
      .toMatch(/Gateway envoy-gateway-system\/platform-gateway listener https: HTTPS with a certificate[^]*redirects to HTTPS[^]*TLSv1\.3 or newer/);
    expect(t.reliesOn(eg, { tlsMinimumVersion: 'TLSv1.3', sharedLimits: false }).join('\n')).not.toMatch(/rate-limit service|AI Gateway/);
    const shared = t.reliesOn(eg, { tlsMinimumVersion: 'TLSv1.3', sharedLimits: true, tokenBudgetKey: 'llm_output_token' }).join('\n');
    expect(shared).toMatch(/rate-limit service is configured[^]*refuses the endpoint's BackendTrafficPolicy[^]*unless rateLimit\.failClosed is true/);
    expect(shared).toMatch(/io\.envoy\.ai_gateway\/llm_output_token/);
  });

  test('an Envoy Gateway endpoint that owns its listener writes its certificate, its ListenerSet and ClientTrafficPolicy, and relies on the Gateway admitting them', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    const own = t.controller(EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' }, listener: GatewayListener.own() }));
    const platform = t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }));
    expect(own.gateway).toStrictEqual({ name: 'platform-gateway', namespace: 'envoy-gateway-system', sectionName: undefined, own: { port: 443 } });
    expect(t.endpointCertificate(own)).toBe(true);
    expect(() => assertTargetHonours(t, own, [{ feature: TargetFeature.ENDPOINT_CERTIFICATE, field: 'tls.issuer', value: 'letsencrypt' }])).not.toThrow();
    expect(targetResources(t, own, false).flatMap((r) => r.resources))
      .toStrictEqual(['httproutes', 'securitypolicies', 'backendtrafficpolicies', 'listenersets', 'clienttrafficpolicies']);
    expect(targetGuards(t, own, false).flatMap((r) => r.resources)).toStrictEqual(['envoyextensionpolicies', 'referencegrants', 'backendtlspolicies', 'inferencepools', 'grpcroutes']);
    expect(targetResources(t, own, true).flatMap((r) => r.resources)).toContain('backendtlspolicies');
    expect(targetGuards(t, own, true).flatMap((r) => r.resources)).not.toContain('backendtlspolicies');
    // On the platform's listener, a ListenerSet of the namespace could still claim the endpoint's hosts: guarded, not written.
    expect(targetResources(t, platform, false).flatMap((r) => r.resources)).toStrictEqual(['httproutes', 'securitypolicies', 'backendtrafficpolicies']);
    expect(targetGuards(t, platform, false).flatMap((r) => r.resources))
      .toStrictEqual(['envoyextensionpolicies', 'referencegrants', 'listenersets', 'clienttrafficpolicies', 'backendtlspolicies', 'inferencepools', 'grpcroutes']);
    const relies = t.reliesOn(own, { tlsMinimumVersion: 'TLSv1.3', sharedLimits: false }).join('\n');
    expect(relies).toMatch(/Gateway envoy-gateway-system\/platform-gateway: allowedListeners admits ListenerSets from the endpoint's namespace, and its Envoy proxies serve port 443/);
    expect(relies).not.toMatch(/certificate for the endpoint|ClientTrafficPolicy|TLSv1\.3|hostname claims/);
  });

  test('with an InferencePool backend the deployer writes InferencePools (still judged by their selector); without, change control guards them', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    const c = t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }));
    const pools = (groups: { resources: string[]; reachesCel?: string }[]) => groups.filter((g) => g.resources.includes('inferencepools'));
    expect(pools(targetResources(t, c, false, true))).toHaveLength(1);
    expect(pools(targetResources(t, c, false, true))[0].reachesCel).toMatch(/x\.spec\.selector\.matchLabels/);
    expect(pools(targetGuards(t, c, false, true))).toStrictEqual([]);
    expect(pools(targetResources(t, c, false, false))).toStrictEqual([]);
    expect(pools(targetGuards(t, c, false, false))).toHaveLength(1);
  });

  test('with a gRPC API the deployer writes GRPCRoutes; without, change control guards them', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    const c = t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }));
    const grpc = (groups: { resources: string[] }[]) => groups.filter((g) => g.resources.includes('grpcroutes'));
    expect(grpc(targetResources(t, c, false, false, true))).toHaveLength(1);
    expect(grpc(targetGuards(t, c, false, false, true))).toStrictEqual([]);
    expect(grpc(targetResources(t, c, false, false, false))).toStrictEqual([]);
    expect(grpc(targetGuards(t, c, false, false, false))).toHaveLength(1);
  });

  test('only the Gateway API targets honour a gRPC API; the Ingress targets name the fix', () => {
    const ask = (kind: EdgeControllerKind, c: EdgeController) => {
      const t = exposureTarget(kind);
      return () => assertTargetHonours(t, t.controller(c), [{ feature: TargetFeature.GRPC, field: 'modelServer (triton options.grpc)', value: true }]);
    };
    expect(ask(EdgeControllerKind.ENVOY_GATEWAY, EdgeController.envoyGateway({ gateway: GATEWAY }))).not.toThrow();
    expect(ask(EdgeControllerKind.CALICO_INGRESS_GATEWAY, EdgeController.calicoIngressGateway({ gateway: GATEWAY }))).not.toThrow();
    expect(ask(EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx()))
      .toThrow(/^Invalid modelServer \(triton options\.grpc\): true\. ingress-nginx cannot honour this option\. ingress-nginx speaks gRPC to a backend only through backend-protocol: GRPC/);
    expect(ask(EdgeControllerKind.F5_NGINX, EdgeController.f5Nginx({ nginxPlus: true })))
      .toThrow(/^Invalid modelServer \(triton options\.grpc\): true\. f5-nginx cannot honour this option\. This library does not render F5 gRPC upstreams/);
  });

  test('only the Gateway API targets honour an InferencePool backend; the Ingress targets name the fix', () => {
    const ask = (kind: EdgeControllerKind, c: EdgeController) => {
      const t = exposureTarget(kind);
      return () => assertTargetHonours(t, t.controller(c), [{ feature: TargetFeature.INFERENCE_POOL, field: 'backend.inferencePool', value: 'InferencePool' }]);
    };
    expect(ask(EdgeControllerKind.ENVOY_GATEWAY, EdgeController.envoyGateway({ gateway: GATEWAY }))).not.toThrow();
    expect(ask(EdgeControllerKind.CALICO_INGRESS_GATEWAY, EdgeController.calicoIngressGateway({ gateway: GATEWAY }))).not.toThrow();
    expect(ask(EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx()))
      .toThrow(/^Invalid backend\.inferencePool: "InferencePool"\. ingress-nginx cannot honour this option\. An Ingress routes to Services only[^]*EdgeController\.envoyGateway\(\)/);
    expect(ask(EdgeControllerKind.F5_NGINX, EdgeController.f5Nginx())).toThrow(/^Invalid backend\.inferencePool: "InferencePool"\. f5-nginx cannot honour this option\. A VirtualServer routes to Services only/);
  });

  test('on a platform listener, the report warns that another namespace\'s route could claim the endpoint\'s hostnames', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    expect(t.reliesOn(t.controller(EdgeController.envoyGateway({ gateway: GATEWAY })), { tlsMinimumVersion: 'TLSv1.2', sharedLimits: false }).join('\n'))
      .toMatch(/hostname claims: the Gateway's listeners for the endpoint's hosts admit routes from the endpoint's namespace only.*other namespaces lets their HTTPRoutes claim the endpoint's hostnames/);
  });

  test('fails when an Envoy Gateway controller has no Gateway or a malformed one, naming the field', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    expect(() => t.controller(EdgeController.envoyGateway(undefined as any))).toThrow(/Invalid controller gateway: undefined\..*EdgeController\.envoyGateway\(\{ gateway/s);
    expect(() => t.controller(EdgeController.envoyGateway({ gateway: { name: 'Platform_Gateway', namespace: 'x' } }))).toThrow(/controller gateway\.name.*"Platform_Gateway"/s);
    expect(() => t.controller(EdgeController.envoyGateway({ gateway: { name: 'gw', namespace: 'x', sectionName: 'HTTPS!' } }))).toThrow(/controller gateway\.sectionName.*"HTTPS!"/s);
    expect(() => t.controller(EdgeController.envoyGateway({ gateway: GATEWAY, dataPlaneNamespace: 'Envoy' }))).toThrow(/controller dataPlaneNamespace.*"Envoy"/s);
  });

  test('Envoy Gateway refuses what it cannot honour with one message each: the WAF without its module, client certificates, a JWKS Secret, per-client connections, a burst, a certificate of the endpoint\'s own', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    const c = t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }));
    const ask = (feature: TargetFeature, field: string, value: unknown) => () => assertTargetHonours(t, c, [{ feature, field, value }]);
    expect(ask(TargetFeature.WAF, 'waf.enabled', true))
      .toThrow(/Invalid waf\.enabled: true\. envoy-gateway cannot honour this option\. The LLM WAF runs in the Gateway's Envoy pods as coraza-proxy-wasm.*EdgeController\.envoyGateway\(\{ gateway, waf: \{ module: CorazaWasmModule\.fromImage\(image, sha256\) \} \}\).*waf: \{ enabled: false \}/s);
    expect(ask(TargetFeature.MODSECURITY_PROFILE, 'waf.profile', 'LlmWafProfile')).toThrow(/waf\.profile.*envoy-gateway cannot honour this option\. The LLM WAF runs/s);
    expect(ask(TargetFeature.CLIENT_CERTIFICATE_AUTH, 'tls.clientCertificate', 'client-ca')).toThrow(/tls\.clientCertificate: "client-ca".*ClientTrafficPolicy's tls\.clientValidation.*Authentication\.jwt/s);
    expect(ask(TargetFeature.JWKS_SECRET, 'authentication.jwksSecretName', 'jwks')).toThrow(/authentication\.jwksSecretName: "jwks".*not from a Secret; set jwksUri/s);
    expect(ask(TargetFeature.MAX_CONNECTIONS, 'limits.maxConnections', 10)).toThrow(/limits\.maxConnections: 10.*no per-client connection limit/s);
    expect(ask(TargetFeature.BURST, 'limits.burst', 10)).toThrow(/limits\.burst: 10.*token bucket as deep as its rate/s);
    expect(ask(TargetFeature.ENDPOINT_CERTIFICATE, 'tls.issuer', 'letsencrypt')).toThrow(/tls\.issuer: "letsencrypt".*platform's certificate.*remove tls\.issuer/s);
    const honoured = [TargetFeature.JWT_AUTH, TargetFeature.JWKS_URI, TargetFeature.EXTERNAL_AUTH, TargetFeature.API_KEY_AUTH,
      TargetFeature.REQUESTS_PER_MINUTE, TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, TargetFeature.SHARED_LIMITS, TargetFeature.TOKEN_BUDGET];
    for (const f of honoured) {
      expect(ask(f, 'x', 1)).not.toThrow();
    }
  });

  test('Envoy Gateway verifies client certificates only on a listener the endpoint owns, from a ConfigMap or a Secret, with no chain-depth limit (refused when given, relied on otherwise)', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    const own = t.controller(EdgeController.envoyGateway({ gateway: { name: 'platform-gateway', namespace: 'envoy-gateway-system' }, listener: GatewayListener.own() }));
    const platform = t.controller(EdgeController.envoyGateway({ gateway: GATEWAY }));
    const ask = (c: typeof own, feature: TargetFeature, field: string, value: unknown) =>
      () => assertTargetHonours(t, c, [{ feature, field, value }]);
    expect(ask(own, TargetFeature.CLIENT_CERTIFICATE_AUTH, 'tls.clientCertificate', 'clients-ca')).not.toThrow();
    expect(ask(own, TargetFeature.CLIENT_CA_CONFIGMAP, 'tls.clientCertificate.caBundle', 'ConfigMap clients-ca')).not.toThrow();
    expect(ask(platform, TargetFeature.CLIENT_CERTIFICATE_AUTH, 'tls.clientCertificate', 'clients-ca'))
      .toThrow(/Invalid tls\.clientCertificate: "clients-ca"\. envoy-gateway cannot honour this option\..*shared with other hosts.*listener: GatewayListener\.own\(\)/s);
    expect(ask(own, TargetFeature.CLIENT_CERTIFICATE_VERIFY_DEPTH, 'tls.clientCertificate.verifyDepth', 2))
      .toThrow(/Invalid tls\.clientCertificate\.verifyDepth: 2\. envoy-gateway cannot honour this option\. Envoy Gateway's client validation has no chain-depth limit.*remove verifyDepth/s);
    const reliance = { tlsMinimumVersion: 'TLSv1.3', sharedLimits: false };
    expect(t.reliesOn(own, { ...reliance, clientCertificates: true }).join('\n')).toMatch(/Envoy Gateway limits no client certificate chain's depth/);
    expect(t.reliesOn(own, reliance).join('\n')).not.toMatch(/client certificate/);
  });

  test('ingress-nginx and F5 NGINX read the client CA from a Secret only, and limit the chain depth', () => {
    for (const [kind, controller, fix] of [
      [EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx(), /ingress-nginx reads the client CA from a Secret \(auth-tls-secret.*ClientCaBundle\.secret\(name\)/s],
      [EdgeControllerKind.F5_NGINX, EdgeController.f5Nginx(), /F5 NGINX reads the client CA from a Secret of type nginx\.org\/ca.*ClientCaBundle\.secret\(name\)/s],
    ] as const) {
      const t = exposureTarget(kind);
      const c = t.controller(controller);
      expect(() => assertTargetHonours(t, c, [{ feature: TargetFeature.CLIENT_CA_CONFIGMAP, field: 'tls.clientCertificate.caBundle', value: 'ConfigMap clients-ca' }]))
        .toThrow(fix);
      expect(() => assertTargetHonours(t, c, [{ feature: TargetFeature.CLIENT_CERTIFICATE_VERIFY_DEPTH, field: 'tls.clientCertificate.verifyDepth', value: 2 }])).not.toThrow();
    }
  });

  test('Envoy Gateway and Calico Ingress Gateway honour the WAF and the LLM profile with the coraza-proxy-wasm module the platform serves, and rely on it', () => {
    const module = CorazaWasmModule.fromUrl('https://wasm.platform.internal/coraza-proxy-wasm.wasm', 'a'.repeat(64));
    for (const [kind, controller] of [
      [EdgeControllerKind.ENVOY_GATEWAY, EdgeController.envoyGateway({ gateway: GATEWAY, waf: { module } })],
      [EdgeControllerKind.CALICO_INGRESS_GATEWAY, EdgeController.calicoIngressGateway({ gateway: GATEWAY, waf: { module } })],
    ] as const) {
      const t = exposureTarget(kind);
      const c = t.controller(controller);
      expect(c.wafModule).toBe(module);
      expect(() => assertTargetHonours(t, c, [{ feature: TargetFeature.WAF, field: 'waf.enabled', value: true }])).not.toThrow();
      expect(() => assertTargetHonours(t, c, [{ feature: TargetFeature.MODSECURITY_PROFILE, field: 'waf.profile', value: 'LlmWafProfile' }])).not.toThrow();
      expect(t.reliesOn(c, { tlsMinimumVersion: 'TLSv1.3', sharedLimits: false }).join('\n'))
        .toMatch(/the platform serves the coraza-proxy-wasm module \(the LLM WAF\) at https:\/\/wasm\.platform\.internal\/coraza-proxy-wasm\.wasm \(sha256 a{64}\)[^]*fails closed \(failOpen: false\)/);
    }
  });

  test('fails when the WAF module is not a CorazaWasmModule, naming controller waf.module', () => {
    const t = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
    expect(() => t.controller(EdgeController.envoyGateway({ gateway: GATEWAY, waf: { module: 'ghcr.io/corazawaf/coraza-proxy-wasm' as any } })))
      .toThrow(/Invalid controller waf\.module: "ghcr\.io\/corazawaf\/coraza-proxy-wasm"\..*CorazaWasmModule\.fromImage\(image, sha256\)/s);
  });

  test('resolves a Calico Ingress Gateway controller: Envoy pods in tigera-gateway by Envoy Gateway\'s labels, a Gateway of tigera-gateway-class relied on, the same renderer and resources as Envoy Gateway', () => {
    const t = exposureTarget(EdgeControllerKind.CALICO_INGRESS_GATEWAY);
    const c = t.controller(EdgeController.calicoIngressGateway({ gateway: GATEWAY }));
    expect(c).toMatchObject({
      kind: EdgeControllerKind.CALICO_INGRESS_GATEWAY,
      gateway: GATEWAY,
      namespace: 'tigera-gateway',
      podLabels: { 'app.kubernetes.io/name': 'envoy', 'app.kubernetes.io/managed-by': 'envoy-gateway', 'gateway.envoyproxy.io/owning-gateway-name': 'platform-gateway' },
    });
    expect(t.controller(EdgeController.calicoIngressGateway({ gateway: GATEWAY, dataPlaneNamespace: 'edge' })).namespace).toBe('edge');
    expect(t.reliesOn(c, { tlsMinimumVersion: 'TLSv1.3', sharedLimits: false })).toContain('the Gateway is of class tigera-gateway-class (Calico Ingress Gateway, run by the Tigera operator)');
    expect(t.resources).toStrictEqual(exposureTarget(EdgeControllerKind.ENVOY_GATEWAY).resources);
    expect(() => t.controller(EdgeController.calicoIngressGateway(undefined as any))).toThrow(/Invalid controller gateway: undefined\..*EdgeController\.calicoIngressGateway\(\{ gateway/s);
    expect(() => assertTargetHonours(t, c, [{ feature: TargetFeature.WAF, field: 'waf.enabled', value: true }]))
      .toThrow(/calico-ingress-gateway cannot honour this option\..*EdgeController\.calicoIngressGateway\(\{ gateway, waf: \{ module/s);
  });

  test('only Envoy Gateway shares limits across replicas or keeps a token budget; the Ingress targets say what to do instead', () => {
    const refused = (kind: EdgeControllerKind, controller: EdgeController, feature: TargetFeature, field: string, value: unknown) => () => {
      const t = exposureTarget(kind);
      assertTargetHonours(t, t.controller(controller), [{ feature, field, value }]);
    };
    expect(refused(EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx(), TargetFeature.SHARED_LIMITS, 'limits.scope', 'shared'))
      .toThrow(/Invalid limits\.scope: "shared"\. ingress-nginx cannot honour this option\. .*remove limits\.scope, or use EdgeController\.envoyGateway\(\)/s);
    expect(refused(EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx(), TargetFeature.TOKEN_BUDGET, 'limits.tokenBudget', {}))
      .toThrow(/limits\.tokenBudget.*ingress-nginx cannot count the tokens/s);
    const f5 = EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/default' });
    expect(refused(EdgeControllerKind.F5_NGINX, f5, TargetFeature.SHARED_LIMITS, 'limits.scope', 'shared')).toThrow(/limits\.scope.*F5 NGINX Ingress Controller counts rate limits in each replica/s);
    expect(refused(EdgeControllerKind.F5_NGINX, f5, TargetFeature.TOKEN_BUDGET, 'limits.tokenBudget', {})).toThrow(/limits\.tokenBudget.*F5 NGINX cannot count the tokens/s);
  });

  test('names the resources each target writes, for the deployer and change control', () => {
    expect(exposureTarget(EdgeControllerKind.ENVOY_GATEWAY).resources.flatMap((r) => r.resources)).toStrictEqual(['httproutes', 'securitypolicies', 'backendtrafficpolicies']);
    // The WAF's EnvoyExtensionPolicy is written only with the WAF on; guarded otherwise.
    expect(exposureTarget(EdgeControllerKind.ENVOY_GATEWAY).wafResources!.flatMap((r) => r.resources)).toStrictEqual(['envoyextensionpolicies']);
    expect(exposureTarget(EdgeControllerKind.ENVOY_GATEWAY).guards.flatMap((r) => r.resources)).toStrictEqual(['envoyextensionpolicies', 'referencegrants']);
    expect(exposureTarget(EdgeControllerKind.ENVOY_GATEWAY).inferencePoolResources!.flatMap((r) => r.resources)).toStrictEqual(['inferencepools']);
    expect(exposureTarget(EdgeControllerKind.INGRESS_NGINX).resources).toStrictEqual([]);
    expect(exposureTarget(EdgeControllerKind.F5_NGINX).resources.flatMap((r) => r.resources)).toStrictEqual(['virtualservers', 'virtualserverroutes', 'policies']);
  });

  test('every hint of every row names only options that target honours', () => {
    // The option names a hint may recommend, by the feature they ask for.
    const optionNames = new Map<TargetFeature, RegExp>([
      [TargetFeature.EXTERNAL_AUTH, /Authentication\.external\b/],
      [TargetFeature.JWT_AUTH, /Authentication\.jwt\b|\bjwt\b/],
      [TargetFeature.JWKS_URI, /\bjwksUri\b/],
      [TargetFeature.JWKS_SECRET, /\bjwksSecretName\b/],
      [TargetFeature.API_KEY_AUTH, /\bapiKey\b/],
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, /\bclientCertificate\b/],
      [TargetFeature.REQUESTS_PER_MINUTE, /\brequestsPerMinute\b/],
      [TargetFeature.MAX_CONNECTIONS, /\bmaxConnections\b/],
    ]);
    // Each target with every controller setting on: a hint may rely on a setting it names.
    const capable = new Map([
      [EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx({ wafSnippetAnnotationCriticalRisk: true })],
      [EdgeControllerKind.F5_NGINX, EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/llm' })],
      [EdgeControllerKind.ENVOY_GATEWAY, EdgeController.envoyGateway({ gateway: GATEWAY })],
      [EdgeControllerKind.CALICO_INGRESS_GATEWAY, EdgeController.calicoIngressGateway({ gateway: GATEWAY })],
    ]);
    const followed: string[] = [];
    for (const t of EXPOSURE_TARGETS) {
      const controller = t.controller(capable.get(t.kind)!);
      for (const [feature, support] of t.honours) {
        if (support.fix === '') continue;
        // What the text recommends (not what it asks to remove) is what the row declares it suggests.
        const recommended = [...optionNames].filter(([, re]) => re.test(support.fix.replace(/remove \w+/g, ''))).map(([f]) => f);
        expect({ row: t.kind.value, feature: feature.description, names: recommended.map((f) => f.description).sort() })
          .toStrictEqual({ row: t.kind.value, feature: feature.description, names: support.suggests.map((f) => f.description).sort() });
        for (const s of support.suggests) {
          const honoured = t.honours.get(s)?.honoured(controller) ?? false;
          expect({ row: t.kind.value, hint: feature.description, suggests: s.description, honoured })
            .toStrictEqual({ row: t.kind.value, hint: feature.description, suggests: s.description, honoured: true });
          followed.push(`${t.kind.value}: ${feature.description} -> ${s.description}`);
        }
      }
    }
    expect(followed).toContain('f5-nginx: authentication through an external auth service -> client certificates');
    expect(followed).toContain('envoy-gateway: client certificates -> JWT validation');
    expect(followed).toContain('envoy-gateway: a JWKS read from a Secret -> a JWKS fetched from a URI');
    expect(followed).toContain('ingress-nginx: OpenID Connect login at the gateway -> authentication through an external auth service');
    expect(followed).toContain('f5-nginx: OpenID Connect login at the gateway -> a JWKS read from a Secret');
  });
});
