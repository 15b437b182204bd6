import { Chart, Testing } from 'cdk8s';
import { AITrainingNamespace, SecureAiPlatform } from '../../src';
import { PLATFORM_OWNED_CHART_ID, platformOwnedScopeOf } from '../../src/facts/platform-owned-chart';
import { MINIMAL_TRAINING } from '../support/fixtures';

describe('the platform-owned chart', () => {
  test('is the chart SecureAiPlatform writes the platform team\'s objects to', () => {
    const app = Testing.app();
    expect(SecureAiPlatform.of(app).platformOwnedChart.node.path).toBe(PLATFORM_OWNED_CHART_ID);
  });

  test('holds what the constructs under a scope wrote, under the same path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'training');
    const ns = new AITrainingNamespace(chart, 'team', MINIMAL_TRAINING);
    expect(platformOwnedScopeOf(chart)?.node.path).toBe('secure-ai-platform-owned/training');
    expect(platformOwnedScopeOf(ns)?.node.findAll().filter((c) => ns.platformObjects.includes(c as any))).toHaveLength(ns.platformObjects.length);
    expect(platformOwnedScopeOf(new Chart(app, 'empty'))).toBeUndefined();
    expect(platformOwnedScopeOf(Testing.chart())).toBeUndefined();
  });
});
