import { isReservedNamespace } from '../../src/facts/reserved-namespaces';

test('kube-*, default, the controllers\' and cert-manager\'s namespaces are reserved; team namespaces are not', () => {
  for (const ns of ['kube-system', 'kube-public', 'kube-node-lease', 'default', 'cert-manager', 'ingress-nginx', 'nginx-ingress', 'envoy-gateway-system']) {
    expect(isReservedNamespace(ns)).toBe(true);
  }
  for (const ns of ['llm-serving', 'team-a', 'kubeflow']) expect(isReservedNamespace(ns)).toBe(false);
  expect(isReservedNamespace('edge', ['edge'])).toBe(true);
});
