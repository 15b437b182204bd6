import { changeControlPolicy, ChangeControlPolicyInput, guardedResources, SYSTEM_CONTROLLERS } from '../../src/model/change-control-policy';
import { exposureTarget } from '../../src/model/exposure-targets';
import { EdgeControllerKind } from '../../src/options/edge-controller';

const INPUT: ChangeControlPolicyInput = {
  name: 'llm',
  namespace: 'ns',
  targetResources: [],
  deployers: [
    { kind: 'ServiceAccount', name: 'ci', namespace: 'build' }, { kind: 'Group', name: 'release-managers' }, { kind: 'User', name: 'alice' },
  ],
  modelServices: ['llm'],
  modelSelectors: [{ 'app.kubernetes.io/name': 'llm' }],
  modelPodLabels: [{ 'app.kubernetes.io/name': 'llm', 'secure-ai.cdk8s.io/endpoint': 'llm' }],
  hosts: ['llm.example.com'],
  tlsSecretName: 'llm-tls',
};

const variable = (p: ReturnType<typeof changeControlPolicy>, name: string) => p.variables.find((v) => v.name === name)?.expression;

test('lists deployer users (service accounts by their full user name) and groups, and the model it protects', () => {
  const p = changeControlPolicy(INPUT);
  expect(p.name).toBe('secure-ai-ns-llm-change-control');
  expect(variable(p, 'deployerUsers')).toBe("['system:serviceaccount:build:ci', 'alice']");
  expect(variable(p, 'deployerGroups')).toBe("['release-managers']");
  expect(variable(p, 'modelServices')).toBe("['llm']");
  expect(variable(p, 'modelSelectors')).toBe("[{'app.kubernetes.io/name': 'llm'}]");
  expect(variable(p, 'modelPodLabels')).toBe("[{'app.kubernetes.io/name': 'llm', 'secure-ai.cdk8s.io/endpoint': 'llm'}]");
  expect(variable(p, 'systemControllers')).toBe(`[${SYSTEM_CONTROLLERS.map((s) => `'${s}'`).join(', ')}]`);
  expect(variable(p, 'breakGlassGroups')).toBe('[]');
  expect(variable(p, 'certManagerUsers')).toBe('[]');
  expect(p.resourceRules.every((r) => r.operations.join() === 'CREATE,UPDATE,DELETE')).toBe(true);
});

test('judges the old and the new object, so relabelling an object does not escape', () => {
  expect(variable(changeControlPolicy(INPUT), 'objects')).toBe('(oldObject != null ? [dyn(oldObject)] : []) + (object != null ? [dyn(object)] : [])');
});

test('guards pods, ReplicaSets, every workload, Services, Endpoints, EndpointSlices, Ingresses, NetworkPolicies, PDBs and Certificates', () => {
  const rules = changeControlPolicy(INPUT).resourceRules;
  const resources = rules.flatMap((r) => r.resources.map((x) => `${x}.${r.apiGroups[0]}`));
  expect(resources).toStrictEqual([
    'pods.', 'pods/ephemeralcontainers.', 'replicationcontrollers.', 'services.', 'endpoints.',
    'replicasets.apps', 'deployments.apps', 'statefulsets.apps', 'daemonsets.apps',
    'jobs.batch', 'cronjobs.batch',
    'endpointslices.discovery.k8s.io',
    'ingresses.networking.k8s.io', 'networkpolicies.networking.k8s.io',
    'poddisruptionbudgets.policy', 'certificates.cert-manager.io',
  ]);
});

test('Kubernetes controllers pass, with per-controller credentials or as the controller manager', () => {
  expect(SYSTEM_CONTROLLERS).toContain('system:serviceaccount:kube-system:replicaset-controller');
  expect(SYSTEM_CONTROLLERS).toContain('system:serviceaccount:kube-system:deployment-controller');
  expect(SYSTEM_CONTROLLERS).toContain('system:serviceaccount:kube-system:endpointslice-controller');
  expect(SYSTEM_CONTROLLERS).toContain('system:serviceaccount:kube-system:generic-garbage-collector');
  expect(SYSTEM_CONTROLLERS).toContain('system:serviceaccount:kube-system:namespace-controller');
  expect(SYSTEM_CONTROLLERS).toContain('system:kube-controller-manager');
  const expression = changeControlPolicy(INPUT).validations[0].expression;
  expect(expression).toContain('request.userInfo.username in variables.systemControllers');
  expect(expression).toContain("request.userInfo.username.startsWith('system:node:')");
});

test('no break-glass and no cert-manager exception unless asked', () => {
  const expression = changeControlPolicy(INPUT).validations[0].expression;
  expect(expression).not.toContain('breakGlassGroups');
  expect(expression).not.toContain('isSolver');
});

test('a break-glass group passes', () => {
  const p = changeControlPolicy({ ...INPUT, breakGlassGroup: 'oncall' });
  expect(variable(p, 'breakGlassGroups')).toBe("['oncall']");
  expect(p.validations[0].expression).toContain('variables.breakGlassGroups');
  expect(p.description).toContain('break-glass group oncall');
});

test('HTTP-01: cert-manager may create solver objects that do not reach the model, and solver-labelled objects are its alone', () => {
  const p = changeControlPolicy({ ...INPUT, certManagerUser: 'system:serviceaccount:cert-manager:cert-manager' });
  expect(variable(p, 'certManagerUsers')).toBe("['system:serviceaccount:cert-manager:cert-manager']");
  expect(variable(p, 'isSolver')).toContain("x.metadata.labels['acme.cert-manager.io/http01-solver'] == 'true'");
  expect(variable(p, 'isSolver')).toContain('!variables.reaches');
  expect(variable(p, 'touches')).toContain(" || (has(x.metadata.labels) && 'acme.cert-manager.io/http01-solver' in x.metadata.labels");
  expect(p.validations[0].expression).toContain('variables.isSolver');
});

test('a target\'s resources are judged through its table row\'s CEL hooks', () => {
  const targetResources = [{ apiGroups: ['example.com'], resources: ['routes'], backendServicesCel: 'x.spec.backends', hostsCel: '[x.spec.host]' }];
  const p = changeControlPolicy({ ...INPUT, targetResources });
  expect(p.resourceRules.find((r) => r.apiGroups[0] === 'example.com')?.resources).toStrictEqual(['routes']);
  expect(variable(p, 'reaches')).toContain("request.resource.group == 'example.com' && request.resource.resource == 'routes' && ((x.spec.backends).exists(v, v in variables.modelServices))");
  expect(variable(p, 'touches')).toContain('([x.spec.host]).exists(v, v in variables.hosts)');
  expect(guardedResources(targetResources).map((g) => g.resource)).toContain('routes');
});

test('messages name the user, the operation, the resource, the endpoint and the policy', () => {
  const v = changeControlPolicy(INPUT).validations[0];
  expect(v.messageExpression).toContain("' may not ' + request.operation.lowerAscii() + ' ' + request.resource.resource");
  expect(v.messageExpression).toContain('endpoint ns/llm');
  expect(v.messageExpression).toContain('[policy secure-ai-ns-llm-change-control]');
});

test('the namespace\'s allow-dns, which also reaches NodeLocal DNSCache by address, is DNS only (not a path to the model)', () => {
  const p = changeControlPolicy({ ...INPUT, dnsAddresses: ['169.254.20.10/32'] });
  expect(variable(p, 'dnsAddresses')).toBe("['169.254.20.10/32']");
  expect(variable(p, 'reaches')).toContain('r.to.all(t, !has(t.ipBlock) || (t.ipBlock.cidr in variables.dnsAddresses && !has(t.ipBlock.except)))');
  expect(variable(changeControlPolicy(INPUT), 'dnsAddresses')).toBe('[]');
});

test('hand-made Endpoints and EndpointSlices are judged to reach the model, whatever Service they name (their addresses may be model pod IPs)', () => {
  const reaches = variable(changeControlPolicy(INPUT), 'reaches');
  expect(reaches).toContain("(request.resource.group == '' && request.resource.resource == 'endpoints' && (true))");
  expect(reaches).toContain("(request.resource.group == 'discovery.k8s.io' && request.resource.resource == 'endpointslices' && (true))");
  // Kubernetes' controllers, which write them for Services with selectors, still pass.
  expect(changeControlPolicy(INPUT).validations[0].expression).toContain('request.userInfo.username in variables.systemControllers');
  expect(SYSTEM_CONTROLLERS).toContain('system:serviceaccount:kube-system:endpointslicemirroring-controller');
});

test('every ExternalName Service is judged to reach the model (it may alias a model pod by address or pod DNS name)', () => {
  const reaches = variable(changeControlPolicy(INPUT), 'reaches');
  expect(reaches).toContain("(has(x.spec.type) && x.spec.type == 'ExternalName') || has(x.spec.externalName)");
});

describe('the Envoy Gateway row\'s resources', () => {
  const row = exposureTarget(EdgeControllerKind.ENVOY_GATEWAY);
  const p = changeControlPolicy({ ...INPUT, targetResources: [...row.resources, ...row.guards, ...row.inferencePoolResources!], routes: ['llm'] });

  test('guards HTTPRoutes, SecurityPolicies and BackendTrafficPolicies, and the EnvoyExtensionPolicies and ReferenceGrants it does not write', () => {
    expect(p.resourceRules.find((r) => r.apiGroups[0] === 'gateway.networking.k8s.io')?.resources).toStrictEqual(['httproutes', 'referencegrants']);
    expect(p.resourceRules.find((r) => r.apiGroups[0] === 'gateway.envoyproxy.io')?.resources)
      .toStrictEqual(['securitypolicies', 'backendtrafficpolicies', 'envoyextensionpolicies']);
  });

  test('a GRPCRoute reaches the model through a backend or a mirror to a model Service (or any Backend or InferencePool), and claims the hosts it serves', () => {
    const q = changeControlPolicy({ ...INPUT, targetResources: [...row.resources, ...row.grpcResources!], routes: ['llm'] });
    expect(q.resourceRules.find((r) => r.apiGroups[0] === 'gateway.networking.k8s.io')?.resources).toStrictEqual(['httproutes', 'grpcroutes']);
    const reaches = variable(q, 'reaches')!;
    expect(reaches).toContain("(request.resource.group == 'gateway.networking.k8s.io' && request.resource.resource == 'grpcroutes' && ((has(x.spec.rules) && x.spec.rules.exists(r, (has(r.backendRefs) && r.backendRefs.exists(b, "
      + "((!has(b.group) || b.group == '') && (!has(b.kind) || b.kind == 'Service') && (!has(b.namespace) || b.namespace == x.metadata.namespace) && b.name in variables.modelServices)");
    expect(reaches).toMatch(/'grpcroutes'[^]*has\(f\.requestMirror\)/);
    // Policies attached to the endpoint's GRPCRoute (named like its HTTPRoute) are judged as those attached to the HTTPRoute.
    expect(reaches).toContain("(has(x.spec.targetRef) && x.spec.targetRef.kind in ['HTTPRoute', 'GRPCRoute'] && x.spec.targetRef.name in variables.routes)");
  });

  test('an InferencePool whose selector chooses model pods reaches the model', () => {
    expect(p.resourceRules.find((r) => r.apiGroups[0] === 'inference.networking.k8s.io')?.resources).toStrictEqual(['inferencepools']);
    expect(variable(p, 'reaches')).toContain("(request.resource.group == 'inference.networking.k8s.io' && request.resource.resource == 'inferencepools'"
      + ' && ((has(x.spec.selector) && has(x.spec.selector.matchLabels) && variables.modelPodLabels.exists(p, x.spec.selector.matchLabels.all(k, k in p && p[k] == x.spec.selector.matchLabels[k])))))');
  });

  test('an EnvoyExtensionPolicy on the endpoint\'s route, or a ReferenceGrant to a model Service, reaches the model', () => {
    const reaches = variable(p, 'reaches')!;
    expect(reaches).toContain("request.resource.resource == 'envoyextensionpolicies' && (((has(x.spec.targetRefs) && x.spec.targetRefs.exists(t, t.kind in ['HTTPRoute', 'GRPCRoute'] && t.name in variables.routes))");
    expect(reaches).toContain("request.resource.resource == 'referencegrants' && ((has(x.spec.to) && x.spec.to.exists(t, t.group == '' && t.kind == 'Service'"
      + ' && (!has(t.name) || t.name in variables.modelServices))))');
  });

  test('an HTTPRoute reaches the model through a backend or a mirror to a model Service of its namespace or to any Envoy Gateway Backend or InferencePool, and claims the hosts it serves', () => {
    const reaches = variable(p, 'reaches')!;
    expect(reaches).toContain("request.resource.group == 'gateway.networking.k8s.io' && request.resource.resource == 'httproutes'");
    expect(reaches).toContain("r.backendRefs.exists(b, ((!has(b.group) || b.group == '') && (!has(b.kind) || b.kind == 'Service')"
      + ' && (!has(b.namespace) || b.namespace == x.metadata.namespace) && b.name in variables.modelServices)'
      + " || (has(b.group) && b.group == 'gateway.envoyproxy.io' && has(b.kind) && b.kind == 'Backend')"
      + " || (has(b.group) && b.group == 'inference.networking.k8s.io' && has(b.kind) && b.kind == 'InferencePool'))");
    expect(reaches).toContain('has(f.requestMirror) && (((!has(f.requestMirror.backendRef.group)');
    expect(reaches).toContain("|| (has(f.requestMirror.backendRef.group) && f.requestMirror.backendRef.group == 'gateway.envoyproxy.io' && has(f.requestMirror.backendRef.kind) && f.requestMirror.backendRef.kind == 'Backend')");
    const touches = variable(p, 'touches')!;
    expect(touches).toContain('!has(x.spec.hostnames) || size(x.spec.hostnames) == 0 || x.spec.hostnames.exists(h, h in variables.hosts');
    expect(touches).toContain("(h.startsWith('*.') && variables.hosts.exists(o, o.endsWith(h.substring(1))))");
  });

  test('a policy reaches the endpoint when it targets one of its routes by name, or routes by label', () => {
    expect(variable(p, 'routes')).toBe("['llm']");
    const reaches = variable(p, 'reaches')!;
    expect(reaches).toContain("request.resource.group == 'gateway.envoyproxy.io' && request.resource.resource == 'securitypolicies'");
    expect(reaches).toContain("x.spec.targetRefs.exists(t, t.kind in ['HTTPRoute', 'GRPCRoute'] && t.name in variables.routes)");
    expect(reaches).toContain('(has(x.spec.targetSelectors) && size(x.spec.targetSelectors) > 0)');
  });

  test('a ListenerSet claims the endpoint\'s hosts when a listener serves one of them, every host (no hostname) or a wildcard above one; a ClientTrafficPolicy on the endpoint\'s ListenerSet reaches it', () => {
    const listener = changeControlPolicy({ ...INPUT, targetResources: [...row.resources, ...row.ownListenerResources!], routes: ['llm'] });
    expect(listener.resourceRules.find((r) => r.apiGroups[0] === 'gateway.networking.k8s.io')?.resources).toStrictEqual(['httproutes', 'listenersets']);
    const touches = variable(listener, 'touches')!;
    expect(touches).toContain("request.resource.resource == 'listenersets' && ((has(x.spec.listeners) && x.spec.listeners.exists(l, !has(l.hostname) || l.hostname in variables.hosts");
    const reaches = variable(listener, 'reaches')!;
    expect(reaches).toContain('x.spec.listeners.exists(l, has(l.tls) && has(l.tls.certificateRefs) && l.tls.certificateRefs.exists(r, r.name == variables.tlsSecret))');
    expect(reaches).toContain("x.spec.targetRefs.exists(t, t.kind == 'ListenerSet' && t.name in variables.routes)");
  });

  test('AIGatewayRoutes named like the endpoint\'s route, with backends or serving its hosts, and every AIServiceBackend and Backend reach the model', () => {
    const ai = changeControlPolicy({ ...INPUT, targetResources: [...row.resources, ...row.guards, ...row.aiGatewayResources], routes: ['llm'] });
    expect(ai.resourceRules.find((r) => r.apiGroups[0] === 'aigateway.envoyproxy.io')?.resources).toStrictEqual(['aigatewayroutes', 'aiservicebackends']);
    expect(ai.resourceRules.find((r) => r.apiGroups[0] === 'gateway.envoyproxy.io')?.resources).toContain('backends');
    const reaches = variable(ai, 'reaches')!;
    expect(reaches).toContain("request.resource.resource == 'aigatewayroutes' && ((x.metadata.name in variables.routes || (has(x.spec.rules) && x.spec.rules.exists(r, has(r.backendRefs) && size(r.backendRefs) > 0))))");
    expect(reaches).toContain("(request.resource.group == 'aigateway.envoyproxy.io' && request.resource.resource == 'aiservicebackends' && ((true)))");
    expect(reaches).toContain("(request.resource.group == 'gateway.envoyproxy.io' && request.resource.resource == 'backends' && ((true)))");
    expect(variable(ai, 'touches')).toContain("request.resource.resource == 'aigatewayroutes' && ((!has(x.spec.hostnames)");
  });

  test('a route generator (the AI Gateway controller) may write the HTTPRoutes named like the endpoint\'s routes and nothing else; without one, no such exception', () => {
    const user = 'system:serviceaccount:envoy-ai-gateway-system:ai-gateway-controller';
    const ai = changeControlPolicy({ ...INPUT, targetResources: [...row.resources, ...row.guards], routes: ['llm'], routeGenerators: [user] });
    expect(variable(ai, 'routeGenerators')).toBe(`['${user}']`);
    expect(variable(ai, 'isRouteGenerator')).toBe("request.userInfo.username in variables.routeGenerators && request.resource.group == 'gateway.networking.k8s.io'"
      + " && request.resource.resource == 'httproutes' && request.name in variables.routes");
    expect(ai.validations[0].expression).toMatch(/\|\| variables\.isRouteGenerator$/);
    expect(ai.description).toContain(`${user} may write the HTTPRoute generated from its route (llm) and nothing else`);
    expect(variable(p, 'isRouteGenerator')).toBeUndefined();
    expect(p.validations[0].expression).not.toContain('isRouteGenerator');
  });

  test('targets without route-attached policies get no routes variable', () => {
    expect(variable(changeControlPolicy(INPUT), 'routes')).toBeUndefined();
  });
});

test('backendTls: a Certificate writing a model server\'s Secret reaches the model; without server Secrets, no such variable', () => {
  const p = changeControlPolicy({ ...INPUT, serverTlsSecretNames: ['llm-server-tls'] });
  expect(variable(p, 'serverTlsSecrets')).toBe("['llm-server-tls']");
  expect(variable(p, 'reaches')).toContain("request.resource.resource == 'certificates' && (has(x.spec.secretName) && x.spec.secretName == variables.tlsSecret"
    + ' || (has(x.spec.secretName) && x.spec.secretName in variables.serverTlsSecrets))');
  const plain = changeControlPolicy(INPUT);
  expect(variable(plain, 'serverTlsSecrets')).toBeUndefined();
  expect(variable(plain, 'reaches')).not.toContain('serverTlsSecrets');
});
