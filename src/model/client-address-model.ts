import { WeakenedControl } from './weakening';
import { ClientAddress, ClientAddressMode } from '../options/client-address';
import { ValidationError } from '../options/validation-error';

/** How the controller learns a client's address, as plain data. @internal */
export interface ClientAddressModel {
  readonly mode: ClientAddressMode;
  /** The addresses trusted to tell the controller a client's address (canonical CIDRs); empty for direct. */
  readonly trustedCidrs: string[];
  /** The request header, for a trusted proxy's header. */
  readonly header?: string;
  /** Why every address is trusted, when the opt-out was given. */
  readonly trustEveryAddressReason?: string;
}

/** The controller's client-address option, resolved; `direct` when not given. @internal */
export function clientAddressModel(field: string, c: ClientAddress | undefined): ClientAddressModel {
  if (c === undefined) return { mode: ClientAddressMode.DIRECT, trustedCidrs: [] };
  if (!(c instanceof ClientAddress)) {
    throw new ValidationError(field, c, 'Use ClientAddress.direct(), ClientAddress.proxyProtocol([...load balancer CIDRs]) or ClientAddress.forwardedFor([...proxy CIDRs]).');
  }
  return {
    mode: c.mode,
    trustedCidrs: [...c.trustedCidrs],
    ...(c.header !== undefined ? { header: c.header } : {}),
    ...(c.trustEveryAddressInsecureReason !== undefined ? { trustEveryAddressReason: c.trustEveryAddressInsecureReason } : {}),
  };
}

/** The weakened control a client-address setting that trusts every address records, if it does. @internal */
export function clientAddressWeakening(field: string, m: ClientAddressModel): WeakenedControl | undefined {
  if (m.trustEveryAddressReason === undefined) return undefined;
  const source = m.mode === ClientAddressMode.PROXY_PROTOCOL ? 'a PROXY protocol header' : `the ${m.header} header`;
  return {
    option: `${field}.trustEveryAddressInsecureReason (${m.mode.value} from ${m.trustedCidrs.join(', ')})`,
    effect: `The controller takes each client's address from ${source} sent by any address: a client that reaches the controller without the trusted load balancer or proxy can forge its address, past source-range allow-lists and per-client limits, on every host of the controller. Reason given: ${m.trustEveryAddressReason}`,
  };
}
