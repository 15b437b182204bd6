// A Pulumi program: a vLLM server behind ingress-nginx from cdk8s-secure-ai. `pulumi preview`
// lists each object (Namespace, Deployment, Service, Certificate, Ingress, NetworkPolicies, RBAC,
// change-control policy); the controller settings are an output for the controller's owners.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { SecureInferenceEndpoint } from 'cdk8s-secure-ai/pulumi';
import { endpointOptions } from './endpoint-options';

const config = new pulumi.Config();
const provider = new k8s.Provider('cluster', { kubeconfig: config.get('kubeconfig') });

// If this stack also installs cert-manager, add `dependsOn: [certManager]`: every object waits for it.
const chat = new SecureInferenceEndpoint('chat', endpointOptions, { provider });

export const namespaceName = chat.namespaceName;
export const serviceName = chat.serviceName;
export const hostnames = chat.hostnames;
export const certificateSecretName = chat.certificateSecretName;
export const controllerHardeningYaml = chat.controllerHardeningYaml;
