import { ClientCaBundle } from '../../src';

describe('ClientCaBundle', () => {
  test('names the kind and the object the edge reads the clients\' CA (ca.crt) from', () => {
    expect(ClientCaBundle.configMap('clients-ca')).toMatchObject({ kind: 'ConfigMap', name: 'clients-ca' });
    expect(ClientCaBundle.secret('clients-ca')).toMatchObject({ kind: 'Secret', name: 'clients-ca' });
  });
});
