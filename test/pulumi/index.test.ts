import * as pulumi from '@pulumi/pulumi';
import { Construct } from 'constructs';
import * as cdk8s from '../../src';
import { installRecordingMocks } from './support/recording-mocks';

installRecordingMocks(pulumi);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const entry: typeof import('../../src/pulumi') = require('../../src/pulumi');

describe('cdk8s-secure-ai/pulumi', () => {
  test('exports the components under the constructs\' names', () => {
    expect(entry.AITrainingNamespace.prototype).toBeInstanceOf(pulumi.ComponentResource);
    expect(entry.AITrainingNamespace.TYPE).toBe('cdk8s-secure-ai:index:AITrainingNamespace');
  });

  test('every construct of the library has its Pulumi component', () => {
    const constructs = Object.entries(cdk8s)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Construct)
      .map(([name]) => name);
    expect(constructs).toContain('AITrainingNamespace');
    for (const name of constructs) {
      const component = (entry as any)[name];
      // A new construct needs its component in src/pulumi/ (a few lines on registerConstructResources).
      expect({ name, isComponent: component?.prototype instanceof pulumi.ComponentResource }).toStrictEqual({ name, isComponent: true });
    }
  });

  test('re-exports the options, so one import line suffices', () => {
    expect(entry.DataClassification).toBe(cdk8s.DataClassification);
    expect(entry.NetworkPeer).toBe(cdk8s.NetworkPeer);
    expect(entry.Subject).toBe(cdk8s.Subject);
  });
});
