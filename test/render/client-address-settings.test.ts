import { clientAddressModel } from '../../src/model/client-address-model';
import { ClientAddress } from '../../src/options/client-address';
import { f5NginxClientAddressSettings, ingressNginxClientAddressSettings } from '../../src/render/client-address-settings';

const model = (c?: ClientAddress) => clientAddressModel('controller clientAddress', c);

describe('ingressNginxClientAddressSettings', () => {
  test('direct: no realip module, no trusted peer; the backend gets the peer as X-Forwarded-For', () => {
    expect(ingressNginxClientAddressSettings(model())).toStrictEqual({
      'use-forwarded-headers': 'false',
      'use-proxy-protocol': 'false',
      'enable-real-ip': 'false',
      'compute-full-forwarded-for': 'false',
    });
  });

  test('PROXY protocol: the address from the PROXY header of the trusted load balancer, never the 0.0.0.0/0 default', () => {
    expect(ingressNginxClientAddressSettings(model(ClientAddress.proxyProtocol(['10.0.0.0/16', '2001:db8::/32'])))).toStrictEqual({
      'use-forwarded-headers': 'false',
      'use-proxy-protocol': 'true',
      'enable-real-ip': 'false',
      'proxy-real-ip-cidr': '10.0.0.0/16,2001:db8::/32',
      'compute-full-forwarded-for': 'false',
    });
  });

  test('a proxy\'s header: the realip module alone, so X-Forwarded-Proto, -Host and -Port stay untrusted', () => {
    expect(ingressNginxClientAddressSettings(model(ClientAddress.forwardedFor(['192.0.2.0/24'])))).toStrictEqual({
      'use-forwarded-headers': 'false',
      'use-proxy-protocol': 'false',
      'enable-real-ip': 'true',
      'forwarded-for-header': 'X-Forwarded-For',
      'proxy-real-ip-cidr': '192.0.2.0/24',
      'compute-full-forwarded-for': 'false',
    });
    expect(ingressNginxClientAddressSettings(model(ClientAddress.forwardedFor(['192.0.2.0/24'], { header: 'X-Real-IP' })))['forwarded-for-header']).toBe('X-Real-IP');
  });
});

describe('f5NginxClientAddressSettings', () => {
  test('direct: no PROXY protocol and no trusted peer (set-real-ip-from is not written empty)', () => {
    expect(f5NginxClientAddressSettings(model())).toStrictEqual({ 'proxy-protocol': 'False', 'real-ip-recursive': 'False' });
  });

  test('PROXY protocol: the address from the PROXY header of the trusted load balancer', () => {
    expect(f5NginxClientAddressSettings(model(ClientAddress.proxyProtocol(['10.0.0.0/16'])))).toStrictEqual({
      'proxy-protocol': 'True', 'real-ip-header': 'proxy_protocol', 'set-real-ip-from': '10.0.0.0/16', 'real-ip-recursive': 'False',
    });
  });

  test('a proxy\'s header, read recursively past the trusted proxies', () => {
    expect(f5NginxClientAddressSettings(model(ClientAddress.forwardedFor(['10.0.0.0/16', '10.1.0.0/16'], { header: 'X-Real-IP' })))).toStrictEqual({
      'proxy-protocol': 'False', 'real-ip-header': 'X-Real-IP', 'set-real-ip-from': '10.0.0.0/16,10.1.0.0/16', 'real-ip-recursive': 'True',
    });
  });
});
