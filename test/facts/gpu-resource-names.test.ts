import { WELL_KNOWN_GPU_RESOURCE_NAMES } from '../../src/facts/gpu-resource-names';
import { extendedResourceName } from '../../src/options/validate';

test('every well-known GPU resource name is a valid extended resource name, listed once', () => {
  for (const name of WELL_KNOWN_GPU_RESOURCE_NAMES) expect(extendedResourceName('name', name)).toBe(name);
  expect(new Set(WELL_KNOWN_GPU_RESOURCE_NAMES).size).toBe(WELL_KNOWN_GPU_RESOURCE_NAMES.length);
  expect(WELL_KNOWN_GPU_RESOURCE_NAMES).toContain('nvidia.com/gpu');
});
