import { Construct } from 'constructs';
import { nginxSize } from './nginx-size';
import { ControllerSettings, RenderedTarget } from './rendered-target';
import { Policy, PolicySpec, VirtualServer, VirtualServerSpecRoutes } from '../../imports/k8s.nginx.org';
import { BackendModel } from '../../model/endpoint/backend';
import { EndpointModel } from '../../model/endpoint-model';
import { AuthenticationKind } from '../../options/authentication';
import { f5NginxClientAddressSettings } from '../client-address-settings';
import { jsonAccessLogFormat, TLS12_CIPHERS } from '../controller-access-log';

/**
 * Renders the endpoint for F5 NGINX Ingress Controller: a `VirtualServer` per host (policies
 * are first-class there; Ingress resources take only some of them), whose routes match the
 * inference paths exactly and their methods, answering 405 to any other method; `Policy`
 * resources for the rate limit, JWT, client certificates, source ranges, App Protect WAF and
 * HTTPS to the model server with its certificate verified (egress mTLS, `backendTls`);
 * and, in `hardeningScope`, the controller ConfigMap settings the endpoint relies on (TLS, HSTS,
 * JSON access logs, how client addresses are read).
 * @internal
 */
export function renderF5Nginx(scope: Construct, _hardeningScope: Construct, m: EndpointModel,
  labels: { [k: string]: string } = {}): RenderedTarget {
  const policies: Policy[] = [];
  const policy = (suffix: string, spec: PolicySpec) => {
    const p = new Policy(scope, `policy-${suffix}`, { metadata: { name: `${m.name}-${suffix}`, namespace: m.namespace, labels }, spec });
    policies.push(p);
  };
  const l = m.limits;
  policy('rate-limit', {
    rateLimit: {
      rate: `${l.requestsPerSecond}r/s`,
      key: '${binary_remote_addr}',
      zoneSize: '10M',
      burst: l.burst,
      noDelay: true,
      rejectCode: 429,
    },
  });
  if (m.auth.kind === AuthenticationKind.JWT) {
    policy('jwt', { jwt: { realm: m.auth.realm, secret: m.auth.jwksSecretName, token: '$http_authorization' } });
  }
  const cc = m.tls.clientCertificate;
  if (cc) {
    policy('client-certificates', { ingressMtls: { clientCertSecret: cc.caName, verifyClient: cc.verification.value, verifyDepth: cc.verifyDepth } });
  }
  const bt = m.backendTls;
  if (bt) {
    // HTTPS to the model server: verify its certificate against the CA Secret (type nginx.org/ca) and its name, sent by SNI.
    policy('backend-tls', {
      egressMtls: { trustedCertSecret: bt.caName, verifyServer: true, verifyDepth: 2, serverName: true, sslName: bt.servers[0].hostname, protocols: 'TLSv1.2 TLSv1.3' },
    });
  }
  if (m.sourceRanges.allow.length > 0) policy('source-ranges', { accessControl: { allow: m.sourceRanges.allow } });
  if (m.sourceRanges.deny.length > 0) policy('source-ranges', { accessControl: { deny: m.sourceRanges.deny } });
  if (m.waf.enabled) {
    policy('waf', {
      waf: {
        enable: true,
        apPolicy: m.controller.appProtectPolicy,
        ...(m.controller.appProtectLogConf ? { securityLog: { enable: true, apLogConf: m.controller.appProtectLogConf, logDest: 'stderr' } } : {}),
      },
    });
  }

  const upstream = (name: string, b: BackendModel) => ({
    name,
    service: b.serviceName,
    port: b.port,
    connectTimeout: `${l.connectTimeoutSeconds}s`,
    readTimeout: `${l.readTimeoutSeconds}s`,
    sendTimeout: `${l.sendTimeoutSeconds}s`,
    buffering: l.bufferResponses,
    clientMaxBodySize: nginxSize(l.maxBodyKiB),
    ...(bt ? { tls: { enable: true } } : {}),
  });
  const upstreams = [upstream('model', m.backend), ...(m.canary ? [upstream('canary', m.canary.backend)] : [])];
  const pass = m.canary?.weightPercent !== undefined && m.canary.weightPercent > 0
    ? { splits: [{ weight: 100 - m.canary.weightPercent, action: { pass: 'model' } }, { weight: m.canary.weightPercent, action: { pass: 'canary' } }] }
    : { action: { pass: 'model' } };
  const notAllowed = { return: { code: 405, type: 'application/json', body: '{"error":"method not allowed"}' } };
  const routes: VirtualServerSpecRoutes[] = m.routes.map((r) => ({
    path: r.pathType === 'Exact' ? `=${r.path}` : r.path,
    matches: [
      ...(m.canary?.header !== undefined ? r.methods.map((method) => ({
        conditions: [
          { header: m.canary!.header, value: m.canary!.headerValue ?? 'always' },
          { variable: '$request_method', value: method },
        ],
        action: { pass: 'canary' },
      })) : []),
      ...r.methods.map((method) => ({ conditions: [{ variable: '$request_method', value: method }], ...pass })),
    ],
    action: notAllowed,
  }));
  const virtualServers = m.hosts.map((host, i) => new VirtualServer(scope, `virtual-server-${i}`, {
    metadata: { name: m.hosts.length === 1 ? m.name : `${m.name}-${i}`, namespace: m.namespace, labels },
    spec: {
      ingressClassName: m.controller.ingressClassName,
      host,
      // 308, not 301: a client that follows a 301 may turn its POST into a GET and lose the body.
      tls: { secret: m.tls.secretName, redirect: { enable: true, code: 308 } },
      policies: policies.map((p) => ({ name: p.name })),
      upstreams,
      routes,
    },
  }));
  for (const vs of virtualServers) policies.forEach((p) => vs.addDependency(p));

  const controllerSettings: ControllerSettings = {
    configMap: {
      name: 'nginx-config',
      namespace: m.controller.namespace,
      description: 'Controller settings the endpoints listed in secure-ai.cdk8s.io/composed-from rely on; merge into the controller\'s ConfigMap. Run the controller without -enable-snippets. Keys named in secure-ai.cdk8s.io/controller-wide-settings apply to every host of the controller.',
    },
    data: {
      'server-tokens': 'False',
      ...f5NginxClientAddressSettings(m.controller.clientAddress),
      'ssl-protocols': m.tls.protocols.join(' '),
      'ssl-ciphers': TLS12_CIPHERS,
      'ssl-prefer-server-ciphers': 'True',
      'hsts': m.tls.hstsMaxAgeSeconds > 0 ? 'True' : 'False',
      'hsts-max-age': String(m.tls.hstsMaxAgeSeconds),
      'hsts-include-subdomains': 'True',
      'log-format-escaping': 'json',
      'log-format': jsonAccessLogFormat(),
    },
  };
  return { routes: virtualServers, policies, controllerSettings };
}
