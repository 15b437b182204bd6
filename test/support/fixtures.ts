import { App, Chart } from 'cdk8s';
import { fileOf, PLATFORM_OWNED_FILE, synthApp, testChart } from './synth-app';
import { AITrainingNamespace, AITrainingNamespaceProps, DataClassification } from '../../src';

/** The smallest valid options, for tests that change one field. */
export const MINIMAL_TRAINING: AITrainingNamespaceProps = {
  name: 'team-a',
  dataClassification: DataClassification.CONFIDENTIAL,
  owner: 'team-a',
  purpose: 'unit tests',
  admission: { allowedRegistries: ['registry.example.com/ml'] },
};

/**
 * A training namespace in chart `test` of an app of its own, synthesised with the whole app:
 * `objects` is the chart's file (what a namespace deployer applies), `platform` the
 * platform-owned file (what a cluster administrator applies), `files` every file written.
 */
export function synthTraining(overrides: Partial<AITrainingNamespaceProps> = {}):
{ chart: Chart; ns: AITrainingNamespace; objects: any[]; platform: any[]; files: { [file: string]: any[] } } {
  const chart = testChart();
  const ns = new AITrainingNamespace(chart, 'ns', { ...MINIMAL_TRAINING, ...overrides });
  const files = synthApp(chart.node.root as App);
  return { chart, ns, objects: fileOf(files, 'test.k8s.yaml'), platform: fileOf(files, PLATFORM_OWNED_FILE), files };
}

export function find(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}
