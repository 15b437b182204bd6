import { ClientAddressModel, clientAddressModel } from './client-address-model';
import { ClientAddress, ClientAddressMode } from '../options/client-address';
import { GatewayListener, GatewayListenerKind } from '../options/gateway-listener';
import { dnsSubdomain, port } from '../options/validate';
import { ValidationError } from '../options/validation-error';

/** The endpoint's own listener (a ListenerSet on the platform's Gateway), resolved. @internal */
export interface OwnListenerModel {
  /** The port of its HTTPS listeners. */
  readonly port: number;
}

/** The listener an endpoint's route attaches to, resolved. @internal */
export interface GatewayListenerModel {
  /** The platform listener's name, when the route attaches to one listener of the platform's Gateway. */
  readonly sectionName?: string;
  /** The endpoint's own listener; undefined when the route attaches to the platform's. */
  readonly own?: OwnListenerModel;
}

const LISTENER_FIX = 'Use GatewayListener.platform(sectionName) or GatewayListener.own({ port }).';

/**
 * The listener of `EdgeController.envoyGateway`: `listener` when given, else the platform's
 * listener named by `gateway.sectionName`. Both at once would say two things: refused.
 * @internal
 */
export function gatewayListenerModel(sectionName: string | undefined, listener: GatewayListener | undefined): GatewayListenerModel {
  if (listener === undefined) {
    return sectionName === undefined ? {} : { sectionName: dnsSubdomain('controller gateway.sectionName', sectionName) };
  }
  if (!(listener instanceof GatewayListener)) throw new ValidationError('controller listener', listener, LISTENER_FIX);
  if (sectionName !== undefined) {
    throw new ValidationError('controller gateway.sectionName', sectionName,
      `Give the listener once: remove gateway.sectionName and use listener: GatewayListener.platform('${sectionName}')${listener.kind === GatewayListenerKind.OWN ? ', or keep GatewayListener.own() without a sectionName (the endpoint names its own listeners)' : ''}.`);
  }
  if (listener.kind === GatewayListenerKind.PLATFORM) {
    return listener.sectionName === undefined ? {} : { sectionName: dnsSubdomain('controller listener sectionName', listener.sectionName) };
  }
  const o = listener.ownOptions ?? {};
  const p = o.port === undefined ? 443 : port('controller listener port', o.port);
  return { own: { port: p } };
}

/**
 * How the endpoint's own listener reads client addresses. Envoy Gateway's ClientTrafficPolicy
 * can take them from the TCP peer or from X-Forwarded-For sent by trusted CIDRs. It cannot
 * limit a custom header or the PROXY protocol to trusted peers (a custom header is read from
 * anyone; the PROXY protocol is a filter of the whole port, other tenants' hosts included):
 * both are refused. On a platform listener the platform decides, and the option is refused.
 * @internal
 */
export function gatewayClientAddressModel(listener: GatewayListenerModel, c: ClientAddress | undefined): ClientAddressModel {
  const m = clientAddressModel('controller clientAddress', c);
  if (c === undefined) return m;
  if (listener.own === undefined) {
    throw new ValidationError('controller clientAddress', m.mode.value,
      'On a listener of the platform\'s Gateway, the platform\'s ClientTrafficPolicy decides how client addresses are read (the security report names it): remove clientAddress, or use listener: GatewayListener.own() to write the listener\'s policy.');
  }
  if (m.mode === ClientAddressMode.PROXY_PROTOCOL) {
    throw new ValidationError('controller clientAddress', m.mode.value,
      'Envoy reads the PROXY protocol on the whole port (every host of the Gateway on it, other tenants\' included) and Envoy Gateway cannot limit it to the load balancer\'s addresses: have the platform enable it on the Gateway, or use ClientAddress.forwardedFor(proxyCidrs) or ClientAddress.direct().');
  }
  if (m.mode === ClientAddressMode.FORWARDED_HEADER && m.header!.toLowerCase() !== 'x-forwarded-for') {
    throw new ValidationError('controller clientAddress.header', m.header,
      'Envoy Gateway reads a custom client-address header from any peer, not only from trusted proxies, so any client could forge its address: use the X-Forwarded-For header (ClientAddress.forwardedFor(proxyCidrs)), which Envoy reads from trustedCidrs only.');
  }
  return m;
}
