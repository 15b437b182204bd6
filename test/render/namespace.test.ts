import { Testing } from 'cdk8s';
import { renderNamespace } from '../../src/render/namespace';

test('renders a Namespace with labels and annotations', () => {
  const chart = Testing.chart();
  renderNamespace(chart, 'ns', 'a', { l: 'v' }, { n: 'w' });
  expect(Testing.synth(chart)).toStrictEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { l: 'v' }, annotations: { n: 'w' } } }]);
});
