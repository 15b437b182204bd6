import { jwtProviders, staticBootstrap, xdsResources, xdsTables } from '../../../conformance/gateway/bootstrap';

const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const JWT = 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication';
const admin = (kind: string) => `type.googleapis.com/envoy.admin.v3.${kind}`;

function listener(name: string, routeConfigName: string): any {
  return {
    '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener',
    'name': name,
    'address': { socketAddress: { address: '0.0.0.0', portValue: 10080 } },
    'defaultFilterChain': {
      filters: [{
        name: 'envoy.filters.network.http_connection_manager',
        typedConfig: {
          '@type': HCM,
          'rds': { configSource: { ads: {} }, routeConfigName },
          'httpFilters': [
            { name: 'envoy.filters.http.jwt_authn', typedConfig: { '@type': JWT, 'providers': { p1: { issuer: 'i', forward: true } } } },
            { name: 'envoy.filters.http.router' },
          ],
        },
      }],
    },
  };
}

function dump(opts: { withRoute?: boolean; withEndpoints?: boolean } = {}): any {
  return {
    configs: [
      {
        '@type': admin('BootstrapConfigDump'),
        'bootstrap': {
          layeredRuntime: { layers: [{ name: 'global_config', staticLayer: {} }] },
          overloadManager: { refreshInterval: '0.250s' },
          dynamicResources: { adsConfig: {} },
          staticResources: { clusters: [{ name: 'xds_cluster' }] },
          admin: { address: { socketAddress: { address: '127.0.0.1', portValue: 19000 } } },
        },
      },
      {
        '@type': admin('EndpointsConfigDump'),
        'dynamicEndpointConfigs': opts.withEndpoints === false ? [] : [{
          endpointConfig: {
            '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
            'clusterName': 'httproute/llm/chat/rule/0',
            'endpoints': [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: '10.96.0.10', portValue: 8000 } } } }] }],
          },
        }],
      },
      {
        '@type': admin('ClustersConfigDump'),
        'dynamicActiveClusters': [{
          cluster: {
            '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
            'name': 'httproute/llm/chat/rule/0',
            'type': 'EDS',
            'edsClusterConfig': { edsConfig: { ads: {} }, serviceName: 'httproute/llm/chat/rule/0' },
          },
        }],
      },
      {
        '@type': admin('ListenersConfigDump'),
        'dynamicListeners': [
          { activeState: { listener: listener('envoy-gateway-proxy-ready-0.0.0.0-19003', 'ready') } },
          { activeState: { listener: listener('edge/gw/http', 'edge/gw/http') } },
        ],
      },
      {
        '@type': admin('RoutesConfigDump'),
        'dynamicRouteConfigs': opts.withRoute === false ? [] : [{
          routeConfig: { '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration', 'name': 'edge/gw/http', 'virtualHosts': [] },
        }],
      },
    ],
  };
}

const ports = { listenerName: 'edge/gw/http', listenerPort: 20001, adminPort: 20002, backendPort: 20003 };

describe('staticBootstrap', () => {
  test('one loopback listener with its routes inline, EDS clusters made STATIC on the stand-in, no ADS', () => {
    const result = staticBootstrap(xdsResources(dump()), ports);
    const b = result.bootstrap;
    expect(b.dynamicResources).toBeUndefined();
    expect(b.admin).toStrictEqual({ address: { socketAddress: { address: '127.0.0.1', portValue: 20002 } } });
    expect(b.layeredRuntime).toBeDefined();
    expect(b.overloadManager).toBeDefined();
    expect(b.staticResources.listeners).toHaveLength(1);
    const l = b.staticResources.listeners[0];
    expect(l['@type']).toBeUndefined();
    expect(l.address).toStrictEqual({ socketAddress: { address: '127.0.0.1', portValue: 20001 } });
    const hcm = l.defaultFilterChain.filters[0].typedConfig;
    expect(hcm.rds).toBeUndefined();
    expect(hcm.routeConfig).toStrictEqual({ name: 'edge/gw/http', virtualHosts: [] });
    expect(b.staticResources.clusters).toStrictEqual([{
      name: 'httproute/llm/chat/rule/0',
      type: 'STATIC',
      loadAssignment: {
        clusterName: 'httproute/llm/chat/rule/0',
        endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue: 20003 } } } }] }],
      },
    }]);
    expect(result.droppedListeners).toStrictEqual(['envoy-gateway-proxy-ready-0.0.0.0-19003']);
    expect(result.rewrittenEndpoints).toStrictEqual(['httproute/llm/chat/rule/0: 10.96.0.10:8000 -> 127.0.0.1:20003']);
  });

  test('the input dump is left unchanged', () => {
    const input = dump();
    const before = JSON.stringify(input);
    staticBootstrap(xdsResources(input), ports);
    expect(JSON.stringify(input)).toBe(before);
  });

  test('a listener missing from the xDS is an error naming the listeners present', () => {
    expect(() => staticBootstrap(xdsResources(dump()), { ...ports, listenerName: 'edge/gw/https' }))
      .toThrow('listener edge/gw/https is not in the xDS output (listeners: envoy-gateway-proxy-ready-0.0.0.0-19003, edge/gw/http)');
  });

  test('an RDS name without its RouteConfiguration is an error', () => {
    expect(() => staticBootstrap(xdsResources(dump({ withRoute: false })), ports))
      .toThrow('listener edge/gw/http: RDS route configuration edge/gw/http is not in the xDS output');
  });

  test('an EDS cluster without its ClusterLoadAssignment is an error', () => {
    expect(() => staticBootstrap(xdsResources(dump({ withEndpoints: false })), ports))
      .toThrow('EDS cluster httproute/llm/chat/rule/0 has no ClusterLoadAssignment in the xDS output');
  });
});

describe('xdsResources', () => {
  test('a dump without one of the five config dumps is an error naming it', () => {
    const d = dump();
    d.configs = d.configs.filter((c: any) => c['@type'] !== admin('RoutesConfigDump'));
    expect(() => xdsResources(d)).toThrow('the xDS output has no RoutesConfigDump');
  });
});

describe('jwtProviders', () => {
  test('lists the jwt_authn providers of the served listener, with their fields', () => {
    const { bootstrap } = staticBootstrap(xdsResources(dump()), ports);
    expect(jwtProviders(bootstrap)).toStrictEqual([{ name: 'p1', issuer: 'i', forward: true }]);
  });
});

describe('staticBootstrap on a TLS listener and loopback endpoints', () => {
  const SDS_NAME = 'edge/gw-tls';
  function tlsDump(): any {
    const d = dump();
    const listeners = d.configs.find((c: any) => c['@type'] === admin('ListenersConfigDump'));
    const l = listeners.dynamicListeners[1].activeState.listener;
    l.defaultFilterChain.transportSocket = {
      name: 'envoy.transport_sockets.tls',
      typedConfig: { commonTlsContext: { tlsCertificateSdsSecretConfigs: [{ name: SDS_NAME, sdsConfig: { ads: {} } }] } },
    };
    const endpoints = d.configs.find((c: any) => c['@type'] === admin('EndpointsConfigDump'));
    endpoints.dynamicEndpointConfigs.push({
      endpointConfig: {
        clusterName: '127_0_0_1_18080',
        endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue: 18080 } } } }] }],
      },
    });
    const clusters = d.configs.find((c: any) => c['@type'] === admin('ClustersConfigDump'));
    const upstreamTls = { name: 'tls', typedConfig: { commonTlsContext: { validationContext: { trustedCa: { filename: '/etc/ssl/certs/ca-certificates.crt' } } } } };
    clusters.dynamicActiveClusters.push({
      cluster: { name: '127_0_0_1_18080', type: 'EDS', edsClusterConfig: { serviceName: '127_0_0_1_18080' }, transportSocket: upstreamTls },
    });
    clusters.dynamicActiveClusters[0].cluster.transportSocket = JSON.parse(JSON.stringify(upstreamTls));
    return d;
  }
  const certificate = { name: SDS_NAME, certificateChain: 'CERT PEM', privateKey: 'KEY PEM' };

  test('an SDS certificate reference becomes a static secret of the same name', () => {
    const { bootstrap } = staticBootstrap(xdsResources(tlsDump()), { ...ports, certificates: [certificate] });
    const tls = bootstrap.staticResources.listeners[0].defaultFilterChain.transportSocket.typedConfig.commonTlsContext;
    const refs = tls.tlsCertificateSdsSecretConfigs;
    expect(refs).toStrictEqual([{ name: SDS_NAME }]);
    expect(bootstrap.staticResources.secrets).toStrictEqual([{
      name: SDS_NAME,
      tlsCertificate: { certificateChain: { inlineString: 'CERT PEM' }, privateKey: { inlineString: 'KEY PEM' } },
    }]);
  });

  test('an SDS certificate reference without a given certificate is an error naming it', () => {
    expect(() => staticBootstrap(xdsResources(tlsDump()), ports))
      .toThrow('listener edge/gw/http: its TLS certificate edge/gw-tls is served over SDS and no certificate of that name was given');
  });

  test('endpoints already on loopback are kept; the others go to the stand-in', () => {
    const result = staticBootstrap(xdsResources(tlsDump()), { ...ports, certificates: [certificate] });
    const jwks = result.bootstrap.staticResources.clusters.find((c: any) => c.name === '127_0_0_1_18080');
    expect(jwks.type).toBe('STATIC');
    expect(jwks.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toStrictEqual({ socketAddress: { address: '127.0.0.1', portValue: 18080 } });
    expect(result.rewrittenEndpoints).toStrictEqual(['httproute/llm/chat/rule/0: 10.96.0.10:8000 -> 127.0.0.1:20003']);
  });

  test('HTTPS upstreams on loopback trust the given CA; the others keep their trust store', () => {
    const { bootstrap } = staticBootstrap(xdsResources(tlsDump()), { ...ports, certificates: [certificate], loopbackTrustedCa: 'CA PEM' });
    const trust = (name: string) => bootstrap.staticResources.clusters.find((c: any) => c.name === name)
      .transportSocket.typedConfig.commonTlsContext.validationContext.trustedCa;
    expect(trust('127_0_0_1_18080')).toStrictEqual({ inlineString: 'CA PEM' });
    expect(trust('httproute/llm/chat/rule/0')).toStrictEqual({ filename: '/etc/ssl/certs/ca-certificates.crt' });
  });
});

describe('staticBootstrap: BackendTLSPolicy validation contexts', () => {
  const UPSTREAM_TLS = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';
  function withBackendTls(): any {
    const d = dump();
    const clusters = d.configs.find((c: any) => c['@type'] === admin('ClustersConfigDump'));
    clusters.dynamicActiveClusters[0].cluster.transportSocketMatches = [{
      name: 'httproute/llm/chat/rule/0/tls/0',
      match: { name: 'httproute/llm/chat/rule/0/tls/0' },
      transportSocket: {
        name: 'envoy.transport_sockets.tls',
        typedConfig: {
          '@type': UPSTREAM_TLS,
          'sni': 'chat.llm.svc',
          'commonTlsContext': {
            combinedValidationContext: {
              defaultValidationContext: { matchTypedSubjectAltNames: [{ sanType: 'DNS', matcher: { exact: 'chat.llm.svc' } }] },
              validationContextSdsSecretConfig: { name: 'chat-backend-tls/llm-ca', sdsConfig: { ads: {} } },
            },
          },
        },
      },
    }];
    return d;
  }

  test('the CA a cluster reads over SDS becomes a static secret of the same name; the name check stays', () => {
    const b = staticBootstrap(xdsResources(withBackendTls()), { ...ports, backendTrustedCa: 'CA PEM' }).bootstrap;
    const tls = b.staticResources.clusters[0].transportSocketMatches[0].transportSocket.typedConfig;
    expect(tls.sni).toBe('chat.llm.svc');
    expect(tls.commonTlsContext.combinedValidationContext).toStrictEqual({
      defaultValidationContext: { matchTypedSubjectAltNames: [{ sanType: 'DNS', matcher: { exact: 'chat.llm.svc' } }] },
      validationContextSdsSecretConfig: { name: 'chat-backend-tls/llm-ca' },
    });
    expect(b.staticResources.secrets).toStrictEqual([{ name: 'chat-backend-tls/llm-ca', validationContext: { trustedCa: { inlineString: 'CA PEM' } } }]);
  });

  test('a validation context over SDS without a backend CA is an error naming the cluster', () => {
    expect(() => staticBootstrap(xdsResources(withBackendTls()), ports))
      .toThrow('cluster httproute/llm/chat/rule/0: its TLS validation context chat-backend-tls/llm-ca is served over SDS and no backend CA was given');
  });
});

describe('staticBootstrap: client certificate validation on the listener', () => {
  function withClientValidation(): any {
    const d = dump();
    const l = d.configs.find((c: any) => c['@type'] === admin('ListenersConfigDump')).dynamicListeners[1].activeState.listener;
    l.defaultFilterChain.transportSocket = {
      name: 'envoy.transport_sockets.tls',
      typedConfig: {
        requireClientCertificate: true,
        commonTlsContext: {
          tlsCertificateSdsSecretConfigs: [{ name: 'edge/gw-tls', sdsConfig: { ads: {} } }],
          validationContextSdsSecretConfig: { name: 'llm/chat/ca.crt', sdsConfig: { ads: {} } },
        },
      },
    };
    return d;
  }
  const certificate = { name: 'edge/gw-tls', certificateChain: 'CERT PEM', privateKey: 'KEY PEM' };

  test('the clients\' CA the listener reads over SDS becomes a static secret of the same name; the client certificate stays required', () => {
    const b = staticBootstrap(xdsResources(withClientValidation()), { ...ports, certificates: [certificate], clientTrustedCa: 'CLIENT CA PEM' }).bootstrap;
    const tls = b.staticResources.listeners[0].defaultFilterChain.transportSocket.typedConfig;
    expect(tls.requireClientCertificate).toBe(true);
    expect(tls.commonTlsContext.validationContextSdsSecretConfig).toStrictEqual({ name: 'llm/chat/ca.crt' });
    expect(b.staticResources.secrets).toContainEqual({ name: 'llm/chat/ca.crt', validationContext: { trustedCa: { inlineString: 'CLIENT CA PEM' } } });
  });

  test('a client validation context over SDS without a client CA is an error naming the listener', () => {
    expect(() => staticBootstrap(xdsResources(withClientValidation()), { ...ports, certificates: [certificate] }))
      .toThrow('listener edge/gw/http: its client validation context llm/chat/ca.crt is served over SDS and no client CA was given');
  });
});

describe('staticBootstrap with global rate limits', () => {
  const RATE_LIMIT = 'type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimit';
  /** The dump with a global rate-limit filter calling ratelimit_cluster, as Envoy Gateway writes it (without the cluster). */
  function withRateLimitFilter(): any {
    const d = dump();
    const listeners = d.configs.find((c: any) => c['@type'] === admin('ListenersConfigDump')).dynamicListeners;
    const hcm = listeners[1].activeState.listener.defaultFilterChain.filters[0].typedConfig;
    hcm.httpFilters.splice(1, 0, {
      name: 'envoy.filters.http.ratelimit',
      typedConfig: { '@type': RATE_LIMIT, 'domain': 'edge/gw/http', 'rateLimitService': { grpcService: { envoyGrpc: { clusterName: 'ratelimit_cluster' } } } },
    });
    return d;
  }
  const hcmOf = (b: any) => b.staticResources.listeners[0].defaultFilterChain.filters[0].typedConfig;

  test('adds the rate-limit service cluster the filter calls, HTTP/2 on the given loopback port', () => {
    const result = staticBootstrap(xdsResources(withRateLimitFilter()), { ...ports, rateLimitServicePort: 20004 });
    const cluster = result.bootstrap.staticResources.clusters.find((c: any) => c.name === 'ratelimit_cluster');
    expect(cluster.type).toBe('STATIC');
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toStrictEqual({ socketAddress: { address: '127.0.0.1', portValue: 20004 } });
    expect(cluster.typedExtensionProtocolOptions['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].explicitHttpConfig).toStrictEqual({ http2ProtocolOptions: {} });
    expect(result.rewrittenEndpoints).toContain('ratelimit_cluster: the rate-limit service -> 127.0.0.1:20004');
  });

  test('gives the rate-limit filter\'s call 2 s on loopback (Envoy\'s 20 ms default fails open on a loaded machine)', () => {
    const result = staticBootstrap(xdsResources(withRateLimitFilter()), { ...ports, rateLimitServicePort: 20004 });
    const filters = hcmOf(result.bootstrap).httpFilters.filter((f: any) => f.typedConfig?.['@type'] === RATE_LIMIT);
    expect(filters).toHaveLength(1);
    expect(filters.every((f: any) => f.typedConfig.timeout === '2s')).toBe(true);
    expect(result.rewrittenEndpoints).toContain('envoy.filters.http.ratelimit: the call to the rate-limit service may take 2s (Envoy\'s default 20 ms, then fail open)');
  });

  test('fails when the listener has global rate limits and no rate-limit service port is given', () => {
    expect(() => staticBootstrap(xdsResources(withRateLimitFilter()), ports))
      .toThrow('listener edge/gw/http: its global rate limits call ratelimit_cluster and no rate-limit service port was given');
  });

  test('puts the response headers given into dynamic metadata, as numbers, before the router', () => {
    const result = staticBootstrap(xdsResources(dump()), {
      ...ports, responseHeadersToMetadata: [{ header: 'x-tokens', namespace: 'io.envoy.ai_gateway', key: 'llm_total_token' }],
    });
    const filters = hcmOf(result.bootstrap).httpFilters;
    expect(filters.map((f: any) => f.name)).toStrictEqual(['envoy.filters.http.jwt_authn', 'envoy.filters.http.header_to_metadata', 'envoy.filters.http.router']);
    expect(filters[1].typedConfig.responseRules).toStrictEqual([
      { header: 'x-tokens', onHeaderPresent: { metadataNamespace: 'io.envoy.ai_gateway', key: 'llm_total_token', type: 'NUMBER' }, remove: true },
    ]);
    expect(hcmOf(staticBootstrap(xdsResources(dump()), ports).bootstrap).httpFilters).toHaveLength(2);
  });
});

describe('staticBootstrap with an OIDC login (eg-wasm-translate\'s xDS tables)', () => {
  const OAUTH2 = 'type.googleapis.com/envoy.extensions.filters.http.oauth2.v3.OAuth2';
  const OAUTH2_PER_ROUTE = 'type.googleapis.com/envoy.extensions.filters.http.oauth2.v3.OAuth2PerRoute';
  const sds = (name: string) => ({ name, sdsConfig: { ads: {}, resourceApiVersion: 'V3' } });
  const secret = (name: string, value: string) => ({
    '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
    name,
    'genericSecret': { secret: { inlineBytes: Buffer.from(value).toString('base64') } },
  });
  function tables(secrets = true): any {
    const d = xdsResources(dump());
    const l = JSON.parse(JSON.stringify(d.listeners[1]));
    // Envoy Gateway disables the filter on the connection manager and configures it per route
    l.defaultFilterChain.filters[0].typedConfig.httpFilters.unshift({ name: 'envoy.filters.http.oauth2', disabled: true, typedConfig: { '@type': OAUTH2 } });
    const route = {
      '@type': 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
      'name': 'edge/gw/http',
      'virtualHosts': [{
        name: 'chat',
        domains: ['*'],
        routes: [{
          match: { path: '/v1/models' },
          typedPerFilterConfig: {
            'envoy.filters.http.oauth2': {
              '@type': OAUTH2_PER_ROUTE,
              'config': { credentials: { clientId: 'chat-ui', tokenSecret: sds('oauth2/client_secret/p'), hmacSecret: sds('oauth2/hmac_secret/p') } },
            },
          },
        }],
      }],
    };
    const tokenCluster = {
      '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
      'name': 'localhost_18443',
      'clusterType': { name: 'envoy.cluster.dns' },
      'loadAssignment': { clusterName: 'localhost_18443', endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: 'localhost', portValue: 18443 } } } }] }] },
      'transportSocket': { name: 'tls', typedConfig: { commonTlsContext: { validationContext: { trustedCa: { filename: '/etc/ssl/certs/ca-certificates.crt' } } } } },
    };
    return {
      bootstrap: d.bootstrap,
      listeners: [l],
      routes: [route],
      clusters: [...d.clusters, tokenCluster],
      endpoints: d.endpoints,
      secrets: secrets ? [secret('oauth2/client_secret/p', 'client'), secret('oauth2/hmac_secret/p', 'hmac'), secret('unused', 'x')] : [],
    };
  }

  test('xdsTables reads the tool\'s tables as they are', () => {
    const t = tables();
    const r = xdsTables(t);
    expect(r.listeners).toBe(t.listeners);
    expect(r.secrets).toBe(t.secrets);
    expect(xdsTables({}).secrets).toStrictEqual([]);
  });

  test('the secrets the OAuth2 filter reads over SDS become static secrets of the same name; no ADS is left', () => {
    const { bootstrap } = staticBootstrap(xdsTables(tables()), ports);
    const perRoute = bootstrap.staticResources.listeners[0].defaultFilterChain.filters[0].typedConfig.routeConfig
      .virtualHosts[0].routes[0].typedPerFilterConfig['envoy.filters.http.oauth2'];
    expect(perRoute.config.credentials.tokenSecret).toStrictEqual({ name: 'oauth2/client_secret/p' });
    expect(perRoute.config.credentials.hmacSecret).toStrictEqual({ name: 'oauth2/hmac_secret/p' });
    expect(bootstrap.staticResources.secrets.map((s: any) => s.name)).toStrictEqual(['oauth2/client_secret/p', 'oauth2/hmac_secret/p']);
    expect(bootstrap.staticResources.secrets[0]['@type']).toBeUndefined();
    expect(JSON.stringify(bootstrap)).not.toContain('"ads"');
  });

  test('an OAuth2 secret missing from the translation is an error naming it', () => {
    expect(() => staticBootstrap(xdsTables(tables(false)), ports))
      .toThrow('listener edge/gw/http: its OAuth2 filter reads the secret oauth2/client_secret/p over SDS and the translation has no secret of that name');
  });

  test('a token endpoint on localhost (a DNS cluster) trusts the given loopback CA', () => {
    const { bootstrap } = staticBootstrap(xdsTables(tables()), { ...ports, loopbackTrustedCa: 'CA PEM' });
    const token = bootstrap.staticResources.clusters.find((c: any) => c.name === 'localhost_18443');
    expect(token.transportSocket.typedConfig.commonTlsContext.validationContext.trustedCa).toStrictEqual({ inlineString: 'CA PEM' });
    expect(token.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address.socketAddress.address).toBe('localhost');
  });

  test('a DNS cluster off loopback keeps its trust store', () => {
    const t = tables();
    t.clusters[1].loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address.socketAddress.address = 'idp.example.com';
    const { bootstrap } = staticBootstrap(xdsTables(t), { ...ports, loopbackTrustedCa: 'CA PEM' });
    const token = bootstrap.staticResources.clusters.find((c: any) => c.name === 'localhost_18443');
    expect(token.transportSocket.typedConfig.commonTlsContext.validationContext.trustedCa).toStrictEqual({ filename: '/etc/ssl/certs/ca-certificates.crt' });
  });
});
