/**
 * Turns the xDS that `egctl x translate --to xds` prints (an Envoy admin ConfigDump, in proto
 * JSON) into a static Envoy bootstrap that a real Envoy can validate and serve on loopback:
 * listeners get their RouteConfiguration inline instead of RDS, EDS clusters become STATIC with
 * the stand-in backend's 127.0.0.1 address, and the listener and admin bind to loopback ports.
 * Envoy reads proto JSON field names (lowerCamelCase) in a bootstrap, so the dump is reused as is.
 */

type Obj = { [key: string]: any };

const TYPE_PREFIX = 'type.googleapis.com/envoy.admin.v3.';
const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const JWT_AUTHN_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication';
const RATE_LIMIT_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimit';
/** How long the proof's Envoys wait for the rate-limit service on loopback. */
const RATE_LIMIT_CALL_TIMEOUT = '2s';
const HEADER_TO_METADATA_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.header_to_metadata.v3.Config';
const OAUTH2_TYPES = ['OAuth2', 'OAuth2PerRoute'].map((t) => `type.googleapis.com/envoy.extensions.filters.http.oauth2.v3.${t}`);
const HTTP_PROTOCOL_OPTIONS_TYPE = 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions';

/** The xDS resources of one ConfigDump, by kind. */
export interface XdsResources {
  readonly bootstrap: Obj;
  readonly listeners: Obj[];
  readonly routes: Obj[];
  readonly clusters: Obj[];
  readonly endpoints: Obj[];
  /** The SDS secrets of the translation (the OAuth2 client and cookie-signing secrets). @default none */
  readonly secrets?: Obj[];
}

function dumpOf(dump: Obj, kind: string): Obj {
  const found = (dump.configs ?? []).find((c: Obj) => c['@type'] === `${TYPE_PREFIX}${kind}`);
  if (!found) throw new Error(`the xDS output has no ${kind}`);
  return found;
}

/** Splits an Envoy admin ConfigDump (one entry of egctl's `xds` map) into its resources. */
export function xdsResources(dump: Obj): XdsResources {
  return {
    bootstrap: dumpOf(dump, 'BootstrapConfigDump').bootstrap ?? {},
    listeners: (dumpOf(dump, 'ListenersConfigDump').dynamicListeners ?? []).map((l: Obj) => l.activeState.listener),
    routes: (dumpOf(dump, 'RoutesConfigDump').dynamicRouteConfigs ?? []).map((r: Obj) => r.routeConfig),
    clusters: (dumpOf(dump, 'ClustersConfigDump').dynamicActiveClusters ?? []).map((c: Obj) => c.cluster),
    endpoints: (dumpOf(dump, 'EndpointsConfigDump').dynamicEndpointConfigs ?? []).map((e: Obj) => e.endpointConfig),
  };
}

/**
 * The resources of one Gateway as conformance/go/eg-wasm-translate prints them (`xds` map entry:
 * bootstrap, listeners, routes, clusters, endpoints, secrets, each in proto JSON).
 */
export function xdsTables(t: Obj): XdsResources {
  return {
    bootstrap: t.bootstrap ?? {},
    listeners: t.listeners ?? [],
    routes: t.routes ?? [],
    clusters: t.clusters ?? [],
    endpoints: t.endpoints ?? [],
    secrets: t.secrets ?? [],
  };
}

function stripType(o: Obj): Obj {
  const { ['@type']: _type, ...rest } = o;
  return rest;
}

export interface StaticBootstrapOptions {
  /** The xDS name of the Gateway listener to serve (`<namespace>/<gateway>/<listener>`); others are dropped. */
  readonly listenerName: string;
  /** Loopback port of that listener. */
  readonly listenerPort: number;
  /** Loopback port of Envoy's admin interface (readiness, stats). */
  readonly adminPort: number;
  /**
   * Loopback port of the stand-in backend the EDS clusters are pointed at. Endpoints already on
   * loopback (127.0.0.0/8, e.g. a JWKS served by the proof itself) are kept as they are.
   */
  readonly backendPort: number;
  /**
   * The TLS certificates the listener's SDS references name (`<namespace>/<secret>`): served as
   * static secrets instead of over ADS. @default none (a TLS listener is then an error)
   */
  readonly certificates?: TlsCertificate[];
  /**
   * The CA (PEM) that verifies HTTPS upstreams on loopback (e.g. a JWKS the proof serves itself):
   * replaces the trust store Envoy Gateway names for them. @default their TLS settings are kept
   */
  readonly loopbackTrustedCa?: string;
  /**
   * The CA (PEM) of the model servers' certificates, for the validation contexts the clusters of a
   * BackendTLSPolicy read over SDS: served as static secrets of the same names.
   * @default none (a cluster that reads its validation context over SDS is then an error)
   */
  readonly backendTrustedCa?: string;
  /**
   * The CA (PEM) of the clients' certificates, for the validation contexts the listener's TLS
   * contexts read over SDS (a ClientTrafficPolicy's `tls.clientValidation`): served as static
   * secrets of the same names.
   * @default none (a listener that reads its validation context over SDS is then an error)
   */
  readonly clientTrustedCa?: string;
  /**
   * Loopback gRPC port of Envoy's rate-limit service. Envoy Gateway adds the cluster its global
   * rate-limit filter calls (`ratelimit_cluster`, mTLS to the rate-limit Deployment) from its own
   * settings, which `egctl x translate` leaves out: this adds it, in plaintext, on loopback.
   * @default the xDS must have no global rate-limit filter (it is then an error)
   */
  readonly rateLimitServicePort?: number;
  /**
   * Response headers of the stand-in backend copied into Envoy's dynamic metadata (a number) before
   * the router: what the Envoy AI Gateway's external processor does with the token counts of an
   * LLM response (namespace `io.envoy.ai_gateway`), for the global rate limit's response cost.
   * @default none
   */
  readonly responseHeadersToMetadata?: ResponseHeaderToMetadata[];
}

/** A response header whose value becomes a dynamic-metadata number. */
export interface ResponseHeaderToMetadata {
  readonly header: string;
  readonly namespace: string;
  readonly key: string;
}

/** A certificate and its private key (PEM), under the name an SDS reference uses. */
export interface TlsCertificate {
  /** The SDS secret name egctl gives it: `<namespace>/<secret>`. */
  readonly name: string;
  readonly certificateChain: string;
  readonly privateKey: string;
}

/** What the conversion changed, for the spike's report. */
export interface StaticBootstrap {
  readonly bootstrap: Obj;
  readonly listeners: string[];
  /** Listeners of the xDS output left out (Envoy Gateway's readiness listener, other Gateway listeners). */
  readonly droppedListeners: string[];
  readonly clusters: string[];
  readonly inlinedRoutes: string[];
  readonly rewrittenEndpoints: string[];
}

function loopback(port: number): Obj {
  return { socketAddress: { address: '127.0.0.1', portValue: port } };
}

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && /^127\./.test(address);
}

/** Every OAuth2 filter configuration in a listener: the HTTP filter's and each route's (Envoy Gateway configures it per route). */
function oauth2Configs(o: unknown, out: Obj[] = []): Obj[] {
  if (Array.isArray(o)) {o.forEach((x) => oauth2Configs(x, out));} else if (o && typeof o === 'object') {
    if (OAUTH2_TYPES.includes((o as Obj)['@type'])) out.push(o as Obj);
    Object.values(o).forEach((x) => oauth2Configs(x, out));
  }
  return out;
}

/**
 * Points the SDS secrets each OAuth2 filter of the listener reads (its client secret and its
 * cookie-signing key) at static secrets of the same name, taken from the translation's secrets.
 */
function staticOAuth2Secrets(listener: Obj, secrets: Map<string, Obj>, used: Map<string, Obj>): void {
  for (const c of oauth2Configs(listener)) {
    const credentials = c.config?.credentials ?? {};
    for (const ref of [credentials.tokenSecret, credentials.hmacSecret].filter((x: Obj | undefined) => x)) {
      const secret = secrets.get(ref.name);
      if (!secret) throw new Error(`listener ${listener.name}: its OAuth2 filter reads the secret ${ref.name} over SDS and the translation has no secret of that name`);
      delete ref.sdsConfig;
      used.set(ref.name, stripType(secret));
    }
  }
}

/** A DNS cluster whose every endpoint is a loopback address or localhost (e.g. an OIDC token endpoint the proof serves). */
function dnsClusterOnLoopback(cluster: Obj): boolean {
  const addresses = (cluster.loadAssignment?.endpoints ?? []).flatMap((locality: Obj) =>
    (locality.lbEndpoints ?? []).map((lb: Obj) => lb.endpoint?.address?.socketAddress?.address as string | undefined));
  const dns = ['STRICT_DNS', 'LOGICAL_DNS'].includes(cluster.type) || cluster.clusterType?.name === 'envoy.cluster.dns';
  return dns && addresses.length > 0
    && addresses.every((a: string | undefined) => a === 'localhost' || isLoopback(a));
}

/**
 * Points each SDS certificate reference of the listener's TLS contexts at a static secret of the
 * same name (drops its `sdsConfig`, which would ask ADS); every name must be given.
 */
function staticSdsSecrets(listener: Obj, certificates: Map<string, TlsCertificate>, used: Set<string>,
  clientTrustedCa: string | undefined, usedValidationContexts: Set<string>): void {
  const chains: Obj[] = [...(listener.filterChains ?? []), ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])];
  for (const chain of chains) {
    const tls = chain.transportSocket?.typedConfig?.commonTlsContext;
    for (const ref of tls?.tlsCertificateSdsSecretConfigs ?? []) {
      if (!certificates.has(ref.name)) {
        throw new Error(`listener ${listener.name}: its TLS certificate ${ref.name} is served over SDS and no certificate of that name was given`);
      }
      delete ref.sdsConfig;
      used.add(ref.name);
    }
    // client certificates (mutual TLS): the CA the listener verifies them with
    const refs: Obj[] = [tls?.validationContextSdsSecretConfig, tls?.combinedValidationContext?.validationContextSdsSecretConfig].filter((r) => r);
    for (const ref of refs) {
      if (clientTrustedCa === undefined) throw new Error(`listener ${listener.name}: its client validation context ${ref.name} is served over SDS and no client CA was given`);
      delete ref.sdsConfig;
      usedValidationContexts.add(ref.name);
    }
  }
}

function connectionManagers(listener: Obj): Obj[] {
  const chains: Obj[] = [...(listener.filterChains ?? []), ...(listener.defaultFilterChain ? [listener.defaultFilterChain] : [])];
  return chains.flatMap((chain) => (chain.filters ?? []).map((f: Obj) => f.typedConfig).filter((c: Obj | undefined) => c?.['@type'] === HCM_TYPE));
}

/** The clusters the global rate-limit filters of a listener call. */
function rateLimitClusters(listener: Obj): string[] {
  return connectionManagers(listener).flatMap((hcm) => (hcm.httpFilters ?? [])
    .filter((f: Obj) => f.typedConfig?.['@type'] === RATE_LIMIT_TYPE)
    .map((f: Obj) => f.typedConfig.rateLimitService?.grpcService?.envoyGrpc?.clusterName as string));
}

/** Puts a header_to_metadata filter for the responses before each connection manager's router. */
function addResponseMetadata(listener: Obj, rules: ResponseHeaderToMetadata[]): void {
  for (const hcm of connectionManagers(listener)) {
    const filters: Obj[] = hcm.httpFilters ?? [];
    const router = filters.findIndex((f) => f.name === 'envoy.filters.http.router');
    filters.splice(router < 0 ? filters.length : router, 0, {
      name: 'envoy.filters.http.header_to_metadata',
      typedConfig: {
        '@type': HEADER_TO_METADATA_TYPE,
        'responseRules': rules.map((r) => ({ header: r.header, onHeaderPresent: { metadataNamespace: r.namespace, key: r.key, type: 'NUMBER' }, remove: true })),
      },
    });
    hcm.httpFilters = filters;
  }
}

/** The jwt_authn providers of every listener of a bootstrap, by name. */
export function jwtProviders(bootstrap: Obj): Array<{ name: string; [field: string]: unknown }> {
  const out: Array<{ name: string; [field: string]: unknown }> = [];
  for (const listener of bootstrap.staticResources?.listeners ?? []) {
    for (const hcm of connectionManagers(listener)) {
      for (const f of hcm.httpFilters ?? []) {
        if (f.typedConfig?.['@type'] !== JWT_AUTHN_TYPE) continue;
        for (const [name, provider] of Object.entries(f.typedConfig.providers ?? {})) out.push({ name, ...(provider as Obj) });
      }
    }
  }
  return out;
}

/** Replaces each HTTP connection manager's RDS by the named RouteConfiguration. */
function inlineRoutes(listener: Obj, routes: Map<string, Obj>, inlined: string[]): void {
  for (const hcm of connectionManagers(listener)) {
    if (!hcm.rds) continue;
    const name: string = hcm.rds.routeConfigName;
    const route = routes.get(name);
    if (!route) throw new Error(`listener ${listener.name}: RDS route configuration ${name} is not in the xDS output`);
    delete hcm.rds;
    hcm.routeConfig = stripType(route);
    inlined.push(name);
  }
}

/** The upstream TLS contexts of a cluster: its transport socket and those its endpoints pick by metadata. */
function upstreamTlsContexts(cluster: Obj): Obj[] {
  return [cluster.transportSocket, ...(cluster.transportSocketMatches ?? []).map((m: Obj) => m.transportSocket)]
    .map((t: Obj | undefined) => t?.typedConfig?.commonTlsContext).filter((c: Obj | undefined): c is Obj => c !== undefined);
}

/**
 * Points each SDS validation context of the cluster (BackendTLSPolicy: the CA the Gateway verifies
 * the backend with) at a static secret of the same name; `used` collects the names.
 */
function staticValidationContexts(cluster: Obj, trustedCa: string | undefined, used: Set<string>): void {
  for (const tls of upstreamTlsContexts(cluster)) {
    const refs: Obj[] = [tls.validationContextSdsSecretConfig, tls.combinedValidationContext?.validationContextSdsSecretConfig].filter((r) => r);
    for (const ref of refs) {
      if (trustedCa === undefined) throw new Error(`cluster ${cluster.name}: its TLS validation context ${ref.name} is served over SDS and no backend CA was given`);
      delete ref.sdsConfig;
      used.add(ref.name);
    }
  }
}

export function staticBootstrap(xds: XdsResources, opts: StaticBootstrapOptions): StaticBootstrap {
  const chosen = xds.listeners.filter((l) => l.name === opts.listenerName);
  if (chosen.length !== 1) {
    throw new Error(`listener ${opts.listenerName} is not in the xDS output (listeners: ${xds.listeners.map((l) => l.name).join(', ')})`);
  }
  const routes = new Map(xds.routes.map((r) => [r.name as string, r]));
  const loadAssignments = new Map(xds.endpoints.map((e) => [e.clusterName as string, e]));
  const inlined: string[] = [];
  const rewritten: string[] = [];
  const certificates = new Map((opts.certificates ?? []).map((c) => [c.name, c]));
  const usedCertificates = new Set<string>();
  const usedValidationContexts = new Set<string>();
  const usedClientValidationContexts = new Set<string>();
  const oauth2Secrets = new Map((xds.secrets ?? []).map((x) => [x.name as string, x]));
  const usedOAuth2Secrets = new Map<string, Obj>();

  const listeners = chosen.map((l) => {
    const listener = JSON.parse(JSON.stringify(stripType(l)));
    listener.address = loopback(opts.listenerPort);
    inlineRoutes(listener, routes, inlined);
    staticSdsSecrets(listener, certificates, usedCertificates, opts.clientTrustedCa, usedClientValidationContexts);
    staticOAuth2Secrets(listener, oauth2Secrets, usedOAuth2Secrets);
    if ((opts.responseHeadersToMetadata ?? []).length > 0) addResponseMetadata(listener, opts.responseHeadersToMetadata!);
    return listener;
  });
  const rateLimitCluster = [...new Set(listeners.flatMap(rateLimitClusters))];
  if (rateLimitCluster.length > 0 && opts.rateLimitServicePort === undefined) {
    throw new Error(`listener ${opts.listenerName}: its global rate limits call ${rateLimitCluster.join(', ')} and no rate-limit service port was given`);
  }

  const clusters = xds.clusters.map((c) => {
    const cluster = JSON.parse(JSON.stringify(stripType(c)));
    staticValidationContexts(cluster, opts.backendTrustedCa, usedValidationContexts);
    if (cluster.type !== 'EDS') {
      const trusted = cluster.transportSocket?.typedConfig?.commonTlsContext?.validationContext;
      if (dnsClusterOnLoopback(cluster) && trusted?.trustedCa && opts.loopbackTrustedCa !== undefined) {
        trusted.trustedCa = { inlineString: opts.loopbackTrustedCa };
      }
      return cluster;
    }
    const cla = loadAssignments.get(cluster.edsClusterConfig?.serviceName ?? cluster.name);
    if (!cla) throw new Error(`EDS cluster ${cluster.name} has no ClusterLoadAssignment in the xDS output`);
    const assignment = JSON.parse(JSON.stringify(stripType(cla)));
    // the proof's own loopback servers (not the backends it stands in for)
    const onLoopback = (assignment.endpoints ?? []).every((locality: Obj) =>
      (locality.lbEndpoints ?? []).every((lb: Obj) => isLoopback(lb.endpoint?.address?.socketAddress?.address)));
    for (const locality of assignment.endpoints ?? []) {
      for (const lb of locality.lbEndpoints ?? []) {
        const before = lb.endpoint?.address?.socketAddress;
        if (isLoopback(before?.address)) continue;
        rewritten.push(`${cluster.name}: ${before?.address}:${before?.portValue} -> 127.0.0.1:${opts.backendPort}`);
        lb.endpoint.address = loopback(opts.backendPort);
      }
    }
    const validation = cluster.transportSocket?.typedConfig?.commonTlsContext?.validationContext;
    if (onLoopback && validation?.trustedCa && opts.loopbackTrustedCa !== undefined) {
      validation.trustedCa = { inlineString: opts.loopbackTrustedCa };
    }
    delete cluster.edsClusterConfig;
    cluster.type = 'STATIC';
    cluster.loadAssignment = assignment;
    return cluster;
  });

  // Envoy's default for the rate-limit filter's call is 20 ms, and on a timeout it lets the request
  // through (failure_mode_deny unset, as Envoy Gateway renders it unless rateLimit.failClosed). On
  // a loaded 2-core machine the loopback service answers slower than a cluster's does, so the proof
  // gives the call 2 s: the limits are then proved on the service's answers, not on its latency.
  for (const hcm of listeners.flatMap(connectionManagers)) {
    for (const f of (hcm.httpFilters ?? []).filter((x: Obj) => x.typedConfig?.['@type'] === RATE_LIMIT_TYPE)) {
      if (f.typedConfig.timeout === undefined) {
        f.typedConfig.timeout = RATE_LIMIT_CALL_TIMEOUT;
        rewritten.push(`${f.name}: the call to the rate-limit service may take ${RATE_LIMIT_CALL_TIMEOUT} (Envoy's default 20 ms, then fail open)`);
      }
    }
  }
  for (const name of rateLimitCluster.filter((n) => !clusters.some((c) => c.name === n))) {
    clusters.push({
      name,
      type: 'STATIC',
      connectTimeout: '1s',
      loadAssignment: { clusterName: name, endpoints: [{ lbEndpoints: [{ endpoint: { address: loopback(opts.rateLimitServicePort!) } }] }] },
      typedExtensionProtocolOptions: { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': HTTP_PROTOCOL_OPTIONS_TYPE, 'explicitHttpConfig': { http2ProtocolOptions: {} } } },
    });
    rewritten.push(`${name}: the rate-limit service -> 127.0.0.1:${opts.rateLimitServicePort}`);
  }

  // Keep Envoy Gateway's own bootstrap settings (overload manager, runtime, stats) that do not
  // need the control plane; drop ADS, the xDS cluster and the admin/stats listeners it adds.
  const eg = xds.bootstrap;
  const bootstrap: Obj = {
    node: { id: 'gateway-spike', cluster: 'gateway-spike' },
    admin: { address: loopback(opts.adminPort) },
    staticResources: { listeners, clusters },
  };
  const secrets: Obj[] = [...usedCertificates].map((name) => {
    const c = certificates.get(name)!;
    return { name, tlsCertificate: { certificateChain: { inlineString: c.certificateChain }, privateKey: { inlineString: c.privateKey } } };
  });
  for (const name of usedValidationContexts) secrets.push({ name, validationContext: { trustedCa: { inlineString: opts.backendTrustedCa! } } });
  for (const name of usedClientValidationContexts) secrets.push({ name, validationContext: { trustedCa: { inlineString: opts.clientTrustedCa! } } });
  secrets.push(...usedOAuth2Secrets.values());
  if (secrets.length > 0) bootstrap.staticResources.secrets = secrets;
  for (const keep of ['layeredRuntime', 'overloadManager', 'deferredStatOptions']) {
    if (eg[keep] !== undefined) bootstrap[keep] = eg[keep];
  }
  return {
    bootstrap,
    listeners: listeners.map((l) => l.name),
    droppedListeners: xds.listeners.filter((l) => l.name !== opts.listenerName).map((l) => l.name),
    clusters: clusters.map((c) => c.name),
    inlinedRoutes: inlined,
    rewrittenEndpoints: rewritten,
  };
}
