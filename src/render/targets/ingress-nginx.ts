import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { nginxSize } from './nginx-size';
import { ControllerSettings, RenderedTarget, WafRulesContribution } from './rendered-target';
import { BackendModel } from '../../model/endpoint/backend';
import { EndpointModel } from '../../model/endpoint-model';
import { AuthenticationKind } from '../../options/authentication';
import { WafRenderContext } from '../../options/waf/waf-render-context';
import { ingressNginxClientAddressSettings } from '../client-address-settings';
import { jsonAccessLogFormat, TLS12_CIPHERS } from '../controller-access-log';
import { renderIngressNginxWafControllerConfig } from '../waf/ingress-nginx-controller-config';
import { renderLlmWafRules } from '../waf/llm-waf-rules';

const A = 'nginx.ingress.kubernetes.io/';

/**
 * Renders the endpoint for ingress-nginx: an Ingress with only the inference routes, its
 * annotations for TLS redirect, limits, source ranges, authentication, timeouts, buffering and
 * ModSecurity, HTTPS to the model server with its certificate verified (`backendTls`), a canary Ingress when asked, the controller ConfigMap settings the endpoint relies
 * on (HSTS, TLS, JSON access logs, no snippets, the WAF include, how client addresses are read)
 * and its share of the controller's composed WAF rules, both as data for `SecureAiPlatform` to compose.
 * Never a `*-snippet` annotation unless the Critical-risk opt-in is set.
 * @internal
 */
export function renderIngressNginx(scope: Construct, _hardeningScope: Construct, m: EndpointModel,
  labels: { [k: string]: string } = {}): RenderedTarget {
  // The WAF profile gets the endpoint's own routes, methods and hosts: defence in depth beside routing.
  const context: WafRenderContext = {
    routes: m.routes.map((r) => ({ path: r.path, pathMatch: r.pathType, methods: r.methods, contentTypes: r.contentTypes })),
    hosts: m.hosts,
  };
  // Critical-risk snippet delivery: the rules travel on each Ingress. Otherwise the controller
  // loads one composed file for every endpoint on it (SecureAiPlatform._addWafRules).
  const wafRules = m.waf.profile && m.controller.wafSnippetAnnotation ? renderLlmWafRules(m.waf.profile, context) : undefined;
  const composed = m.waf.profile && !m.controller.wafSnippetAnnotation;
  const wafContribution: WafRulesContribution | undefined = composed ? {
    controllerNamespace: m.controller.namespace,
    part: {
      endpoint: `${m.namespace}/${m.name}`,
      context,
      // Its body limit is the profile's, which the model made the endpoint's (proxy-body-size below).
      profile: m.waf.profile!,
      transactionIdPrefix: transactionIdPrefix(m),
    },
  } : undefined;
  const main = new k8s.KubeIngress(scope, 'ingress', {
    metadata: { name: m.name, namespace: m.namespace, labels, annotations: ingressAnnotations(m, wafRules) },
    spec: ingressSpec(m, m.backend),
  });
  const routes: ApiObject[] = [main];
  if (m.canary) {
    const c = m.canary;
    const annotations: { [k: string]: string } = { ...ingressAnnotations(m, wafRules), [`${A}canary`]: 'true' };
    if (c.weightPercent !== undefined) annotations[`${A}canary-weight`] = String(c.weightPercent);
    if (c.header !== undefined) annotations[`${A}canary-by-header`] = c.header;
    if (c.headerValue !== undefined) annotations[`${A}canary-by-header-value`] = c.headerValue;
    const canary = new k8s.KubeIngress(scope, 'canary-ingress', {
      metadata: { name: `${m.name}-canary`, namespace: m.namespace, labels, annotations },
      spec: ingressSpec(m, c.backend),
    });
    canary.addDependency(main);
    routes.push(canary);
  }

  const controllerSettings: ControllerSettings = {
    configMap: {
      name: 'ingress-nginx-controller',
      namespace: m.controller.namespace,
      description: 'Controller settings the endpoints listed in secure-ai.cdk8s.io/composed-from rely on; merge into the controller\'s ConfigMap. Keys named in secure-ai.cdk8s.io/controller-wide-settings apply to every host of the controller.',
    },
    data: {
      'allow-snippet-annotations': m.controller.wafSnippetAnnotation ? 'true' : 'false',
      'annotations-risk-level': m.controller.wafSnippetAnnotation ? 'Critical' : 'High',
      'server-tokens': 'false',
      ...ingressNginxClientAddressSettings(m.controller.clientAddress),
      'ssl-protocols': m.tls.protocols.join(' '),
      'ssl-ciphers': TLS12_CIPHERS,
      'ssl-prefer-server-ciphers': 'true',
      'hsts': m.tls.hstsMaxAgeSeconds > 0 ? 'true' : 'false',
      'hsts-max-age': String(m.tls.hstsMaxAgeSeconds),
      'hsts-include-subdomains': 'true',
      'hsts-preload': 'false',
      'log-format-escape-json': 'true',
      'log-format-upstream': jsonAccessLogFormat(),
      'enable-modsecurity': m.waf.enabled ? 'true' : 'false',
      'enable-owasp-modsecurity-crs': 'false',
      // The rules file is mounted into the controller from the waf-rules ConfigMap (see README).
      ...(m.waf.profile && !m.controller.wafSnippetAnnotation ? renderIngressNginxWafControllerConfig(context) : {}),
    },
  };
  return { routes, policies: [], controllerSettings, wafRules: wafContribution };
}

/**
 * The `modsecurity-transaction-id` of the endpoint's Ingresses, without `$request_id`: it tells
 * the composed rules which endpoint's location nginx chose, whatever Host header the client sent
 * (an absolute request line routes by its own host). ingress-nginx accepts `[A-Za-z0-9_-]`.
 * @internal
 */
export function transactionIdPrefix(m: EndpointModel): string {
  return `llm-waf_${m.namespace}_${m.name}_`;
}

function ingressSpec(m: EndpointModel, backend: BackendModel): k8s.IngressSpec {
  return {
    ingressClassName: m.controller.ingressClassName,
    tls: [{ hosts: m.hosts, secretName: m.tls.secretName }],
    rules: m.hosts.map((host) => ({
      host,
      http: {
        paths: m.routes.map((r) => ({
          path: r.path,
          pathType: r.pathType,
          backend: { service: { name: backend.serviceName, port: { number: backend.port } } },
        })),
      },
    })),
  };
}

function ingressAnnotations(m: EndpointModel, wafRules: string | undefined): { [k: string]: string } {
  const l = m.limits;
  const a: { [k: string]: string } = {
    [`${A}ssl-redirect`]: 'true',
    [`${A}force-ssl-redirect`]: 'true',
    [`${A}backend-protocol`]: m.backendTls ? 'HTTPS' : 'HTTP',
    [`${A}proxy-body-size`]: nginxSize(l.maxBodyKiB),
    [`${A}proxy-connect-timeout`]: String(l.connectTimeoutSeconds),
    [`${A}proxy-read-timeout`]: String(l.readTimeoutSeconds),
    [`${A}proxy-send-timeout`]: String(l.sendTimeoutSeconds),
    [`${A}proxy-buffering`]: l.bufferResponses ? 'on' : 'off',
    [`${A}limit-rps`]: String(l.requestsPerSecond),
    [`${A}limit-burst-multiplier`]: String(Math.max(1, Math.ceil(l.burst / l.requestsPerSecond))),
    [`${A}limit-connections`]: String(l.maxConnections),
  };
  if (l.requestsPerMinute !== undefined) a[`${A}limit-rpm`] = String(l.requestsPerMinute);
  const bt = m.backendTls;
  if (bt) {
    // The controller reads the CA Secret (ca.crt) and verifies the model server's certificate and
    // name; SNI carries the name. One name per Ingress: the model's refuses a canary with backendTls.
    a[`${A}proxy-ssl-secret`] = `${m.namespace}/${bt.caName}`;
    a[`${A}proxy-ssl-verify`] = 'on';
    a[`${A}proxy-ssl-verify-depth`] = '2';
    a[`${A}proxy-ssl-name`] = bt.servers[0].hostname;
    a[`${A}proxy-ssl-server-name`] = 'on';
    a[`${A}proxy-ssl-protocols`] = 'TLSv1.2 TLSv1.3';
  }
  if (m.sourceRanges.allow.length > 0) a[`${A}allowlist-source-range`] = m.sourceRanges.allow.join(',');
  if (m.sourceRanges.deny.length > 0) a[`${A}denylist-source-range`] = m.sourceRanges.deny.join(',');
  if (m.auth.kind === AuthenticationKind.EXTERNAL) {
    a[`${A}auth-url`] = m.auth.externalUrl!;
    if (m.auth.signinUrl) a[`${A}auth-signin`] = m.auth.signinUrl;
    if (m.auth.responseHeaders && m.auth.responseHeaders.length > 0) a[`${A}auth-response-headers`] = m.auth.responseHeaders.join(',');
  }
  const cc = m.tls.clientCertificate;
  if (cc) {
    a[`${A}auth-tls-secret`] = `${m.namespace}/${cc.caName}`;
    a[`${A}auth-tls-verify-client`] = cc.verification.value;
    a[`${A}auth-tls-verify-depth`] = String(cc.verifyDepth);
    a[`${A}auth-tls-pass-certificate-to-upstream`] = 'false';
  }
  if (m.waf.enabled) {
    a[`${A}enable-modsecurity`] = 'true';
    // Composed delivery: the CRS is loaded for this Ingress's locations by its own toggle (never
    // at controller level, where it would clash with any tenant's toggle), tuned at run time by
    // the composed rules; the transaction id names the endpoint to them.
    const composed = m.waf.profile !== undefined && !m.controller.wafSnippetAnnotation;
    a[`${A}enable-owasp-core-rules`] = composed && m.waf.profile!.crs ? 'true' : 'false';
    a[`${A}modsecurity-transaction-id`] = composed ? `${transactionIdPrefix(m)}$request_id` : '$request_id';
    if (m.controller.wafSnippetAnnotation && wafRules !== undefined) a[`${A}modsecurity-snippet`] = wafRules;
  }
  return a;
}
