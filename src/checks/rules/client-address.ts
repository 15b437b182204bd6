import {
  F5_NGINX_CLIENT_ADDRESS_KEYS as F5, INGRESS_NGINX_CLIENT_ADDRESS_KEYS as NGINX, INGRESS_NGINX_DEFAULT_PROXY_REAL_IP_CIDR,
} from '../../facts/client-address-keys';
import { ENDPOINT_LABEL } from '../../facts/label-keys';
import { cidrsCoverEveryAddress, ParsedCidr, parseCidr } from '../../options/cidr';
import { isControllerConfigMap } from '../controller-config-map';
import { ControllerFamily } from '../controller-family';
import { ManifestRule, objectRef, recordedOptionAnywhere, RuleOutcome } from '../manifest-rule';
import { admitsFromNamespace } from '../namespace-admission';
import { RuleSeverity } from '../rule-severity';

const INGRESS_NGINX_ANNOTATION = 'nginx.ingress.kubernetes.io/';
/** ingress-nginx annotations whose effect depends on each client's address. */
const PER_CLIENT_ANNOTATIONS = ['allowlist-source-range', 'whitelist-source-range', 'denylist-source-range', 'limit-rps', 'limit-rpm', 'limit-connections'];

/** How a controller ConfigMap has the controller learn client addresses. */
interface ClientAddressReading {
  /** e.g. `direct (the TCP peer)`, `PROXY protocol from 10.0.0.0/16`. */
  readonly text: string;
  readonly direct: boolean;
  /** The peers trusted to tell the address hold every address. */
  readonly trustsEveryone: boolean;
  /** ingress-nginx: the trusted peers are its 0.0.0.0/0 default, not written. */
  readonly implicitTrust: boolean;
}

/**
 * States how each controller learns client addresses (from the composed controller ConfigMaps:
 * ingress-nginx's `use-proxy-protocol`, `enable-real-ip`, `use-forwarded-headers`,
 * `forwarded-for-header`, `proxy-real-ip-cidr`; F5 NGINX's `proxy-protocol`, `real-ip-header`,
 * `set-real-ip-from`). Warns when the endpoints on a controller rely on per-client controls
 * (source ranges, per-client rate and connection limits) while the controller takes the TCP peer
 * as the client: right when the peer is the client (`externalTrafficPolicy: Local`, a load
 * balancer that keeps source addresses), wrong behind one that rewrites them, which the
 * manifests cannot show. The ConfigMaps judged are found by their keys, whoever wrote them; the
 * endpoints on a controller by content too: the objects its family reads (ingress-nginx
 * annotations, F5 NGINX Policies) in namespaces its pods may reach (NetworkPolicies), never
 * through the composed-from annotation.
 * Fails when ingress-nginx trusts every address by default, and when trusted ranges written
 * out hold every address unless an object of the output records the option that chose it
 * (`clientAddress.trustEveryAddressInsecureReason`): then it is a weakened control.
 * @internal
 */
export const clientAddress: ManifestRule = {
  id: 'SAI-EDGE-3',
  description: 'Each controller states how it learns client addresses (controller-wide); per-client controls on a controller that takes the TCP peer as the client are flagged for review',
  severity: RuleSeverity.WARNING,
  explanation: 'A controller that trusts the wrong peers to tell it a client\'s address lets any client forge its address, and so pass source-range allow-lists and per-client limits; one that takes the TCP peer behind an address-rewriting load balancer sees every client as one address.',
  fix: 'Set the controller\'s clientAddress: ClientAddress.proxyProtocol or ClientAddress.forwardedFor with the load balancer\'s or proxy\'s CIDRs (ingress-nginx: proxy-real-ip-cidr; F5 NGINX: set-real-ip-from); confirm externalTrafficPolicy: Local for a direct controller.',
  evaluate(objects) {
    return objects.filter(isControllerConfigMap)
      .map((cm): RuleOutcome => {
        const r = readClientAddress(cm.data ?? {});
        const what = `client address, for every host of the controller: ${r.text}`;
        if (r.trustsEveryone && r.implicitTrust) {
          return {
            object: cm,
            status: 'fail',
            detail: `${what}: ${NGINX.proxyRealIpCidr} is unset, so ingress-nginx trusts every address (${INGRESS_NGINX_DEFAULT_PROXY_REAL_IP_CIDR}) to tell it a client's address and any client can forge its own. Set ${NGINX.proxyRealIpCidr} to the load balancer's or proxy's addresses (controller clientAddress trustedCidrs).`,
          };
        }
        if (r.trustsEveryone) {
          const risk = `${what}: every address is trusted to tell it, so a client that bypasses the load balancer or proxy can forge its own`;
          // The content decides; a recorded option only turns the failure into a choice made by name.
          const option = recordedOptionAnywhere(objects, /trustEveryAddressInsecureReason/);
          return option !== undefined
            ? { object: cm, status: 'weakened', detail: `${risk} (${option})` }
            : { object: cm, status: 'fail', detail: `${risk}: no option records that this was chosen. Trust only the load balancer's or proxy's addresses (controller clientAddress trustedCidrs).` };
        }
        if (!r.direct) return { object: cm, status: 'pass', detail: what };
        const relying = perClientControls(objects, cm);
        if (relying.length === 0) return { object: cm, status: 'pass', detail: `${what}; no endpoint on it uses source ranges or per-client limits` };
        return {
          object: cm,
          status: 'warning',
          detail: `${what}. Per-client controls rely on it: ${relying.join('; ')}. Behind a load balancer that rewrites source addresses (a LoadBalancer Service with externalTrafficPolicy: Cluster, an L7 proxy) every client is a node or proxy address: source-range allow-lists admit everyone or no one, per-client limits become per-node. `
            + 'Confirm that the controller\'s Service has externalTrafficPolicy: Local or that the load balancer keeps source addresses; otherwise set the controller\'s clientAddress to ClientAddress.proxyProtocol([load balancer CIDRs]) or ClientAddress.forwardedFor([proxy CIDRs]).',
        };
      });
  },
};

function readClientAddress(data: { [key: string]: string }): ClientAddressReading {
  const on = (key: string) => /^(1|t|true)$/i.test(String(data[key] ?? '').trim());
  if (on(NGINX.useProxyProtocol) || on(NGINX.enableRealIp) || on(NGINX.useForwardedHeaders)) {
    const implicitTrust = data[NGINX.proxyRealIpCidr] === undefined;
    const trusted = list(data[NGINX.proxyRealIpCidr] ?? INGRESS_NGINX_DEFAULT_PROXY_REAL_IP_CIDR);
    const header = `the ${data[NGINX.forwardedForHeader] ?? 'X-Forwarded-For'} header`;
    // With both on, ingress-nginx reads the header when the PROXY address is trusted, else the PROXY address.
    const source = on(NGINX.useProxyProtocol) ? `PROXY protocol${on(NGINX.useForwardedHeaders) ? `, then ${header}` : ''}` : header;
    return { text: `${source} from ${trusted.join(', ')}`, direct: false, trustsEveryone: coversEveryone(trusted), implicitTrust };
  }
  const trusted = list(data[F5.setRealIpFrom] ?? '');
  const header = data[F5.realIpHeader] ?? 'X-Real-IP';
  if (trusted.length > 0 && !(header === 'proxy_protocol' && !on(F5.proxyProtocol))) {
    const source = header === 'proxy_protocol' ? 'PROXY protocol' : `the ${header} header`;
    return { text: `${source} from ${trusted.join(', ')}`, direct: false, trustsEveryone: coversEveryone(trusted), implicitTrust: false };
  }
  return { text: 'direct (the TCP peer of each connection is the client)', direct: true, trustsEveryone: false, implicitTrust: false };
}

/**
 * The objects the controller of `cm` serves that use controls acting per client address, with
 * those controls, found by content: objects its controller family reads (ingress-nginx
 * annotations on Ingresses, F5 NGINX Policies) in namespaces whose NetworkPolicies let the
 * controller's pods (the ConfigMap's namespace) in. Grouped by endpoint when the objects carry
 * the endpoint label (it only names them), else one entry per object.
 */
function perClientControls(objects: any[], cm: any): string[] {
  const families = ControllerFamily.ofConfigMap(cm);
  const groups = new Map<string, Set<string>>();
  for (const o of objects) {
    if (!ControllerFamily.ofRoute(o).some((f) => families.includes(f))) continue;
    if (!admitsFromNamespace(objects, o.metadata?.namespace, cm.metadata?.namespace)) continue;
    const controls = controlsOf(o);
    if (controls.length === 0) continue;
    const endpoint = o.metadata?.labels?.[ENDPOINT_LABEL];
    const key = endpoint !== undefined ? `${o.metadata?.namespace}/${endpoint}` : objectRef(o);
    const set = groups.get(key) ?? new Set<string>();
    controls.forEach((c) => set.add(c));
    groups.set(key, set);
  }
  return [...groups].map(([key, controls]) => `${key} (${[...controls].sort().join(', ')})`);
}

/** The per-client controls an object sets: ingress-nginx annotations, F5 NGINX Policies. */
function controlsOf(o: any): string[] {
  const controls = new Set<string>();
  if (o.kind === 'Ingress') {
    for (const key of Object.keys(o.metadata?.annotations ?? {})) {
      const suffix = key.startsWith(INGRESS_NGINX_ANNOTATION) ? key.slice(INGRESS_NGINX_ANNOTATION.length) : '';
      if (PER_CLIENT_ANNOTATIONS.includes(suffix)) controls.add(suffix);
    }
  }
  if (o.kind === 'Policy' && String(o.apiVersion ?? '').startsWith('k8s.nginx.org/')) {
    if (o.spec?.accessControl) controls.add('accessControl Policy');
    if (/remote_addr/.test(String(o.spec?.rateLimit?.key ?? ''))) controls.add('rateLimit Policy keyed by client address');
  }
  return [...controls].sort();
}

function list(value: string): string[] {
  return String(value).split(',').map((v) => v.trim()).filter((v) => v.length > 0);
}

/** nginx also takes bare addresses and host names here: those never hold every address. */
function coversEveryone(trusted: string[]): boolean {
  const parsed = trusted.map(parseTrusted).filter((p): p is ParsedCidr => p !== undefined);
  return cidrsCoverEveryAddress(4, parsed) || cidrsCoverEveryAddress(6, parsed);
}

function parseTrusted(value: string): ParsedCidr | undefined {
  const family = value.includes(':') ? 6 : 4;
  // nginx masks host bits away: "192.0.2.1/0" trusts every address.
  if (/\/0+$/.test(value)) return parseCidr('trusted', family === 6 ? '::/0' : '0.0.0.0/0');
  try {
    return parseCidr('trusted', value.includes('/') ? value : `${value}/${family === 6 ? 128 : 32}`);
  } catch {
    return undefined;
  }
}
