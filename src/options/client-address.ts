import { cidrsCoverEveryAddress, parseCidr } from './cidr';
import { ValidationError } from './validation-error';

/** How the controller learns a client's address. */
export class ClientAddressMode {
  /** The TCP peer of the connection is the client. */
  public static readonly DIRECT = new ClientAddressMode('direct');
  /** The load balancer in front sends the client's address in a PROXY protocol header. */
  public static readonly PROXY_PROTOCOL = new ClientAddressMode('proxy-protocol');
  /** A trusted L7 proxy in front sends the client's address in a request header. */
  public static readonly FORWARDED_HEADER = new ClientAddressMode('forwarded-header');

  private constructor(
    /** The mode's name. */
    public readonly value: string,
  ) {}
}

/** Options of `ClientAddress.proxyProtocol`. */
export interface ProxyProtocolOptions {
  /**
   * Trust every address as a load balancer (`0.0.0.0/0`, `::/0`): any client that reaches the
   * controller without going through the load balancer can then send a PROXY header with any
   * address it likes, past source-range allow-lists and per-client limits. Give the reason (at
   * least 10 characters, recorded as a weakened control) when the load balancer's addresses cannot
   * be known and nothing but the load balancer reaches the controller.
   * @default - none: `trustedCidrs` may not hold every address
   */
  readonly trustEveryAddressInsecureReason?: string;
}

/** Options of `ClientAddress.forwardedFor`. */
export interface ForwardedForOptions {
  /**
   * The request header the trusted proxy writes the client's address in: `X-Forwarded-For`
   * (the rightmost address not in `trustedCidrs` is the client) or a single-address header such
   * as `X-Real-IP`.
   * @default 'X-Forwarded-For'
   */
  readonly header?: string;

  /**
   * Trust every address as a proxy (`0.0.0.0/0`, `::/0`): any client can then write its own
   * address in the header, past source-range allow-lists and per-client limits. Give the reason
   * (at least 10 characters, recorded as a weakened control) when the proxy's addresses cannot be
   * known and nothing but the proxy reaches the controller.
   * @default - none: `trustedCidrs` may not hold every address
   */
  readonly trustEveryAddressInsecureReason?: string;
}

/**
 * How the edge controller learns each client's address, which source-range allow-lists,
 * per-client rate and connection limits and access logs rely on.
 *
 * This is a controller-wide setting: it changes how the controller reads the address of every
 * client of every host it serves, other tenants' included, so every endpoint on one controller
 * must choose the same one.
 *
 * Which to pick: `direct()` when the controller sees clients' own addresses (its LoadBalancer
 * Service has `externalTrafficPolicy: Local`, or the load balancer keeps source addresses);
 * `proxyProtocol(lbCidrs)` when a TCP load balancer rewrites source addresses and can send the
 * PROXY protocol (it must then send it on every connection); `forwardedFor(proxyCidrs)` when an
 * L7 proxy in front writes the client's address in a header.
 *
 * @example ClientAddress.proxyProtocol(['10.0.0.0/16'])
 * @example ClientAddress.forwardedFor(['10.0.0.0/16'], { header: 'X-Real-IP' })
 */
export class ClientAddress {
  /**
   * The TCP peer of each connection is the client (the default). Correct when the controller
   * sees clients' own addresses; behind a load balancer that rewrites source addresses (e.g. a
   * cloud LoadBalancer Service with `externalTrafficPolicy: Cluster`) every client is a node
   * address, so source-range allow-lists admit everyone or no one and per-client limits become
   * per-node: the security report warns about it (`SAI-EDGE-3`).
   */
  public static direct(): ClientAddress {
    return new ClientAddress(ClientAddressMode.DIRECT, []);
  }

  /**
   * The load balancer sends the PROXY protocol: the controller takes the client's address from
   * the PROXY header of connections from `trustedCidrs`. Every connection to the controller must
   * then start with a PROXY header (enable it on the load balancer at the same time).
   * @param trustedCidrs the load balancer's addresses, as CIDRs; never every address (see `options`)
   */
  public static proxyProtocol(trustedCidrs: string[], options: ProxyProtocolOptions = {}): ClientAddress {
    const o = options ?? {};
    const trusted = ClientAddress.trusted(trustedCidrs, 'the load balancer\'s addresses (e.g. the subnets of a cloud NLB)', o.trustEveryAddressInsecureReason);
    return new ClientAddress(ClientAddressMode.PROXY_PROTOCOL, trusted.cidrs, undefined, trusted.reason);
  }

  /**
   * A trusted L7 proxy writes the client's address in a request header: the controller takes it
   * from requests whose TCP peer is in `trustedCidrs`, and ignores the header from anyone else.
   * @param trustedCidrs the proxy's addresses, as CIDRs; never every address (see `options`)
   */
  public static forwardedFor(trustedCidrs: string[], options: ForwardedForOptions = {}): ClientAddress {
    const o = options ?? {};
    const header = o.header === undefined ? 'X-Forwarded-For' : ClientAddress.header(o.header);
    const trusted = ClientAddress.trusted(trustedCidrs, 'the proxy\'s addresses', o.trustEveryAddressInsecureReason);
    return new ClientAddress(ClientAddressMode.FORWARDED_HEADER, trusted.cidrs, header, trusted.reason);
  }

  private static trusted(cidrs: string[], what: string, reason: string | undefined): { cidrs: string[]; reason?: string } {
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
      throw new ValidationError('clientAddress.trustedCidrs', cidrs, `Give ${what} as CIDRs, e.g. ["10.0.0.0/16"]: only they may tell the controller a client's address.`);
    }
    const parsed = cidrs.map((c, i) => parseCidr(`clientAddress.trustedCidrs[${i}]`, c));
    const everyone = ([4, 6] as const).filter((family) => cidrsCoverEveryAddress(family, parsed));
    if (reason === undefined) {
      if (everyone.length > 0) {
        throw new ValidationError('clientAddress.trustedCidrs', cidrs,
          `These ranges hold every IPv${everyone.join(' and IPv')} address: any client could then forge its own address, past source-range allow-lists and per-client limits. Give ${what} only, or set trustEveryAddressInsecureReason to a reason of at least 10 characters (reported).`);
      }
      return { cidrs: parsed.map((p) => p.text) };
    }
    if (typeof reason !== 'string' || reason.trim().length < 10 || /[\r\n]/.test(reason)) {
      throw new ValidationError('clientAddress.trustEveryAddressInsecureReason', reason,
        'Give one line of at least 10 characters saying why every address must be trusted; it is recorded for reviewers.');
    }
    if (everyone.length === 0) {
      throw new ValidationError('clientAddress.trustEveryAddressInsecureReason', reason,
        `trustedCidrs ${JSON.stringify(cidrs)} do not hold every address; remove the opt-out.`);
    }
    return { cidrs: parsed.map((p) => p.text), reason: reason.trim() };
  }

  private static header(header: string): string {
    // Written into the controller's nginx configuration (real_ip_header): a bare header name only.
    // nginx drops headers with '_' by default, and "proxy_protocol" there means the PROXY protocol.
    if (typeof header !== 'string' || !/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(header) || header.length > 64) {
      throw new ValidationError('clientAddress.header', header, 'Use a request header name of letters, digits and single \'-\' (at most 64 characters), such as "X-Forwarded-For" or "X-Real-IP".');
    }
    return header;
  }

  private constructor(
    /** How the controller learns the client's address. */
    public readonly mode: ClientAddressMode,
    /** The addresses trusted to tell it (canonical CIDRs); empty for `direct`. */
    public readonly trustedCidrs: string[],
    /**
     * The request header, for `forwardedFor`.
     * @default - none
     */
    public readonly header?: string,
    /**
     * Why every address is trusted, when `trustEveryAddressInsecureReason` was given.
     * @default - none
     */
    public readonly trustEveryAddressInsecureReason?: string,
  ) {}
}
