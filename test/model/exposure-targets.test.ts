import { assertTargetHonours, EXPOSURE_TARGETS, exposureTarget, TargetFeature } from '../../src/model/exposure-targets';
import { ClientAddress, ClientAddressMode } from '../../src/options/client-address';
import { EdgeController, EdgeControllerKind } from '../../src/options/edge-controller';

const FEATURES = Object.values(TargetFeature).filter((f) => f instanceof TargetFeature) as TargetFeature[];

describe('the exposure target capability table', () => {
  test('has one row per controller kind, and every row answers every feature', () => {
    expect(EXPOSURE_TARGETS.map((t) => t.kind)).toStrictEqual([EdgeControllerKind.INGRESS_NGINX, EdgeControllerKind.F5_NGINX]);
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

  test('resolves the controller-wide client address of both controllers, direct by default', () => {
    for (const t of EXPOSURE_TARGETS) {
      expect(t.controller(t.kind === EdgeControllerKind.F5_NGINX ? EdgeController.f5Nginx() : EdgeController.ingressNginx()).clientAddress)
        .toStrictEqual({ mode: ClientAddressMode.DIRECT, trustedCidrs: [] });
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

  test('names the resources each target writes, for the deployer and change control', () => {
    expect(exposureTarget(EdgeControllerKind.INGRESS_NGINX).resources).toStrictEqual([]);
    expect(exposureTarget(EdgeControllerKind.F5_NGINX).resources.flatMap((r) => r.resources)).toStrictEqual(['virtualservers', 'virtualserverroutes', 'policies']);
  });

  test('every hint of every row names only options that target honours', () => {
    // The option names a hint may recommend, by the feature they ask for.
    const optionNames = new Map<TargetFeature, RegExp>([
      [TargetFeature.EXTERNAL_AUTH, /Authentication\.external\b/],
      [TargetFeature.JWT_AUTH, /Authentication\.jwt\b|\bjwt\b/],
      [TargetFeature.JWKS_URI, /\bjwksUri\b/],
      [TargetFeature.API_KEY_AUTH, /\bapiKey\b/],
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, /\bclientCertificate\b/],
      [TargetFeature.REQUESTS_PER_MINUTE, /\brequestsPerMinute\b/],
      [TargetFeature.MAX_CONNECTIONS, /\bmaxConnections\b/],
    ]);
    // Each target with every controller setting on: a hint may rely on a setting it names.
    const capable = new Map([
      [EdgeControllerKind.INGRESS_NGINX, EdgeController.ingressNginx({ wafSnippetAnnotationCriticalRisk: true })],
      [EdgeControllerKind.F5_NGINX, EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: 'nginx-ingress/llm' })],
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
  });
});
