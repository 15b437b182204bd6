import { admitsListenerSets, foldListenerSets } from '../../../conformance/gateway/listener-set';

const GROUP = 'gateway.networking.k8s.io';
const gateway = (allowedListeners?: unknown) => ({
  apiVersion: `${GROUP}/v1`,
  kind: 'Gateway',
  metadata: { name: 'gw', namespace: 'edge' },
  spec: {
    ...(allowedListeners ? { allowedListeners } : {}),
    listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'platform.example.com' }],
  },
});
const listenerSet = {
  apiVersion: `${GROUP}/v1`,
  kind: 'ListenerSet',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: {
    parentRef: { group: GROUP, kind: 'Gateway', name: 'gw', namespace: 'edge' },
    listeners: [{
      name: 'chat.example.com',
      hostname: 'chat.example.com',
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'chat-tls' }] },
      allowedRoutes: { namespaces: { from: 'Same' } },
    }],
  },
};
const route = { apiVersion: `${GROUP}/v1`, kind: 'HTTPRoute', metadata: { name: 'chat', namespace: 'llm' }, spec: { parentRefs: [{ group: GROUP, kind: 'ListenerSet', name: 'chat', namespace: 'llm' }] } };
const policy = {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'ClientTrafficPolicy',
  metadata: { name: 'chat', namespace: 'llm' },
  spec: { targetRefs: [{ group: GROUP, kind: 'ListenerSet', name: 'chat' }], tls: { minVersion: '1.3' } },
};

describe('foldListenerSets', () => {
  test('the ListenerSet\'s listeners join its Gateway; the route and the policy attach to them; its certificate gets a ReferenceGrant', () => {
    const folded = foldListenerSets([listenerSet, route, policy], [gateway({ namespaces: { from: 'All' } })]);
    expect(folded.objects.map((o) => o.kind)).toStrictEqual(['HTTPRoute', 'ClientTrafficPolicy']);
    const gw = folded.standIns.find((o) => o.kind === 'Gateway')!;
    expect(gw.spec.listeners.map((l: any) => l.name)).toStrictEqual(['https', 'chat.example.com']);
    expect(gw.spec.listeners[1].tls.certificateRefs).toStrictEqual([{ group: '', kind: 'Secret', name: 'chat-tls', namespace: 'llm' }]);
    expect(gw.spec.listeners[1].allowedRoutes).toStrictEqual({ namespaces: { from: 'All' } });
    expect(folded.standIns.find((o) => o.kind === 'ReferenceGrant')).toMatchObject({
      metadata: { namespace: 'llm' },
      spec: { from: [{ group: GROUP, kind: 'Gateway', namespace: 'edge' }], to: [{ group: '', kind: 'Secret', name: 'chat-tls' }] },
    });
    expect(folded.objects[0].spec.parentRefs).toStrictEqual([{ namespace: 'edge', group: GROUP, kind: 'Gateway', name: 'gw', sectionName: 'chat.example.com' }]);
    expect(folded.objects[1].metadata.namespace).toBe('edge');
    expect(folded.objects[1].spec.targetRefs).toStrictEqual([{ group: GROUP, kind: 'Gateway', name: 'gw', sectionName: 'chat.example.com' }]);
    expect(folded.notes.join('\n')).toMatch(/egctl v1\.9\.1 cannot read ListenerSets/);
    // The inputs are left as they were.
    expect(listenerSet.spec.listeners[0].allowedRoutes.namespaces.from).toBe('Same');
    expect(route.spec.parentRefs[0].kind).toBe('ListenerSet');
  });

  test('the client CA a moved ClientTrafficPolicy names stays in the ListenerSet\'s namespace, named with it and granted to the policy', () => {
    const mtls = { ...policy, spec: { ...policy.spec, tls: { minVersion: '1.3', clientValidation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'clients-ca' }], mode: 'RequireAndVerify' } } } };
    const folded = foldListenerSets([listenerSet, route, mtls], [gateway({ namespaces: { from: 'All' } })]);
    const moved = folded.objects.find((o) => o.kind === 'ClientTrafficPolicy')!;
    expect(moved.metadata.namespace).toBe('edge');
    expect(moved.spec.tls.clientValidation.caCertificateRefs).toStrictEqual([{ group: '', kind: 'ConfigMap', name: 'clients-ca', namespace: 'llm' }]);
    expect(folded.standIns.filter((o) => o.kind === 'ReferenceGrant').map((g) => g.spec)).toContainEqual({
      from: [{ group: 'gateway.envoyproxy.io', kind: 'ClientTrafficPolicy', namespace: 'edge' }], to: [{ group: '', kind: 'ConfigMap', name: 'clients-ca' }],
    });
    expect(mtls.spec.tls.clientValidation.caCertificateRefs[0]).not.toHaveProperty('namespace');
  });

  test('without a ListenerSet, nothing changes', () => {
    expect(foldListenerSets([route], [gateway()])).toStrictEqual({ objects: [route], standIns: [gateway()], notes: [] });
  });

  test('a Gateway that does not admit the ListenerSet, or that is not a stand-in, is an error naming it', () => {
    expect(() => foldListenerSets([listenerSet], [gateway()])).toThrow('ListenerSet llm/chat: Gateway edge/gw does not admit ListenerSets from namespace llm (spec.allowedListeners)');
    expect(() => foldListenerSets([listenerSet], [])).toThrow('ListenerSet llm/chat: its Gateway edge/gw is not among envoy.standIns');
  });
});

describe('admitsListenerSets', () => {
  test('none by default; All from anywhere; Same from the Gateway\'s namespace only', () => {
    expect(admitsListenerSets(gateway(), 'llm')).toBe(false);
    expect(admitsListenerSets(gateway({ namespaces: { from: 'All' } }), 'llm')).toBe(true);
    expect(admitsListenerSets(gateway({ namespaces: { from: 'Same' } }), 'llm')).toBe(false);
    expect(admitsListenerSets(gateway({ namespaces: { from: 'Same' } }), 'edge')).toBe(true);
  });
});
