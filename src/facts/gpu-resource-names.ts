/**
 * The extended resource names under which the GPU device plugins of the main vendors advertise
 * their GPUs to Kubernetes. A ResourceQuota limits only the resources it names, so a quota that
 * means "these GPUs and no others" names each of them.
 */
export const WELL_KNOWN_GPU_RESOURCE_NAMES: readonly string[] = [
  // NVIDIA's device plugin (whole GPUs; MIG slices are advertised under nvidia.com/mig-* names)
  'nvidia.com/gpu',
  // AMD's device plugin
  'amd.com/gpu',
  // Intel's GPU plugin: GPUs driven by the i915 kernel driver, and by the newer xe driver
  'gpu.intel.com/i915',
  'gpu.intel.com/xe',
];
