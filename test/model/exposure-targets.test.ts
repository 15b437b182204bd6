import { assertTargetHonours, EXPOSURE_TARGETS, exposureTarget, TargetFeature } from '../../src/model/exposure-targets';
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
});
