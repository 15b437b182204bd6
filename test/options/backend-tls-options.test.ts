import { BackendCaBundle } from '../../src';

describe('BackendCaBundle', () => {
  test('names the kind and the object the edge reads ca.crt from', () => {
    expect(BackendCaBundle.configMap('models-ca')).toMatchObject({ kind: 'ConfigMap', name: 'models-ca' });
    expect(BackendCaBundle.secret('models-ca')).toMatchObject({ kind: 'Secret', name: 'models-ca' });
  });
});
