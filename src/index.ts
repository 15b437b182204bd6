export * from './waf';
