// First: a missing Pulumi SDK fails here with what to install, before anything requires it.
import './pulumi-sdk-check';

// The options, enum-like classes and helpers of the cdk8s library, so that one import suffices.
// The components below shadow the cdk8s constructs of the same name.
export * from 'cdk8s-secure-ai';

export { AITrainingNamespace } from './ai-training-namespace';
export { SecureInferenceEndpoint } from './secure-inference-endpoint';
export { LlmWafRulesConfigMap } from './llm-waf-rules-config-map';
export { SecureAiPlatform } from './secure-ai-platform';
export type { SecureAiComponentOptions } from './secure-ai-platform';
export { registerConstructResources, nameOutput, outputAfter } from './construct-resources';
export type { KubernetesObjectResource, ConstructResources } from './construct-resources';
