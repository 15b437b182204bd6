import { noSnippetAnnotations } from '../../../src/checks/rules/no-snippet-annotations';

test('any *-snippet annotation on an Ingress is shown', () => {
  const ing = (annotations: any) => ({ kind: 'Ingress', metadata: { name: 'i', annotations } });
  expect(noSnippetAnnotations.evaluate([ing({}), ing({ 'nginx.ingress.kubernetes.io/configuration-snippet': 'x' })]).map((o) => o.status))
    .toStrictEqual(['pass', 'weakened']);
});
