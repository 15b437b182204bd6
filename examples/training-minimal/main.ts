// The smallest useful AI training namespace: every other option keeps its secure default.
import { App, Chart } from 'cdk8s';
import { AITrainingNamespace, DataClassification } from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'training-minimal');

new AITrainingNamespace(chart, 'fraud-model', {
  name: 'fraud-model-training',
  dataClassification: DataClassification.CONFIDENTIAL,
  owner: 'risk-ml',
  purpose: 'Train the card-fraud classifier on anonymised transactions',
  admission: { allowedRegistries: ['registry.example.com/ml'] },
});

app.synth();
