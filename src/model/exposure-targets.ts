import { ClientAddressModel, clientAddressModel } from './client-address-model';
import { Labels } from './network-policy-model';
import { EdgeController, EdgeControllerKind } from '../options/edge-controller';
import { dnsLabel, dnsSubdomain } from '../options/validate';
import { ValidationError } from '../options/validation-error';

/**
 * Something the endpoint's options ask of the target that exposes it. The model finds what
 * the options ask once, whatever the target; the target's row in `EXPOSURE_TARGETS` says
 * whether it can honour each.
 * @internal
 */
export class TargetFeature {
  public static readonly EXTERNAL_AUTH = new TargetFeature('authentication through an external auth service');
  public static readonly JWT_AUTH = new TargetFeature('JWT validation');
  public static readonly JWKS_URI = new TargetFeature('a JWKS fetched from a URI');
  public static readonly API_KEY_AUTH = new TargetFeature('API-key validation');
  public static readonly CLIENT_CERTIFICATE_AUTH = new TargetFeature('client certificates');
  public static readonly SOURCE_RANGES_ALLOW_AND_DENY = new TargetFeature('allow and deny source ranges together');
  public static readonly REQUESTS_PER_MINUTE = new TargetFeature('a per-minute rate limit');
  public static readonly MAX_CONNECTIONS = new TargetFeature('a per-client connection limit');
  public static readonly MODSECURITY_PROFILE = new TargetFeature('the LLM WAF profile (ModSecurity)');
  public static readonly WAF = new TargetFeature('a WAF');

  private constructor(public readonly description: string) {}
}

/** One thing the options ask, with the field and value that ask it. @internal */
export interface TargetRequest {
  readonly feature: TargetFeature;
  readonly field: string;
  readonly value: unknown;
}

/** The controller, resolved against its target's defaults. @internal */
export interface ControllerModel {
  readonly kind: EdgeControllerKind;
  readonly ingressClassName: string;
  readonly namespace: string;
  readonly podLabels: Labels;
  /** F5 NGINX: the controller runs NGINX Plus. */
  readonly nginxPlus: boolean;
  /** F5 NGINX: the App Protect policy (`namespace/name`). */
  readonly appProtectPolicy?: string;
  /** F5 NGINX: the App Protect log configuration (`namespace/name`). */
  readonly appProtectLogConf?: string;
  /** ingress-nginx: the WAF rules go in a snippet annotation (Critical risk, reported). */
  readonly wafSnippetAnnotation: boolean;
  /** How the controller learns each client's address (controller-wide). */
  readonly clientAddress: ClientAddressModel;
}

/** Whether a target honours a feature: always, never, or only with some controller setting. @internal */
export interface Support {
  /** True when the target honours the feature for this controller. */
  readonly honoured: (controller: ControllerModel) => boolean;
  /** What the user can do instead, when it does not. */
  readonly fix: string;
  /**
   * The features the fix suggests instead. Each must be one the same target honours (with the
   * controller setting the row names, if any), so a hint never leads to another refusal.
   */
  readonly suggests: TargetFeature[];
}

const YES: Support = { honoured: () => true, fix: '', suggests: [] };
const no = (fix: string, ...suggests: TargetFeature[]): Support => ({ honoured: () => false, fix, suggests });
const when = (honoured: (c: ControllerModel) => boolean, fix: string, ...suggests: TargetFeature[]): Support => ({ honoured, fix, suggests });

/**
 * The Kubernetes resources a target's renderer writes, for the deployer's RBAC and change
 * control. Change control guards every object of these resources that carries the endpoint's
 * label; the CEL hooks (over `x`, the object as `dyn`) let it judge the spec of objects anyone
 * else creates: an object routing to the model Service, serving the endpoint's hosts or
 * presenting its certificate is the deployers' alone.
 * @internal
 */
export interface ResourceGroup {
  readonly apiGroups: string[];
  readonly resources: string[];
  /** CEL over `x`: the list of Service names the object sends traffic to. */
  readonly backendServicesCel?: string;
  /** CEL over `x`: the list of host names the object serves. */
  readonly hostsCel?: string;
  /** CEL over `x`: the list of TLS Secret names the object presents. */
  readonly tlsSecretsCel?: string;
}

/** A row of the capability table: one exposure target. @internal */
export interface ExposureTarget {
  readonly kind: EdgeControllerKind;
  /** The resources the target's renderer writes besides the core ones (Ingress, Service, ...). */
  readonly resources: ResourceGroup[];
  /** Resolves the controller's own options against the target's defaults. */
  readonly controller: (c: EdgeController) => ControllerModel;
  /** What the target can honour; a feature missing from the map is not honoured. */
  readonly honours: Map<TargetFeature, Support>;
}

/** The capability table: what each target can honour. Adding a target is one row and one renderer. @internal */
export const EXPOSURE_TARGETS: ExposureTarget[] = [
  {
    kind: EdgeControllerKind.INGRESS_NGINX,
    resources: [],
    controller: (c) => {
      const o = c.ingressNginxOptions ?? {};
      return {
        kind: c.kind,
        ingressClassName: dnsSubdomain('controller ingressClassName', o.ingressClassName ?? 'nginx'),
        namespace: dnsLabel('controller controllerNamespace', o.controllerNamespace ?? 'ingress-nginx'),
        podLabels: o.controllerPodLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
        nginxPlus: false,
        wafSnippetAnnotation: o.wafSnippetAnnotationCriticalRisk ?? false,
        clientAddress: clientAddressModel('controller clientAddress', o.clientAddress),
      };
    },
    honours: new Map([
      [TargetFeature.EXTERNAL_AUTH, YES],
      [TargetFeature.JWT_AUTH, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service (e.g. oauth2-proxy) that validates them.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.JWKS_URI, no('ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service that fetches the JWKS.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.API_KEY_AUTH, no('ingress-nginx cannot check API keys itself; use Authentication.external with an auth service that does.', TargetFeature.EXTERNAL_AUTH)],
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, YES],
      [TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, YES],
      [TargetFeature.REQUESTS_PER_MINUTE, YES],
      [TargetFeature.MAX_CONNECTIONS, YES],
      [TargetFeature.MODSECURITY_PROFILE, YES],
      [TargetFeature.WAF, YES],
    ]),
  },
  {
    kind: EdgeControllerKind.F5_NGINX,
    resources: [
      {
        apiGroups: ['k8s.nginx.org'],
        resources: ['virtualservers', 'virtualserverroutes'],
        backendServicesCel: 'has(x.spec.upstreams) ? x.spec.upstreams.map(u, u.service) : []',
        hostsCel: 'has(x.spec.host) ? [x.spec.host] : []',
        tlsSecretsCel: 'has(x.spec.tls) && has(x.spec.tls.secret) ? [x.spec.tls.secret] : []',
      },
      { apiGroups: ['k8s.nginx.org'], resources: ['policies'] },
    ],
    controller: (c) => {
      const o = c.f5NginxOptions ?? {};
      return {
        kind: c.kind,
        ingressClassName: dnsSubdomain('controller ingressClassName', o.ingressClassName ?? 'nginx'),
        namespace: dnsLabel('controller controllerNamespace', o.controllerNamespace ?? 'nginx-ingress'),
        podLabels: o.controllerPodLabels ?? { 'app.kubernetes.io/name': 'nginx-ingress' },
        nginxPlus: o.nginxPlus ?? false,
        appProtectPolicy: namespacedName('controller appProtectPolicy', o.appProtectPolicy),
        appProtectLogConf: namespacedName('controller appProtectLogConf', o.appProtectLogConf),
        wafSnippetAnnotation: false,
        clientAddress: clientAddressModel('controller clientAddress', o.clientAddress),
      };
    },
    honours: new Map([
      [TargetFeature.EXTERNAL_AUTH, no('F5 NGINX Ingress Controller has no external-auth subrequest for Ingress; use Authentication.clientCertificate(), or Authentication.jwt with jwksSecretName if the controller runs NGINX Plus.',
        TargetFeature.CLIENT_CERTIFICATE_AUTH, TargetFeature.JWT_AUTH)],
      [TargetFeature.JWT_AUTH, when((c) => c.nginxPlus, 'JWT validation is an NGINX Plus feature; set EdgeController.f5Nginx({ nginxPlus: true }) if the controller runs NGINX Plus.')],
      [TargetFeature.JWKS_URI, no('The k8s.nginx.org/v1 Policy schema this library targets takes the JWKS from a Secret; set jwksSecretName instead.')],
      [TargetFeature.API_KEY_AUTH, no('The k8s.nginx.org/v1 Policy schema this library targets (the newest the Go module proxy serves) has no API-key policy; use Authentication.clientCertificate(), or Authentication.jwt with jwksSecretName if the controller runs NGINX Plus.',
        TargetFeature.CLIENT_CERTIFICATE_AUTH, TargetFeature.JWT_AUTH)],
      [TargetFeature.CLIENT_CERTIFICATE_AUTH, YES],
      [TargetFeature.SOURCE_RANGES_ALLOW_AND_DENY, no('An F5 accessControl Policy takes either an allow or a deny list, not both; keep one.')],
      [TargetFeature.REQUESTS_PER_MINUTE, no('An F5 rateLimit Policy has one rate; express it per second (requestsPerSecond) or use ingress-nginx.')],
      [TargetFeature.MAX_CONNECTIONS, no('F5 NGINX has no per-client connection limit for VirtualServer routes; remove maxConnections.')],
      [TargetFeature.MODSECURITY_PROFILE, no('F5 NGINX runs App Protect, not ModSecurity: express the policy as an APPolicy and set appProtectPolicy.')],
      [TargetFeature.WAF, when((c) => c.nginxPlus && c.appProtectPolicy !== undefined, 'F5 NGINX uses NGINX App Protect as its WAF, which runs only in NGINX Plus: set EdgeController.f5Nginx({ nginxPlus: true, appProtectPolicy: "namespace/name" }), or waf: { enabled: false }.')],
    ]),
  },
];

/** The row of a controller kind. @internal */
export function exposureTarget(kind: EdgeControllerKind): ExposureTarget {
  const row = EXPOSURE_TARGETS.find((t) => t.kind === kind);
  if (!row) throw new ValidationError('controller', kind?.value, `Choose one of ${EXPOSURE_TARGETS.map((t) => t.kind.value).join(', ')}.`);
  return row;
}

/**
 * Fails on the first request the target cannot honour, naming the option, the value and what
 * to do instead. The one place this error is written.
 * @internal
 */
export function assertTargetHonours(target: ExposureTarget, controller: ControllerModel, requests: TargetRequest[]): void {
  for (const r of requests) {
    const support = target.honours.get(r.feature);
    if (support === undefined) {
      throw new ValidationError(r.field, r.value, `${target.kind.value} cannot honour ${r.feature.description}; choose another controller or remove the option.`);
    }
    if (!support.honoured(controller)) {
      throw new ValidationError(r.field, r.value, `${target.kind.value} cannot honour this option. ${support.fix}`);
    }
  }
}

function namespacedName(field: string, value?: string): string | undefined {
  if (value === undefined) return undefined;
  const parts = value.split('/');
  if (parts.length !== 2) throw new ValidationError(field, value, 'Use "namespace/name".');
  dnsLabel(field, parts[0]);
  dnsSubdomain(field, parts[1]);
  return value;
}
