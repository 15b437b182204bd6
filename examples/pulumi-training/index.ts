// A Pulumi program: an AI training namespace from cdk8s-secure-ai, each Kubernetes object its own
// resource in `pulumi preview`, and a model configuration wired to the namespace it creates.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { AITrainingNamespace } from 'cdk8s-secure-ai/pulumi';
import { trainingOptions } from './training-options';

// The cluster: the kubeconfig in the stack's config, or the ambient one (KUBECONFIG).
const provider = new k8s.Provider('cluster', { kubeconfig: new pulumi.Config().get('kubeconfig') });

const training = new AITrainingNamespace('fraud-model', trainingOptions, { provider });

// Model configuration must be immutable and carry the namespace's data classification. It is
// created after every object of the namespace, so its admission policies already judge it.
new k8s.core.v1.ConfigMap('model-config', {
  metadata: {
    name: 'model-config',
    namespace: training.namespaceName,
    labels: { 'secure-ai.cdk8s.io/model-config': 'true', 'secure-ai.cdk8s.io/data-classification': 'confidential' },
  },
  immutable: true,
  data: { 'learning-rate': '0.0003', 'epochs': '12' },
}, { provider, dependsOn: [training] });

export const namespaceName = training.namespaceName;
export const trainingServiceAccount = training.trainingServiceAccountName;
export const ciDeployerServiceAccount = training.ciDeployerServiceAccountName;
// For the platform team: the API server's --audit-policy-file.
export const auditPolicyYaml = training.auditPolicyYaml;
