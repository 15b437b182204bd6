import { registryPrefix } from '../../src/options/registry-pattern';

describe('registryPrefix', () => {
  test('normalises to a prefix ending in a slash', () => {
    expect(registryPrefix('r', 'registry.example.com/ml')).toBe('registry.example.com/ml/');
    expect(registryPrefix('r', 'registry.example.com:5000/')).toBe('registry.example.com:5000/');
    expect(registryPrefix('r', 'localhost/dev')).toBe('localhost/dev/');
    expect(registryPrefix('r', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/training')).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/training/');
  });
  test('fails on patterns that can never match an image reference', () => {
    expect(() => registryPrefix('r', 'https://ghcr.io/org')).toThrow(/no scheme.*Did you mean "ghcr\.io\/org"\?/);
    expect(() => registryPrefix('r', 'ghcr.io/org/*')).toThrow(/Wildcards are not supported/);
    expect(() => registryPrefix('r', 'ghcr.io/org@sha256:abc')).toThrow(/no digest or whitespace/);
    expect(() => registryPrefix('r', 'GHCR.io/org')).toThrow(/registry host must be lower-case/);
    expect(() => registryPrefix('r', 'library/python')).toThrow(/"library" is not a registry host/);
    expect(() => registryPrefix('r', 'ghcr.io/Org')).toThrow(/Path component "Org" can never appear/);
    expect(() => registryPrefix('r', '')).toThrow(/Give a registry host/);
  });
});
