import { Chart, Testing } from 'cdk8s';
import { AITrainingNamespace, AITrainingNamespaceProps, DataClassification } from '../../src';

/** The smallest valid options, for tests that change one field. */
export const MINIMAL_TRAINING: AITrainingNamespaceProps = {
  name: 'team-a',
  dataClassification: DataClassification.CONFIDENTIAL,
  owner: 'team-a',
  purpose: 'unit tests',
  admission: { allowedRegistries: ['registry.example.com/ml'] },
};

export function synthTraining(overrides: Partial<AITrainingNamespaceProps> = {}): { chart: Chart; ns: AITrainingNamespace; objects: any[] } {
  const chart = Testing.chart();
  const ns = new AITrainingNamespace(chart, 'ns', { ...MINIMAL_TRAINING, ...overrides });
  return { chart, ns, objects: Testing.synth(chart) };
}

export function find(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}
