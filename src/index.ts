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

// Constructs
export * from './training/ai-training-namespace';
