import { parseCidr } from './cidr';
import { dnsLabel } from './validate';
import { ValidationError } from './validation-error';

/** The kind of a NetworkPolicy peer. */
export class NetworkPeerKind {
  /** An IP range outside the cluster (`ipBlock`). */
  public static readonly IP_BLOCK = new NetworkPeerKind('ipBlock');
  /** Pods selected by namespace and pod labels. */
  public static readonly PODS = new NetworkPeerKind('pods');

  private constructor(
    /** The kind's name. */
    public readonly value: string,
  ) {}
}

/**
 * Another party of a connection: an IP range or pods in a namespace.
 *
 * @example NetworkPeer.cidr('10.20.0.0/16')
 * @example NetworkPeer.namespace('feature-store', { app: 'redis' })
 */
export class NetworkPeer {
  /**
   * An IP range outside the cluster, e.g. an object store or a database subnet.
   * Cloud metadata endpoints inside the range are carved out with `ipBlock.except`.
   */
  public static cidr(cidr: string): NetworkPeer {
    return new NetworkPeer(NetworkPeerKind.IP_BLOCK, parseCidr('cidr', cidr).text);
  }

  /**
   * Pods in the namespace named `namespace` (matched by its `kubernetes.io/metadata.name` label).
   * @param podLabels labels of the pods; all pods of the namespace when omitted
   */
  public static namespace(namespace: string, podLabels?: { [key: string]: string }): NetworkPeer {
    dnsLabel('namespace', namespace);
    return new NetworkPeer(NetworkPeerKind.PODS, undefined,
      { 'kubernetes.io/metadata.name': namespace }, NetworkPeer.checkLabels('podLabels', podLabels));
  }

  /**
   * Pods selected by labels of their namespace and of themselves.
   * @param namespaceLabels labels the peer namespace carries (must not be empty)
   * @param podLabels labels of the pods; all pods of the selected namespaces when omitted
   */
  public static selector(namespaceLabels: { [key: string]: string }, podLabels?: { [key: string]: string }): NetworkPeer {
    if (!namespaceLabels || Object.keys(namespaceLabels).length === 0) {
      throw new ValidationError('namespaceLabels', namespaceLabels,
        'Give at least one namespace label; an empty selector matches every namespace of the cluster.');
    }
    return new NetworkPeer(NetworkPeerKind.PODS, undefined,
      NetworkPeer.checkLabels('namespaceLabels', namespaceLabels), NetworkPeer.checkLabels('podLabels', podLabels));
  }

  private static checkLabels(field: string, labels?: { [key: string]: string }): { [key: string]: string } | undefined {
    if (labels === undefined) return undefined;
    for (const [k, v] of Object.entries(labels)) {
      if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k) || k.length > 316) {
        throw new ValidationError(`${field} key`, k, 'Use a label key such as "app" or "example.com/role".');
      }
      if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v) || v.length > 63) {
        throw new ValidationError(`${field}["${k}"]`, v, 'Use a label value of at most 63 letters, digits, \'-\', \'_\' or \'.\'.');
      }
    }
    return { ...labels };
  }

  private constructor(
    /** ipBlock or pods. */
    public readonly kind: NetworkPeerKind,
    /**
     * The range, for `ipBlock` peers.
     * @default - none
     */
    public readonly cidrBlock?: string,
    /**
     * Namespace labels, for `pods` peers.
     * @default - none
     */
    public readonly namespaceLabels?: { [key: string]: string },
    /**
     * Pod labels, for `pods` peers.
     * @default - all pods of the selected namespaces
     */
    public readonly podLabels?: { [key: string]: string },
  ) {}
}
