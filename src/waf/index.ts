export * from './waf-mode';
export * from './detector-action';
export * from './crs-rule-set';
export * from './crs-family';
export * from './waf-render-context';
export * from './llm-waf-options';
export * from './llm-waf-profile';
export * from './llm-waf-rules-config-map';
