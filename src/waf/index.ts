// Options (validated, immutable)
export * from '../options/waf/waf-mode';
export * from '../options/waf/detector-action';
export * from '../options/waf/crs-rule-set';
export * from '../options/waf/crs-family';
export * from '../options/waf/inference-api-schema';
export * from '../options/waf/waf-render-context';
export * from '../options/waf/cost-field-cap';
export * from '../options/waf/sensitive-data-actions';
export * from '../options/waf/llm-waf-profile-props';
export * from '../options/waf/llm-waf-profile';

// Names the rendered objects and rules carry
export { WAF_PROFILE_TAG } from '../render/waf/profile-actions';
export { INGRESS_NGINX_RULES_PATH } from '../render/waf/ingress-nginx-controller-config';
export { LLM_WAF_RULES_KEY, WAF_HOSTS_ANNOTATION, WAF_PROFILE_LABEL } from '../render/waf/llm-waf-rules-config-map';

// Rendering and delivery
export * from './llm-waf-rules';
export * from './llm-waf-rules-config-map';
