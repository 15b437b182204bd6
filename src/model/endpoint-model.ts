import { AdmissionPolicyModel } from './admission-policy-model';
import { changeControlPolicy } from './change-control-policy';
import { egressPolicy } from './egress-policy';
import { endpointDeployerRules, endpointAuditorRules } from './endpoint-personas';
import { defaultDenyPolicy, dnsEgressPolicy, Labels, NetworkPolicyModel } from './network-policy-model';
import { assertLeastPrivilege, PersonaModel, SubjectModel, subjectModel } from './rbac-model';
import { WafProfileModel, wafProfileModel } from './waf-profile-model';
import { WeakeningModel } from './weakening';
import { MetricsScrapeOptions } from '../options/ai-training-namespace-props';
import { AuthenticationKind } from '../options/authentication';
import { parseCidr } from '../options/cidr';
import { EdgeControllerKind } from '../options/edge-controller';
import { InferenceBackend, InferenceBackendKind } from '../options/inference-backend';
import { RouteModel, routeModel } from '../options/inference-route';
import { SecureInferenceEndpointProps } from '../options/secure-inference-endpoint-props';
import { ClientCertificateVerification, PrivateKeyAlgorithm, TlsVersion } from '../options/tls-options';
import { dnsLabel, dnsSubdomain, integer, port, quantity, quantityValue, unique } from '../options/validate';
import { ValidationError } from '../options/validation-error';
import { LlmWafProfile } from '../options/waf/llm-waf-profile';

/** The model-server workload the construct creates. @internal */
export interface WorkloadModel {
  readonly image: string;
  readonly args?: string[];
  readonly env: { [name: string]: string };
  readonly port: number;
  readonly metricsPort: number;
  readonly replicas: number;
  readonly gpus: number;
  readonly gpuResourceName: string;
  readonly cpu: string;
  readonly memory: string;
  readonly cacheSize: string;
  readonly ephemeralStorage: string;
  readonly sharedMemorySize: string;
  readonly modelVolumeClaim?: string;
  readonly runAsUser: number;
  readonly healthPath: string;
}

/** A backend, resolved. @internal */
export interface BackendModel {
  readonly serviceName: string;
  readonly port: number;
  readonly podLabels: Labels;
  readonly workload?: WorkloadModel;
}

/** Everything a secure inference endpoint is, as plain data. @internal */
export interface EndpointModel {
  readonly name: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly hosts: string[];
  readonly routes: RouteModel[];
  readonly modelServer: string;
  readonly backend: BackendModel;
  readonly canary?: { readonly backend: BackendModel; readonly weightPercent?: number; readonly header?: string; readonly headerValue?: string };
  readonly controller: {
    readonly kind: string;
    readonly ingressClassName: string;
    readonly namespace: string;
    readonly podLabels: Labels;
    readonly nginxPlus: boolean;
    readonly appProtectPolicy?: string;
    readonly appProtectLogConf?: string;
    readonly wafSnippetAnnotation: boolean;
  };
  readonly tls: {
    readonly issuerKind: string;
    readonly issuerName: string;
    readonly secretName: string;
    readonly keyAlgorithm: string;
    readonly keySize: number;
    readonly durationHours: number;
    readonly renewBeforeHours: number;
    readonly protocols: string[];
    readonly minimumVersion: string;
    readonly hstsMaxAgeSeconds: number;
    readonly clientCertificate?: { readonly caSecretName: string; readonly verify: string; readonly verifyDepth: number };
  };
  readonly auth: {
    readonly kind: string;
    readonly externalUrl?: string;
    readonly signinUrl?: string;
    readonly responseHeaders?: string[];
    readonly jwksUri?: string;
    readonly jwksSecretName?: string;
    readonly realm?: string;
    readonly apiKeySecretName?: string;
    readonly apiKeyHeader?: string;
  };
  readonly sourceRanges: { readonly allow: string[]; readonly deny: string[] };
  readonly limits: {
    readonly requestsPerSecond: number;
    readonly requestsPerMinute?: number;
    readonly burst: number;
    readonly maxConnections: number;
    readonly maxBodyMiB: number;
    readonly readTimeoutSeconds: number;
    readonly sendTimeoutSeconds: number;
    readonly connectTimeoutSeconds: number;
    readonly bufferResponses: boolean;
  };
  readonly waf: { readonly enabled: boolean; readonly profile?: WafProfileModel };
  readonly networkPolicies: NetworkPolicyModel[];
  readonly personas: PersonaModel[];
  readonly deployerServiceAccount?: string;
  readonly admissionPolicies: AdmissionPolicyModel[];
  readonly weakenings: WeakeningModel[];
}

const INGRESS_NGINX_DEFAULT_LABELS = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
const F5_DEFAULT_LABELS = { 'app.kubernetes.io/name': 'nginx-ingress' };

export function buildEndpointModel(name: string, props: SecureInferenceEndpointProps): EndpointModel {
  if (!props) throw new ValidationError('props', props, 'Pass the SecureInferenceEndpoint options.');
  dnsLabel('id (endpoint name)', name);
  if (name.length > 40) throw new ValidationError('id (endpoint name)', name, 'Use at most 40 characters: objects are named after the endpoint.');
  const namespace = dnsLabel('namespace', props.namespace);
  const weakenings: WeakeningModel[] = [];

  // --- hosts and routes
  const hostsIn = props.hosts;
  if (!Array.isArray(hostsIn) || hostsIn.length === 0) {
    throw new ValidationError('hosts', hostsIn, 'List at least one host name, e.g. ["llm.example.com"].');
  }
  const hosts = unique('hosts', hostsIn.map((h, i) => {
    if (typeof h === 'string' && h.startsWith('*.')) {
      throw new ValidationError(`hosts[${i}]`, h, 'Wildcard hosts expose every name under the domain; list each host explicitly.');
    }
    const host = dnsSubdomain(`hosts[${i}]`, h);
    if (!host.includes('.')) throw new ValidationError(`hosts[${i}]`, h, 'Use a fully-qualified host name such as "llm.example.com".');
    return host;
  }));
  if (!props.modelServer) throw new ValidationError('modelServer', props.modelServer, 'Choose ModelServer.vllm(), tgi(), triton([...]), openAiCompatible() or custom([...]).');
  const routes = props.modelServer.routes.map((r, i) => routeModel(`modelServer routes[${i}]`, r));
  unique('modelServer routes (path)', routes.map((r) => `${r.path}`));

  // --- controller
  if (!props.controller) throw new ValidationError('controller', props.controller, 'Choose EdgeController.ingressNginx() or EdgeController.f5Nginx().');
  const isNginx = props.controller.kind === EdgeControllerKind.INGRESS_NGINX;
  const nginxOpts = props.controller.ingressNginxOptions ?? {};
  const f5Opts = props.controller.f5NginxOptions ?? {};
  const controller = {
    kind: props.controller.kind.value,
    ingressClassName: dnsSubdomain('controller ingressClassName', (isNginx ? nginxOpts.ingressClassName : f5Opts.ingressClassName) ?? 'nginx'),
    namespace: dnsLabel('controller controllerNamespace', (isNginx ? nginxOpts.controllerNamespace : f5Opts.controllerNamespace) ?? (isNginx ? 'ingress-nginx' : 'nginx-ingress')),
    podLabels: (isNginx ? nginxOpts.controllerPodLabels : f5Opts.controllerPodLabels) ?? (isNginx ? INGRESS_NGINX_DEFAULT_LABELS : F5_DEFAULT_LABELS),
    nginxPlus: !isNginx && (f5Opts.nginxPlus ?? false),
    appProtectPolicy: isNginx ? undefined : namespacedName('controller appProtectPolicy', f5Opts.appProtectPolicy),
    appProtectLogConf: isNginx ? undefined : namespacedName('controller appProtectLogConf', f5Opts.appProtectLogConf),
    wafSnippetAnnotation: isNginx && (nginxOpts.wafSnippetAnnotationCriticalRisk ?? false),
  };
  if (controller.wafSnippetAnnotation) {
    weakenings.push({ option: 'controller.wafSnippetAnnotationCriticalRisk: true', effect: 'The WAF rules are delivered in a modsecurity-snippet annotation: the controller must allow snippet annotations, a Critical-risk setting (CVE-2025-1974).' });
  }
  const unsupported = (field: string, value: unknown, fix: string) => {
    throw new ValidationError(field, value, `${props.controller.kind.value} cannot honour this option. ${fix}`);
  };

  // --- backend and canary
  const backend = backendModel('backend', props.backend, name, props.modelServer.defaultPort, props.modelServer.healthPath, weakenings);
  let canary: EndpointModel['canary'];
  if (props.canary) {
    const c = props.canary;
    if (c.weightPercent === undefined && c.header === undefined) {
      throw new ValidationError('canary', c, 'Give weightPercent (0-100), header, or both.');
    }
    if (c.weightPercent !== undefined) integer('canary.weightPercent', c.weightPercent, 0, 100);
    if (c.header !== undefined && !/^[A-Za-z0-9-]+$/.test(c.header)) {
      throw new ValidationError('canary.header', c.header, 'Use an HTTP header name of letters, digits and "-".');
    }
    if (c.headerValue !== undefined && c.header === undefined) {
      throw new ValidationError('canary.headerValue', c.headerValue, 'headerValue needs header; set canary.header too.');
    }
    const canaryBackend = backendModel('canary.backend', c.backend, `${name}-canary`, props.modelServer.defaultPort, props.modelServer.healthPath, weakenings);
    if (canaryBackend.serviceName === backend.serviceName) {
      throw new ValidationError('canary.backend', canaryBackend.serviceName, 'The canary must be a different Service from the primary backend.');
    }
    canary = { backend: canaryBackend, weightPercent: c.weightPercent, header: c.header, headerValue: c.headerValue };
  }

  // --- TLS
  const t = props.tls;
  if (!t || !t.issuer) throw new ValidationError('tls.issuer', t?.issuer, 'Give CertificateIssuer.clusterIssuer(name) or CertificateIssuer.issuer(name).');
  dnsSubdomain('tls.issuer name', t.issuer.name);
  const durationHours = integer('tls.durationHours', t.durationHours ?? 2160, 1, 87600);
  const renewBeforeHours = integer('tls.renewBeforeHours', t.renewBeforeHours ?? 720, 1, 87600);
  if (renewBeforeHours >= durationHours) {
    throw new ValidationError('tls.renewBeforeHours', renewBeforeHours, `Renew before expiry, but within the lifetime: use less than durationHours (${durationHours}).`);
  }
  const key = t.privateKey ?? PrivateKeyAlgorithm.ECDSA_P256;
  const minimumVersion = t.minimumVersion ?? TlsVersion.TLS_1_2;
  const hstsMaxAgeSeconds = integer('tls.hstsMaxAgeSeconds', t.hstsMaxAgeSeconds ?? 31536000, 0, 63072000);
  if (hstsMaxAgeSeconds === 0) weakenings.push({ option: 'tls.hstsMaxAgeSeconds: 0', effect: 'HSTS is off: browsers may be downgraded to plain HTTP.' });
  let clientCertificate: EndpointModel['tls']['clientCertificate'];
  if (t.clientCertificate) {
    clientCertificate = {
      caSecretName: dnsSubdomain('tls.clientCertificate.caSecretName', t.clientCertificate.caSecretName),
      verify: (t.clientCertificate.verification ?? ClientCertificateVerification.REQUIRED).value,
      verifyDepth: integer('tls.clientCertificate.verifyDepth', t.clientCertificate.verifyDepth ?? 1, 1, 10),
    };
  }

  // --- authentication
  const a = props.authentication;
  if (!a) {
    throw new ValidationError('authentication', a, 'Choose Authentication.external(...), jwt(...), apiKey(...), clientCertificate(), or Authentication.noneInsecure(reason).');
  }
  let auth: EndpointModel['auth'] = { kind: a.kind.value };
  switch (a.kind) {
    case AuthenticationKind.EXTERNAL: {
      if (!isNginx) unsupported('authentication', 'external', 'F5 NGINX Ingress Controller has no external-auth subrequest for Ingress; use Authentication.jwt (NGINX Plus), apiKey or clientCertificate.');
      const e = a.externalOptions!;
      auth = { kind: a.kind.value, externalUrl: url('authentication.url', e.url), signinUrl: e.signinUrl === undefined ? undefined : url('authentication.signinUrl', e.signinUrl), responseHeaders: (e.responseHeaders ?? []).map((h, i) => headerName(`authentication.responseHeaders[${i}]`, h)) };
      break;
    }
    case AuthenticationKind.JWT: {
      if (isNginx) unsupported('authentication', 'jwt', 'ingress-nginx cannot validate JWTs itself; use Authentication.external with an auth service (e.g. oauth2-proxy) that validates them.');
      if (!controller.nginxPlus) unsupported('authentication', 'jwt', 'JWT validation is an NGINX Plus feature; set EdgeController.f5Nginx({ nginxPlus: true }) if the controller runs NGINX Plus.');
      const j = a.jwtOptions!;
      if ((j.jwksUri === undefined) === (j.jwksSecretName === undefined)) {
        throw new ValidationError('authentication.jwt', j, 'Give exactly one of jwksUri or jwksSecretName.');
      }
      if (j.jwksUri !== undefined) {
        unsupported('authentication.jwksUri', j.jwksUri, 'The k8s.nginx.org/v1 Policy schema this library targets takes the JWKS from a Secret; set jwksSecretName instead.');
      }
      auth = { kind: a.kind.value, jwksUri: j.jwksUri === undefined ? undefined : url('authentication.jwksUri', j.jwksUri, true), jwksSecretName: j.jwksSecretName === undefined ? undefined : dnsSubdomain('authentication.jwksSecretName', j.jwksSecretName), realm: j.realm ?? 'inference' };
      break;
    }
    case AuthenticationKind.API_KEY: {
      if (isNginx) unsupported('authentication', 'api-key', 'ingress-nginx cannot check API keys itself; use Authentication.external with an auth service that does.');
      unsupported('authentication', 'api-key', 'The k8s.nginx.org/v1 Policy schema this library targets (the newest the Go module proxy serves) has no apiKey policy; use Authentication.clientCertificate() or jwt.');
      const k = a.apiKeyOptions!;
      auth = { kind: a.kind.value, apiKeySecretName: dnsSubdomain('authentication.secretName', k.secretName), apiKeyHeader: headerName('authentication.header', k.header ?? 'X-API-Key') };
      break;
    }
    case AuthenticationKind.CLIENT_CERTIFICATE:
      if (!clientCertificate || clientCertificate.verify !== 'on') {
        throw new ValidationError('tls.clientCertificate', t.clientCertificate, 'Authentication.clientCertificate() needs tls.clientCertificate with ClientCertificateVerification.REQUIRED.');
      }
      break;
    case AuthenticationKind.NONE:
      weakenings.push({ option: 'authentication: noneInsecure', effect: `No authentication: anyone who reaches the host can use the model. Reason given: ${a.insecureReason}` });
      break;
  }
  if (clientCertificate && clientCertificate.verify !== 'on') {
    weakenings.push({ option: 'tls.clientCertificate.verification: OPTIONAL', effect: 'Client certificates are verified only when presented; they do not authenticate.' });
  }

  // --- source ranges, limits
  const cidrs = (field: string, list?: string[]) => (list ?? []).map((c, i) => parseCidr(`${field}[${i}]`, c).text);
  const sourceRanges = { allow: cidrs('sourceRanges.allow', props.sourceRanges?.allow), deny: cidrs('sourceRanges.deny', props.sourceRanges?.deny) };
  if (!isNginx && sourceRanges.allow.length > 0 && sourceRanges.deny.length > 0) {
    unsupported('sourceRanges', props.sourceRanges, 'An F5 accessControl Policy takes either an allow or a deny list, not both; keep one.');
  }
  const l = props.limits ?? {};
  const positive = (field: string, v: number | undefined, d: number, max: number) => integer(field, v ?? d, 1, max);
  const limits = {
    requestsPerSecond: positive('limits.requestsPerSecond', l.requestsPerSecond, 10, 100000),
    requestsPerMinute: l.requestsPerMinute === undefined ? undefined : positive('limits.requestsPerMinute', l.requestsPerMinute, 0, 6000000),
    burst: integer('limits.burst', l.burst ?? 20, 0, 100000),
    maxConnections: positive('limits.maxConnections', l.maxConnections, 20, 100000),
    maxBodyMiB: positive('limits.maxBodyMiB', l.maxBodyMiB, 32, 1024),
    readTimeoutSeconds: positive('limits.readTimeoutSeconds', l.readTimeoutSeconds, 600, 86400),
    sendTimeoutSeconds: positive('limits.sendTimeoutSeconds', l.sendTimeoutSeconds, 600, 86400),
    connectTimeoutSeconds: positive('limits.connectTimeoutSeconds', l.connectTimeoutSeconds, 10, 75),
    bufferResponses: l.bufferResponses ?? false,
  };
  if (!isNginx && limits.requestsPerMinute !== undefined) {
    unsupported('limits.requestsPerMinute', limits.requestsPerMinute, 'An F5 rateLimit Policy has one rate; express it per second (requestsPerSecond) or use ingress-nginx.');
  }
  if (!isNginx && l.maxConnections !== undefined) {
    unsupported('limits.maxConnections', l.maxConnections, 'F5 NGINX has no per-client connection limit for VirtualServer routes; remove maxConnections.');
  }

  // --- WAF
  const wafEnabled = props.waf?.enabled ?? true;
  if (!wafEnabled && props.waf?.profile) {
    throw new ValidationError('waf.profile', 'LlmWafProfile', 'The WAF is disabled (waf.enabled: false); remove the profile or enable the WAF.');
  }
  if (!isNginx && props.waf?.profile) {
    unsupported('waf.profile', 'LlmWafProfile', 'F5 NGINX runs App Protect, not ModSecurity: express the policy as an APPolicy and set appProtectPolicy.');
  }
  const wafProfile = wafEnabled && isNginx ? props.waf?.profile ?? new LlmWafProfile() : undefined;
  const waf = { enabled: wafEnabled, profile: wafProfile ? wafProfileModel(wafProfile) : undefined };
  if (!waf.enabled) weakenings.push({ option: 'waf.enabled: false', effect: 'No WAF: prompts, secrets and management routes are not inspected; methods are not restricted.' });
  if (waf.profile && waf.profile.mode === 'DETECT') weakenings.push({ option: 'waf.profile mode: DETECT', effect: 'The WAF logs attacks but does not block them.' });
  if (waf.enabled && !isNginx && !controller.appProtectPolicy) {
    unsupported('controller appProtectPolicy', undefined, 'F5 NGINX uses NGINX App Protect as its WAF: set EdgeController.f5Nginx({ appProtectPolicy: "namespace/name" }), or waf: { enabled: false }.');
  }

  // --- network policies
  const dns = props.clusterDns ?? {};
  const networkPolicies: NetworkPolicyModel[] = [
    defaultDenyPolicy(),
    dnsEgressPolicy(dns.namespaceLabels ?? { 'kubernetes.io/metadata.name': 'kube-system' }, dns.podLabels ?? { 'k8s-app': 'kube-dns' }),
  ];
  for (const [suffix, b] of canary ? [['', backend], ['-canary', canary.backend]] as const : [['', backend]] as const) {
    networkPolicies.push({
      name: `${name}${suffix}-from-controller`,
      description: `Only the ${controller.kind} controller pods (namespace ${controller.namespace}) reach the model server on port ${b.workload?.port ?? b.port}.`,
      podLabels: b.podLabels,
      policyTypes: ['Ingress'],
      ingress: [{
        peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': controller.namespace }, podLabels: controller.podLabels }],
        ports: [{ protocol: 'TCP', port: b.workload?.port ?? b.port }],
      }],
    });
  }
  if (props.metricsScrape) networkPolicies.push(metricsPolicy(name, props.metricsScrape, backend));
  const egressNames = new Set<string>();
  (props.egress ?? []).forEach((rule, i) => networkPolicies.push(egressPolicy(`egress[${i}]`, rule, backend.podLabels, egressNames, weakenings)));

  // --- change control
  const cc = props.changeControl ?? {};
  let deployerServiceAccount: string | undefined;
  let deployers: SubjectModel[];
  if (cc.deployers === undefined) {
    deployerServiceAccount = `${name}-deployer`;
    deployers = [{ kind: 'ServiceAccount', name: deployerServiceAccount, namespace }];
  } else {
    if (!Array.isArray(cc.deployers) || cc.deployers.length === 0) {
      throw new ValidationError('changeControl.deployers', cc.deployers, 'Give at least one deployer (Subject.serviceAccount(...) or Subject.group(...)), or omit it to create a deployer ServiceAccount.');
    }
    deployers = cc.deployers.map((s) => subjectModel(s, namespace));
  }
  const personas: PersonaModel[] = [{
    name: `${name}-deployer`,
    description: 'The only identity that may change the endpoint: routes, Services, NetworkPolicies, certificates, policies, workload.',
    rules: endpointDeployerRules(isNginx),
    subjects: deployers,
  }];
  if (cc.auditors !== undefined) {
    if (!Array.isArray(cc.auditors) || cc.auditors.length === 0) {
      throw new ValidationError('changeControl.auditors', cc.auditors, 'Give at least one auditor, or omit changeControl.auditors.');
    }
    personas.push({ name: `${name}-auditor`, description: 'Reads the endpoint\'s objects; never Secrets.', rules: endpointAuditorRules(isNginx), subjects: cc.auditors.map((s) => subjectModel(s, namespace)) });
  }
  personas.forEach(assertLeastPrivilege);
  const admissionPolicies = [changeControlPolicy({ name, namespace, deployers, f5: !isNginx })];

  return {
    name,
    namespace,
    createNamespace: props.createNamespace ?? true,
    hosts,
    routes,
    modelServer: props.modelServer.name,
    backend,
    canary,
    controller,
    tls: {
      issuerKind: t.issuer.kind,
      issuerName: t.issuer.name,
      secretName: `${name}-tls`,
      keyAlgorithm: key.algorithm,
      keySize: key.size,
      durationHours,
      renewBeforeHours,
      protocols: minimumVersion.protocols,
      minimumVersion: minimumVersion.name,
      hstsMaxAgeSeconds,
      clientCertificate,
    },
    auth,
    sourceRanges,
    limits,
    waf,
    networkPolicies,
    personas,
    deployerServiceAccount,
    admissionPolicies,
    weakenings,
  };
}

function backendModel(field: string, b: InferenceBackend, name: string, defaultPort: number, healthPath: string,
  weakenings: WeakeningModel[]): BackendModel {
  if (!b) throw new ValidationError(field, b, 'Give InferenceBackend.service(name, port, podLabels) or InferenceBackend.workload({...}).');
  if (b.kind === InferenceBackendKind.SERVICE) {
    if (!b.podLabels || Object.keys(b.podLabels).length === 0) {
      throw new ValidationError(`${field}.podLabels`, b.podLabels, 'Give the labels of the Service\'s pods, so that NetworkPolicies protect exactly those pods.');
    }
    return { serviceName: b.serviceName!, port: b.port!, podLabels: b.podLabels };
  }
  const w = b.workloadOptions!;
  if (!w || typeof w.image !== 'string') throw new ValidationError(`${field}.image`, w?.image, 'Give the model server image, pinned by digest.');
  const digest = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?@sha256:[a-f0-9]{64}$/;
  const tagged = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;
  if (!digest.test(w.image)) {
    if (!(w.allowImageTag ?? false)) {
      throw new ValidationError(`${field}.image`, w.image, 'Pin the image by digest (e.g. "vllm/vllm-openai@sha256:<64 hex>"), or set allowImageTag: true (reported).');
    }
    if (!tagged.test(w.image)) throw new ValidationError(`${field}.image`, w.image, 'Not a valid image reference.');
    weakenings.push({ option: `${field}.allowImageTag: true`, effect: 'The model server image is referenced by a mutable tag.' });
  }
  const workloadPort = port(`${field}.port`, w.port ?? defaultPort);
  const runAsUser = integer(`${field}.runAsUser`, w.runAsUser ?? 10001, 10000, 2147483647);
  const env = { ...(w.env ?? {}) };
  for (const k of Object.keys(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new ValidationError(`${field}.env`, k, 'Environment variable names are letters, digits and "_".');
    if (/(TOKEN|SECRET|PASSWORD|API_KEY)/i.test(k)) {
      throw new ValidationError(`${field}.env`, k, 'Do not put secrets in plain environment variables; mount them from a Secret with the escape hatch (workload.deployment).');
    }
  }
  const cache = quantityValue(w.cacheSize ?? '20Gi');
  if (quantityValue(w.ephemeralStorage ?? '24Gi') < cache + 2 ** 30) {
    throw new ValidationError(`${field}.ephemeralStorage`, w.ephemeralStorage ?? '24Gi', `It must hold the cache (${w.cacheSize ?? '20Gi'}) plus 1Gi of /tmp; raise it or lower cacheSize.`);
  }
  return {
    serviceName: name,
    port: workloadPort,
    podLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'model-server' },
    workload: {
      image: w.image,
      args: w.args,
      env: { HOME: '/cache', HF_HOME: '/cache/huggingface', XDG_CACHE_HOME: '/cache', ...env },
      port: workloadPort,
      metricsPort: port(`${field}.metricsPort`, w.metricsPort ?? workloadPort),
      replicas: integer(`${field}.replicas`, w.replicas ?? 1, 1, 1000),
      gpus: integer(`${field}.gpus`, w.gpus ?? 1, 0, 64),
      gpuResourceName: w.gpuResourceName ?? 'nvidia.com/gpu',
      cpu: quantity(`${field}.cpu`, w.cpu ?? '4'),
      memory: quantity(`${field}.memory`, w.memory ?? '32Gi'),
      cacheSize: quantity(`${field}.cacheSize`, w.cacheSize ?? '20Gi'),
      ephemeralStorage: quantity(`${field}.ephemeralStorage`, w.ephemeralStorage ?? '24Gi'),
      sharedMemorySize: quantity(`${field}.sharedMemorySize`, w.sharedMemorySize ?? '2Gi'),
      modelVolumeClaim: w.modelVolumeClaim === undefined ? undefined : dnsSubdomain(`${field}.modelVolumeClaim`, w.modelVolumeClaim),
      runAsUser,
      healthPath,
    },
  };
}

function metricsPolicy(name: string, m: MetricsScrapeOptions, backend: BackendModel): NetworkPolicyModel {
  const ns = dnsLabel('metricsScrape.namespace', m.namespace);
  return {
    name: `${name}-metrics-scrape`,
    description: `The monitoring namespace ${ns} may scrape metrics on port ${m.port} only; metrics are never routed through the controller.`,
    podLabels: m.podLabels ?? backend.podLabels,
    policyTypes: ['Ingress'],
    ingress: [{ peers: [{ namespaceLabels: { 'kubernetes.io/metadata.name': ns }, podLabels: m.scraperPodLabels ?? {} }], ports: [{ protocol: 'TCP', port: port('metricsScrape.port', m.port) }] }],
  };
}


function url(field: string, value: string, httpsOnly = false): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ValidationError(field, value, 'Give an absolute URL such as "https://auth.example.com/oauth2/auth".');
  }
  if (!['http:', 'https:'].includes(u.protocol) || (httpsOnly && u.protocol !== 'https:')) {
    throw new ValidationError(field, value, httpsOnly ? 'Use an https:// URL.' : 'Use an http:// (in-cluster) or https:// URL.');
  }
  return value;
}

function headerName(field: string, value: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]+$/.test(value)) throw new ValidationError(field, value, 'Use an HTTP header name of letters, digits and "-".');
  return value;
}

function namespacedName(field: string, value?: string): string | undefined {
  if (value === undefined) return undefined;
  const parts = value.split('/');
  if (parts.length !== 2) throw new ValidationError(field, value, 'Use "namespace/name".');
  dnsLabel(field, parts[0]);
  dnsSubdomain(field, parts[1]);
  return value;
}

