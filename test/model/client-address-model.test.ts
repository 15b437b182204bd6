import { clientAddressModel, clientAddressWeakening } from '../../src/model/client-address-model';
import { ClientAddress, ClientAddressMode } from '../../src/options/client-address';

describe('clientAddressModel', () => {
  test('is direct when the controller gives none', () => {
    expect(clientAddressModel('controller clientAddress', undefined)).toStrictEqual({ mode: ClientAddressMode.DIRECT, trustedCidrs: [] });
  });

  test('carries the mode, the trusted ranges, the header and the opt-out\'s reason', () => {
    expect(clientAddressModel('f', ClientAddress.forwardedFor(['10.0.0.0/16'], { header: 'X-Real-IP' })))
      .toStrictEqual({ mode: ClientAddressMode.FORWARDED_HEADER, trustedCidrs: ['10.0.0.0/16'], header: 'X-Real-IP' });
    expect(clientAddressModel('f', ClientAddress.proxyProtocol(['0.0.0.0/0'], { trustEveryAddressInsecureReason: 'NLB addresses are not fixed' })))
      .toStrictEqual({ mode: ClientAddressMode.PROXY_PROTOCOL, trustedCidrs: ['0.0.0.0/0'], trustEveryAddressReason: 'NLB addresses are not fixed' });
  });

  test('fails on anything but a ClientAddress, naming the field and the factories', () => {
    expect(() => clientAddressModel('controller clientAddress', { mode: 'proxy-protocol' } as any))
      .toThrow('Invalid controller clientAddress: { mode: "proxy-protocol" }. Use ClientAddress.direct(), ClientAddress.proxyProtocol([...load balancer CIDRs]) or ClientAddress.forwardedFor([...proxy CIDRs]).');
  });
});

describe('clientAddressWeakening', () => {
  test('records trusting every address as a weakened control, with the reason', () => {
    const m = clientAddressModel('f', ClientAddress.proxyProtocol(['0.0.0.0/0'], { trustEveryAddressInsecureReason: 'NLB addresses are not fixed' }));
    const w = clientAddressWeakening('controller.clientAddress', m)!;
    expect(w.option).toBe('controller.clientAddress.trustEveryAddressInsecureReason (proxy-protocol from 0.0.0.0/0)');
    expect(w.effect).toMatch(/^The controller takes each client's address from a PROXY protocol header sent by any address: .*can forge its address.*Reason given: NLB addresses are not fixed$/);
  });

  test('records nothing for trusted ranges that leave addresses out, or for direct', () => {
    expect(clientAddressWeakening('c', clientAddressModel('f', ClientAddress.forwardedFor(['10.0.0.0/16'])))).toBeUndefined();
    expect(clientAddressWeakening('c', clientAddressModel('f', undefined))).toBeUndefined();
  });
});
