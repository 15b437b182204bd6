// Options
export * from './options/subject';
export * from './options/persona';
export * from './options/pod-security-level';
export * from './options/data-classification';
export * from './options/admission-action';
export * from './options/network-port';
export * from './options/network-peer';
export * from './options/egress-rule';
export * from './options/training-quota';
export * from './options/ai-training-namespace-props';

// Reported weakenings
export * from './model/weakening';

// Constructs
export * from './platform/secure-ai-platform';
export * from './training/ai-training-namespace';

// SecureInferenceEndpoint options and construct
export * from './options/inference-route';
export * from './options/route-content-type';
export * from './options/model-server';
export * from './options/triton-options';
export * from './options/inference-backend';
export * from './options/inference-pool-options';
export * from './options/rollout-strategy';
export * from './options/serving-namespace-quota';
export * from './options/pod-scheduling';
export * from './options/backend-tls-options';
export * from './options/client-ca-bundle';
export * from './options/tls-options';
export * from './options/authentication';
export * from './options/oidc-auth-options';
export * from './options/jwt-authorization-rule';
export * from './options/jwt-claim-header';
export * from './options/traffic-limits';
export * from './options/limit-scope';
export * from './options/token-budget';
export * from './options/token-cost-type';
export * from './options/client-address';
export * from './options/edge-controller';
export * from './options/coraza-wasm-module';
export * from './options/gateway-listener';
export * from './options/secure-inference-endpoint-props';
export * from './endpoint/secure-inference-endpoint';

// Checks and report
export * from './checks/check-result';
export * from './checks/security-report';
export * from './checks/rule-severity';
export * from './checks/rule-suppression';
export * from './checks/security-validation';
export * from './checks/security-validation-plugin';

// LLM WAF profile
export * from './waf';
