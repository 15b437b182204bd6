import { Testing } from 'cdk8s';
import { renderLimitRange, renderResourceQuota } from '../../src/render/quota';

test('renders quota hard limits and container defaults as quantities', () => {
  const chart = Testing.chart();
  renderResourceQuota(chart, 'ns', { 'requests.cpu': '4', 'requests.nvidia.com/gpu': '2' });
  renderLimitRange(chart, 'ns', { cpuRequest: '1', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '2Gi' });
  const [quota, limits] = Testing.synth(chart);
  expect(quota.spec.hard).toStrictEqual({ 'requests.cpu': '4', 'requests.nvidia.com/gpu': '2' });
  expect(limits.spec.limits[0].default).toStrictEqual({ cpu: '2', memory: '2Gi' });
});
