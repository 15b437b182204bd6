import { isControllerConfigMap } from './controller-config-map';
import { ControllerFamily } from './controller-family';
import { admitsFromNamespace } from './namespace-admission';

/** Gateway API routes, and the Envoy AI Gateway's route: served by the listeners of the parents they name. */
const GATEWAY_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'AIGatewayRoute'];
/** F5 NGINX's route objects. */
const F5_ROUTE_KINDS = ['VirtualServer', 'VirtualServerRoute'];

/**
 * Something a route relies on that the output does not write, found from the route's content.
 * @internal
 */
export interface PlatformReliance {
  /** The object relied on, as `Kind namespace/name` (or the controller, in words). */
  readonly subject: string;
  /** What the route relies on it for, in a sentence for a reviewer. */
  readonly detail: string;
}

/**
 * Whether an object is a route this module judges: a Gateway API route, an AIGatewayRoute, an
 * Ingress, an F5 NGINX VirtualServer or VirtualServerRoute.
 * @internal
 */
export function isRoute(o: any): boolean {
  return GATEWAY_ROUTE_KINDS.includes(o.kind) || o.kind === 'Ingress'
    || (F5_ROUTE_KINDS.includes(o.kind) && String(o.apiVersion ?? '').startsWith('k8s.nginx.org/'));
}

/**
 * The platform objects a route relies on and the output does not write, from its content alone:
 * - a Gateway API route: each parent Gateway not in the output (through a ListenerSet of the
 *   output, that ListenerSet's Gateway), or a parent ListenerSet not in the output; and that
 *   Gateway's way of reading client addresses when Envoy Gateway policies attached to the route
 *   act per client address and no ClientTrafficPolicy of the output on its listener says how;
 * - an Ingress, VirtualServer or VirtualServerRoute: its controller when no ConfigMap of a
 *   controller that reads it, and may reach its namespace, is in the output (TLS versions, HSTS,
 *   client addresses and snippet settings are then the platform's); the TLS certificate Secret it
 *   presents when nothing in the output writes or issues it; the CA Secrets it verifies clients
 *   (ingress-nginx `auth-tls-secret`, F5 `ingressMTLS`) or model servers (`proxy-ssl-secret`,
 *   F5 `egressMTLS`) with, when not in the output; the F5 NGINX Policies it names
 *   (`spec.policies`, `nginx.org/policies`) that are not in the output.
 * @internal
 */
export function platformReliancesOf(route: any, objects: any[]): PlatformReliance[] {
  if (GATEWAY_ROUTE_KINDS.includes(route.kind)) return gatewayParentReliances(route, objects);
  if (!isRoute(route)) return [];
  const namespace = route.metadata?.namespace;
  const annotations = route.metadata?.annotations ?? {};
  const out: PlatformReliance[] = [...controllerReliance(route, objects)];
  for (const secret of tlsSecretsOf(route)) {
    if (!has(objects, 'Secret', namespace, secret) && !issued(objects, route, secret)) {
      out.push({
        subject: `Secret ${namespace}/${secret}`,
        detail: `Secret ${namespace}/${secret}, the route's TLS certificate, is not in these manifests and nothing here issues it: the platform provides a certificate for the route's hosts and renews it`,
      });
    }
  }
  const nginxSecret = (key: string, what: string) => {
    const value = annotations[`nginx.ingress.kubernetes.io/${key}`];
    if (value === undefined || route.kind !== 'Ingress') return;
    const [ns, name] = String(value).includes('/') ? String(value).split('/') : [namespace, String(value)];
    if (!has(objects, 'Secret', ns, name)) out.push({ subject: `Secret ${ns}/${name}`, detail: `Secret ${ns}/${name} (${key}), not in these manifests, holds under ca.crt ${what}` });
  };
  nginxSecret('auth-tls-secret', CLIENT_CA);
  nginxSecret('proxy-ssl-secret', BACKEND_CA);
  for (const ref of policyRefsOf(route)) {
    const policy = objects.find((o) => o.kind === 'Policy' && String(o.apiVersion ?? '').startsWith('k8s.nginx.org/') && o.metadata?.namespace === ref.namespace && o.metadata?.name === ref.name);
    if (!policy) {
      out.push({ subject: `Policy ${ref.namespace}/${ref.name}`, detail: `F5 NGINX Policy ${ref.namespace}/${ref.name}, not in these manifests: whatever it enforces on the route (authentication, limits, access control, WAF) is the platform's` });
      continue;
    }
    const clientCa = policy.spec?.ingressMTLS?.clientCertSecret;
    if (clientCa !== undefined && !has(objects, 'Secret', ref.namespace, clientCa)) {
      out.push({ subject: `Secret ${ref.namespace}/${clientCa}`, detail: `Secret ${ref.namespace}/${clientCa} (Policy ${ref.name} ingressMTLS), not in these manifests, holds under ca.crt ${CLIENT_CA}` });
    }
    const backendCa = policy.spec?.egressMTLS?.trustedCertSecret;
    if (backendCa !== undefined && !has(objects, 'Secret', ref.namespace, backendCa)) {
      out.push({ subject: `Secret ${ref.namespace}/${backendCa}`, detail: `Secret ${ref.namespace}/${backendCa} (Policy ${ref.name} egressMTLS), not in these manifests, holds under ca.crt ${BACKEND_CA}` });
    }
  }
  return unique(out);
}

const CLIENT_CA = 'only the CAs trusted to sign the clients\' certificates: any certificate they sign passes the TLS handshake';
const BACKEND_CA = 'only the CAs trusted to sign the model servers\' certificates';

function gatewayParentReliances(route: any, objects: any[]): PlatformReliance[] {
  const out: PlatformReliance[] = [];
  const perClient = envoyPerClientControls(route, objects);
  /** The Gateway reads client addresses as the platform set it, unless a ClientTrafficPolicy of the output on the route's listener says how. */
  const clientAddresses = (gateway: string, carrier: { kind: string; namespace: string; name: string }) => {
    if (perClient.length === 0 || readsClientAddresses(objects, carrier)) return;
    out.push({
      subject: gateway,
      detail: `${gateway}, not in these manifests: how it reads client addresses (a ClientTrafficPolicy clientIPDetection on it), which the route's per-client controls use (${perClient.join(', ')})`,
    });
  };
  for (const p of route.spec?.parentRefs ?? []) {
    const kind = p.kind ?? 'Gateway';
    const namespace = p.namespace ?? route.metadata?.namespace;
    const listener = p.sectionName ? ` listener ${p.sectionName}` : '';
    if (kind === 'Gateway') {
      if (!has(objects, 'Gateway', namespace, p.name)) {
        out.push({ subject: `Gateway ${namespace}/${p.name}`, detail: `Gateway ${namespace}/${p.name}${listener}, not in these manifests: its listeners' HTTPS, certificate, TLS versions, HTTP to HTTPS redirect and which namespaces' routes they admit` });
        clientAddresses(`Gateway ${namespace}/${p.name}`, { kind: 'Gateway', namespace, name: p.name });
      }
    } else if (kind === 'ListenerSet' || kind === 'XListenerSet') {
      const set = objects.find((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === p.name);
      if (!set) {
        out.push({ subject: `${kind} ${namespace}/${p.name}`, detail: `${kind} ${namespace}/${p.name}, not in these manifests: its listeners' HTTPS, certificate and TLS versions, and the Gateway it joins` });
        continue;
      }
      const gateway = set.spec?.parentRef ?? {};
      const gatewayNamespace = gateway.namespace ?? namespace;
      if (gateway.name !== undefined && !has(objects, 'Gateway', gatewayNamespace, gateway.name)) {
        out.push({
          subject: `Gateway ${gatewayNamespace}/${gateway.name}`,
          detail: `Gateway ${gatewayNamespace}/${gateway.name}, which ${kind} ${namespace}/${p.name} joins, not in these manifests: whether it admits the ${kind} (allowedListeners), its other listeners for the route's hosts and its HTTP to HTTPS redirect`,
        });
        clientAddresses(`Gateway ${gatewayNamespace}/${gateway.name}`, { kind, namespace, name: p.name });
      }
    }
  }
  return unique(out);
}

/**
 * Envoy Gateway controls attached to the route that act per client address: a SecurityPolicy
 * authorising by `clientCIDRs`, a BackendTrafficPolicy rate limit selecting by `sourceCIDR`.
 */
function envoyPerClientControls(route: any, objects: any[]): string[] {
  const attached = objects.filter((o) => String(o.apiVersion ?? '').startsWith('gateway.envoyproxy.io/')
    && o.metadata?.namespace === route.metadata?.namespace && targets(o, route.kind, route.metadata?.name));
  const controls = new Set<string>();
  for (const o of attached) {
    if (o.kind === 'SecurityPolicy' && (o.spec?.authorization?.rules ?? []).some((r: any) => (r.principal?.clientCIDRs ?? []).length > 0)) {
      controls.add(`SecurityPolicy ${o.metadata.name} authorization by clientCIDRs`);
    }
    const limits = [...(o.spec?.rateLimit?.local?.rules ?? []), ...(o.spec?.rateLimit?.global?.rules ?? [])];
    if (o.kind === 'BackendTrafficPolicy' && limits.some((r: any) => (r.clientSelectors ?? []).some((c: any) => c.sourceCIDR !== undefined))) {
      controls.add(`BackendTrafficPolicy ${o.metadata.name} rate limits by sourceCIDR`);
    }
  }
  return [...controls].sort();
}

/** A ClientTrafficPolicy of the output with clientIPDetection targets the Gateway or ListenerSet. */
function readsClientAddresses(objects: any[], carrier: { kind: string; namespace: string; name: string }): boolean {
  return objects.some((o) => o.kind === 'ClientTrafficPolicy' && String(o.apiVersion ?? '').startsWith('gateway.envoyproxy.io/')
    && o.metadata?.namespace === carrier.namespace && o.spec?.clientIPDetection !== undefined && targets(o, carrier.kind, carrier.name));
}

/** Whether a policy's targetRefs (or its single targetRef) name an object of that kind and name. */
function targets(policy: any, kind: string, name: string): boolean {
  const refs = [...(policy.spec?.targetRefs ?? []), ...(policy.spec?.targetRef ? [policy.spec.targetRef] : [])];
  return refs.some((t: any) => t.kind === kind && t.name === name);
}

/** The controller of an Ingress or F5 NGINX route, when no ConfigMap of it is in the output. */
function controllerReliance(route: any, objects: any[]): PlatformReliance[] {
  const families = ControllerFamily.ofRoute(route);
  const configured = objects.some((cm) => isControllerConfigMap(cm)
    && ControllerFamily.ofConfigMap(cm).some((f) => families.includes(f))
    && admitsFromNamespace(objects, route.metadata?.namespace, cm.metadata?.namespace));
  if (configured) return [];
  const className = route.spec?.ingressClassName ?? route.metadata?.annotations?.['kubernetes.io/ingress.class'];
  const controller = `the ${families.length === 1 ? `${families[0].name} ` : ''}controller${className ? ` of class ${className}` : ' (the default class)'}`;
  return [{
    subject: controller,
    detail: `${controller}: its ConfigMap is not in these manifests, so the TLS versions, HSTS, how client addresses are read and whether snippet annotations are refused, for every host it serves, are the platform's`,
  }];
}

function tlsSecretsOf(route: any): string[] {
  if (route.kind === 'Ingress') return (route.spec?.tls ?? []).map((t: any) => t.secretName).filter((s: any) => typeof s === 'string');
  return typeof route.spec?.tls?.secret === 'string' ? [route.spec.tls.secret] : [];
}

/** A TLS Secret some object of the output issues: a cert-manager Certificate, or the route's own cert-manager settings. */
function issued(objects: any[], route: any, secret: string): boolean {
  const annotations = route.metadata?.annotations ?? {};
  if (route.kind === 'Ingress' && (annotations['cert-manager.io/cluster-issuer'] !== undefined || annotations['cert-manager.io/issuer'] !== undefined)) return true;
  if (route.spec?.tls?.['cert-manager'] !== undefined) return true;
  return objects.some((o) => o.kind === 'Certificate' && String(o.apiVersion ?? '').startsWith('cert-manager.io/')
    && o.metadata?.namespace === route.metadata?.namespace && o.spec?.secretName === secret);
}

/** The F5 NGINX Policies a route names: VirtualServer `spec.policies` and its routes', VirtualServerRoute subroutes', an Ingress's `nginx.org/policies`. */
function policyRefsOf(route: any): { namespace: string; name: string }[] {
  const namespace = route.metadata?.namespace;
  const refs: any[] = [
    ...(route.spec?.policies ?? []),
    ...(route.spec?.routes ?? []).flatMap((r: any) => r.policies ?? []),
    ...(route.spec?.subroutes ?? []).flatMap((r: any) => r.policies ?? []),
  ].map((p: any) => ({ namespace: p.namespace ?? namespace, name: p.name }));
  const annotation = route.kind === 'Ingress' ? route.metadata?.annotations?.['nginx.org/policies'] : undefined;
  for (const entry of String(annotation ?? '').split(',').map((e) => e.trim()).filter((e) => e.length > 0)) {
    const [ns, name] = entry.includes('/') ? entry.split('/') : [namespace, entry];
    refs.push({ namespace: ns, name });
  }
  return refs.filter((r) => typeof r.name === 'string');
}

function has(objects: any[], kind: string, namespace: string | undefined, name: string | undefined): boolean {
  return objects.some((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name);
}

function unique(reliances: PlatformReliance[]): PlatformReliance[] {
  const seen = new Set<string>();
  return reliances.filter((r) => !seen.has(r.detail) && seen.add(r.detail) !== undefined);
}
