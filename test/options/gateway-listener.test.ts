import { GatewayListener, GatewayListenerKind } from '../../src/options/gateway-listener';

describe('GatewayListener', () => {
  test('platform() names a listener of the platform\'s Gateway, or none', () => {
    expect(GatewayListener.platform('https')).toMatchObject({ kind: GatewayListenerKind.PLATFORM, sectionName: 'https', ownOptions: undefined });
    expect(GatewayListener.platform().sectionName).toBeUndefined();
  });

  test('own() carries its options, empty by default', () => {
    expect(GatewayListener.own({ port: 8443 })).toMatchObject({ kind: GatewayListenerKind.OWN, sectionName: undefined, ownOptions: { port: 8443 } });
    expect(GatewayListener.own().ownOptions).toStrictEqual({});
  });
});
