import { F5_NGINX_CLIENT_ADDRESS_KEYS, INGRESS_NGINX_CLIENT_ADDRESS_KEYS } from '../facts/client-address-keys';

/** ingress-nginx ConfigMap keys F5 NGINX does not read. */
const INGRESS_NGINX_ONLY_KEYS = [
  ...Object.values(INGRESS_NGINX_CLIENT_ADDRESS_KEYS),
  'allow-snippet-annotations', 'annotations-risk-level', 'enable-modsecurity', 'enable-owasp-modsecurity-crs', 'modsecurity-snippet',
  'log-format-upstream', 'log-format-escape-json',
];
/** F5 NGINX ConfigMap keys ingress-nginx does not read. */
const F5_NGINX_ONLY_KEYS = [...Object.values(F5_NGINX_CLIENT_ADDRESS_KEYS), 'log-format', 'log-format-escaping'];

/**
 * The NGINX-based Ingress controller that reads an object, known by the keys, annotations and API
 * group it uses: ingress-nginx reads `nginx.ingress.kubernetes.io/*` annotations and ignores F5
 * NGINX's `nginx.org/*` ones, `k8s.nginx.org` resources and ConfigMap keys, and the other way round.
 * @internal
 */
export class ControllerFamily {
  public static readonly INGRESS_NGINX = new ControllerFamily('ingress-nginx');
  public static readonly F5_NGINX = new ControllerFamily('F5 NGINX');

  /**
   * The families whose controller reads a controller ConfigMap: one when it sets a key only that
   * family reads, both when it sets only keys they share (HSTS, TLS) or keys of both.
   */
  public static ofConfigMap(cm: any): ControllerFamily[] {
    const keys = Object.keys(cm.data ?? {});
    const nginx = keys.some((k) => INGRESS_NGINX_ONLY_KEYS.includes(k));
    const f5 = keys.some((k) => F5_NGINX_ONLY_KEYS.includes(k));
    if (nginx === f5) return allFamilies();
    return [nginx ? ControllerFamily.INGRESS_NGINX : ControllerFamily.F5_NGINX];
  }

  /**
   * The families that can serve a route object: an Ingress by the annotations it carries (both
   * when it carries neither family's), a `k8s.nginx.org` object F5 NGINX only; none for other kinds.
   */
  public static ofRoute(o: any): ControllerFamily[] {
    if (String(o.apiVersion ?? '').startsWith('k8s.nginx.org/')) return [ControllerFamily.F5_NGINX];
    if (o.kind !== 'Ingress') return [];
    const keys = Object.keys(o.metadata?.annotations ?? {});
    const nginx = keys.some((k) => k.startsWith('nginx.ingress.kubernetes.io/'));
    const f5 = keys.some((k) => k.startsWith('nginx.org/') || k.startsWith('appprotect.f5.com/'));
    if (nginx === f5) return allFamilies();
    return [nginx ? ControllerFamily.INGRESS_NGINX : ControllerFamily.F5_NGINX];
  }

  private constructor(public readonly name: string) {}
}

function allFamilies(): ControllerFamily[] {
  return [ControllerFamily.INGRESS_NGINX, ControllerFamily.F5_NGINX];
}
