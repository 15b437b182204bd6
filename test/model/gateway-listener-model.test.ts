import { gatewayClientAddressModel, gatewayListenerModel } from '../../src/model/gateway-listener-model';
import { ClientAddress, ClientAddressMode } from '../../src/options/client-address';
import { GatewayListener } from '../../src/options/gateway-listener';

describe('the Gateway listener of an endpoint', () => {
  test('a platform listener: gateway.sectionName as before, or GatewayListener.platform(sectionName)', () => {
    expect(gatewayListenerModel(undefined, undefined)).toStrictEqual({});
    expect(gatewayListenerModel('https', undefined)).toStrictEqual({ sectionName: 'https' });
    expect(gatewayListenerModel(undefined, GatewayListener.platform('https'))).toStrictEqual({ sectionName: 'https' });
    expect(gatewayListenerModel(undefined, GatewayListener.platform())).toStrictEqual({});
  });

  test('an own listener: port 443 by default', () => {
    expect(gatewayListenerModel(undefined, GatewayListener.own())).toStrictEqual({ own: { port: 443 } });
    expect(gatewayListenerModel(undefined, GatewayListener.own({ port: 8443 }))).toStrictEqual({ own: { port: 8443 } });
  });

  test('fails on a malformed listener, naming the field, the value and the fix', () => {
    expect(() => gatewayListenerModel(undefined, GatewayListener.own({ port: 70000 }))).toThrow(/Invalid controller listener port: 70000\..*1 to 65535/s);
    expect(() => gatewayListenerModel(undefined, GatewayListener.platform('HTTPS!'))).toThrow(/controller listener sectionName.*"HTTPS!"/s);
    expect(() => gatewayListenerModel(undefined, 'own' as any)).toThrow(/Invalid controller listener: "own"\..*GatewayListener\.own/s);
  });

  test('fails when the listener is given twice (gateway.sectionName and listener)', () => {
    expect(() => gatewayListenerModel('https', GatewayListener.platform('https')))
      .toThrow(/Invalid controller gateway\.sectionName: "https"\..*listener: GatewayListener\.platform\('https'\)/s);
    expect(() => gatewayListenerModel('https', GatewayListener.own())).toThrow(/controller gateway\.sectionName.*GatewayListener\.own\(\) without a sectionName/s);
  });
});

describe('the client address of an endpoint\'s own listener', () => {
  const own = { own: { port: 443 } };

  test('direct by default; X-Forwarded-For from trusted proxies', () => {
    expect(gatewayClientAddressModel(own, undefined)).toStrictEqual({ mode: ClientAddressMode.DIRECT, trustedCidrs: [] });
    expect(gatewayClientAddressModel({}, undefined)).toStrictEqual({ mode: ClientAddressMode.DIRECT, trustedCidrs: [] });
    expect(gatewayClientAddressModel(own, ClientAddress.forwardedFor(['10.0.0.0/16'])))
      .toStrictEqual({ mode: ClientAddressMode.FORWARDED_HEADER, trustedCidrs: ['10.0.0.0/16'], header: 'X-Forwarded-For' });
  });

  test('fails on a platform listener: the platform\'s ClientTrafficPolicy decides', () => {
    expect(() => gatewayClientAddressModel({ sectionName: 'https' }, ClientAddress.direct()))
      .toThrow(/Invalid controller clientAddress: "direct"\..*platform's ClientTrafficPolicy decides.*GatewayListener\.own\(\)/s);
  });

  test('fails on what Envoy Gateway cannot limit to trusted peers: the PROXY protocol, a custom header', () => {
    expect(() => gatewayClientAddressModel(own, ClientAddress.proxyProtocol(['10.0.0.0/16'])))
      .toThrow(/Invalid controller clientAddress: "proxy-protocol"\..*whole port.*ClientAddress\.forwardedFor/s);
    expect(() => gatewayClientAddressModel(own, ClientAddress.forwardedFor(['10.0.0.0/16'], { header: 'X-Real-IP' })))
      .toThrow(/Invalid controller clientAddress\.header: "X-Real-IP"\..*from any peer.*X-Forwarded-For/s);
  });
});
