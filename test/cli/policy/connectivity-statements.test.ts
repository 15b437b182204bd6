import {
  connectivityStatements, namespaceSelectorText, peerText, resolvedNamespaceSelectorText, selectorText, selectorTreeNamespaces, treeNamespaces,
} from '../../../src/cli/policy/connectivity-statements';

test('peers and selectors as a reader says them', () => {
  expect(peerText({ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }, 'n')).toBe('0.0.0.0/0 (except 169.254.169.254/32)');
  expect(peerText({ namespaceSelector: {} }, 'n')).toBe('every namespace');
  expect(peerText({ namespaceSelector: { matchLabels: { team: 'x' } } }, 'n')).toBe('namespaces labelled team=x');
  expect(peerText({ podSelector: { matchLabels: { app: 'ui' } } }, 'n')).toBe('n/ui');
  expect(peerText({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'm' } }, podSelector: {} }, 'n')).toBe('m/every pod');
  expect(selectorText({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, 'every pod')).toBe('tier in a,b');
});

test('a named selector keeps its other labels: the flow is from one Gateway\'s proxies, not every envoy', () => {
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'envoy', 'gateway.envoyproxy.io/owning-gateway-name': 'platform-gateway' } };
  expect(selectorText(selector, 'every pod')).toBe('envoy, gateway.envoyproxy.io/owning-gateway-name=platform-gateway');
  expect(peerText({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gw' } }, podSelector: selector }, 'n'))
    .toBe('gw/envoy, gateway.envoyproxy.io/owning-gateway-name=platform-gateway');
  expect(selectorText({ matchLabels: { app: 'ui' } }, 'every pod')).toBe('ui');
});

test('a default deny per namespace, each flow once, a rule without peers is from anywhere', () => {
  const policy = (name: string) => ({ kind: 'NetworkPolicy', metadata: { name, namespace: 'n' }, spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] } });
  const deny = { kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
  expect(connectivityStatements([deny, policy('a'), policy('b')]).map((s) => s.key)).toStrictEqual(['default-deny|n', 'ingress-flow|n|anywhere → api:53/UDP']);
  expect(connectivityStatements([policy('a')]).some((s) => s.topic === 'default-deny')).toBe(false);
});

test('namespace selectors by label and expression are said faithfully, and resolved against the tree\'s Namespaces', () => {
  expect(namespaceSelectorText({ matchLabels: { team: 'ml' } })).toBe('namespaces labelled team=ml');
  expect(namespaceSelectorText({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] })).toBe('namespaces where env in (prod, staging)');
  expect(namespaceSelectorText({
    matchLabels: { 'kubernetes.io/metadata.name': 'm', 'team': 'ml' },
    matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }, { key: 'gpu', operator: 'Exists' }, { key: 'legacy', operator: 'DoesNotExist' }],
  })).toBe('namespaces labelled kubernetes.io/metadata.name=m, team=ml where env not in (dev) and gpu is set and legacy is not set');
  expect(namespaceSelectorText({ matchLabels: { 'kubernetes.io/metadata.name': 'm' } })).toBe('m');
  expect(peerText({ namespaceSelector: { matchLabels: { team: 'ml' } }, podSelector: { matchLabels: { app: 'ui' } } }, 'n')).toBe('ui in namespaces labelled team=ml');

  const tree = [
    { kind: 'Namespace', metadata: { name: 'ml-a', labels: { team: 'ml', env: 'prod' } } },
    { kind: 'Namespace', metadata: { name: 'ml-b', labels: { team: 'ml', env: 'dev' } } },
    { kind: 'Namespace', metadata: { name: 'web', labels: { env: 'staging' } } },
  ];
  const policy = {
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'llm' },
    spec: {
      podSelector: { matchLabels: { app: 'chat' } },
      ingress: [{
        from: [
          { namespaceSelector: { matchLabels: { team: 'ml' } } },
          { namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] }, podSelector: { matchLabels: { app: 'ui' } } },
          { namespaceSelector: { matchLabels: { team: 'finance' } } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ml-b', 'env': 'prod' } } },
        ],
        ports: [{ port: 8000 }],
      }],
      egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } }] }],
    },
  };
  const statements = connectivityStatements([...tree, policy]);
  expect(statements.map((s) => [s.subject, s.values, s.text])).toStrictEqual([
    ['namespaces labelled team=ml → chat:8000', ['ml-a', 'ml-b'], 'namespaces labelled team=ml (in this tree: ml-a, ml-b) → chat:8000 (NetworkPolicy p)'],
    ['ui in namespaces where env in (prod, staging) → chat:8000', ['ml-a', 'web'], 'ui in namespaces where env in (prod, staging) (in this tree: ml-a, web) → chat:8000 (NetworkPolicy p)'],
    ['namespaces labelled team=finance → chat:8000', [], 'namespaces outside this tree labelled team=finance → chat:8000 (NetworkPolicy p)'],
    ['namespaces labelled kubernetes.io/metadata.name=ml-b, env=prod → chat:8000', [],
      'namespaces outside this tree labelled kubernetes.io/metadata.name=ml-b, env=prod → chat:8000 (NetworkPolicy p)'],
    ['egress to namespaces where team is not set (any port) from llm/chat', ['web'], 'egress to namespaces where team is not set (in this tree: web) (any port) from llm/chat (NetworkPolicy p)'],
  ]);
});

test('a namespace selector resolved against the tree\'s Namespaces: by label or expression only', () => {
  const tree = treeNamespaces([
    { kind: 'Namespace', metadata: { name: 'ml-a', labels: { team: 'ml', env: 'prod' } } },
    { kind: 'Namespace', metadata: { name: 'web', labels: { env: 'staging' } } },
  ]);
  expect(resolvedNamespaceSelectorText({ matchLabels: { team: 'ml' } }, tree)).toBe('namespaces labelled team=ml (in this tree: ml-a)');
  expect(resolvedNamespaceSelectorText({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] }, tree))
    .toBe('namespaces where env in (prod, staging) (in this tree: ml-a, web)');
  expect(resolvedNamespaceSelectorText({ matchLabels: { team: 'finance' } }, tree)).toBe('namespaces outside this tree labelled team=finance');
  expect(resolvedNamespaceSelectorText({ matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, tree)).toBe('web');
  expect(resolvedNamespaceSelectorText(undefined, tree)).toBe('every namespace');
  expect(selectorTreeNamespaces({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, tree)).toStrictEqual(['web']);
  expect(selectorTreeNamespaces({}, tree)).toBeUndefined();
});
