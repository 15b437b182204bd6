import { ServingNamespaceQuota } from '../../src';

describe('ServingNamespaceQuota', () => {
  test('fromWorkloads limits the namespace and keeps its options; with none, it is the default sizing', () => {
    const q = ServingNamespaceQuota.fromWorkloads({ additionalGpus: 2, maxContainerMemory: '64Gi' });
    expect(q.limited).toBe(true);
    expect(q.options).toStrictEqual({ additionalGpus: 2, maxContainerMemory: '64Gi' });
    expect(ServingNamespaceQuota.fromWorkloads().options).toStrictEqual({});
  });

  test('unlimitedInsecure limits nothing', () => {
    expect(ServingNamespaceQuota.unlimitedInsecure().limited).toBe(false);
    expect(ServingNamespaceQuota.unlimitedInsecure().options).toBeUndefined();
  });
});
