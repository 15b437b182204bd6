import * as k8s from '@pulumi/kubernetes';
import { kubernetesResourceClass, kubernetesTypeToken } from '../../src/pulumi/kubernetes-resource-class';

describe('kubernetesResourceClass', () => {
  test.each([
    ['v1', 'Namespace', k8s.core.v1.Namespace],
    ['v1', 'ServiceAccount', k8s.core.v1.ServiceAccount],
    ['v1', 'Service', k8s.core.v1.Service],
    ['apps/v1', 'Deployment', k8s.apps.v1.Deployment],
    ['networking.k8s.io/v1', 'NetworkPolicy', k8s.networking.v1.NetworkPolicy],
    ['networking.k8s.io/v1', 'Ingress', k8s.networking.v1.Ingress],
    ['rbac.authorization.k8s.io/v1', 'Role', k8s.rbac.v1.Role],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', k8s.rbac.v1.ClusterRoleBinding],
    ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', k8s.admissionregistration.v1.ValidatingAdmissionPolicy],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', k8s.apiextensions.v1.CustomResourceDefinition],
    ['policy/v1', 'PodDisruptionBudget', k8s.policy.v1.PodDisruptionBudget],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', k8s.autoscaling.v2.HorizontalPodAutoscaler],
  ])('%s %s has a typed class', (apiVersion, kind, cls) => {
    expect(kubernetesResourceClass(apiVersion, kind)).toBe(cls);
  });

  test.each([
    ['cert-manager.io/v1', 'Certificate'],
    ['k8s.nginx.org/v1', 'Policy'],
    ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
    ['gateway.envoyproxy.io/v1alpha1', 'SecurityPolicy'],
    // Shares the module name "policy" with policy/v1, and the name "networking" with networking.k8s.io.
    ['policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy'],
    ['networking.k8s.io/v1', 'NoSuchKind'],
    ['v1', 'toString'],
    ['v1', 'constructor'],
  ])('%s %s is a custom resource', (apiVersion, kind) => {
    expect(kubernetesResourceClass(apiVersion, kind)).toBeUndefined();
  });

  test('type tokens are spelt as @pulumi/kubernetes spells them', () => {
    expect(kubernetesTypeToken('v1', 'Namespace')).toBe('kubernetes:core/v1:Namespace');
    expect(kubernetesTypeToken('networking.k8s.io/v1', 'NetworkPolicy')).toBe('kubernetes:networking.k8s.io/v1:NetworkPolicy');
  });
});
