import { AdmissionPolicyModel, celList, celString, ResourceRuleModel } from './admission-policy-model';
import { endpointResources } from './endpoint-personas';
import { ResourceGroup } from './exposure-targets';
import { Labels } from './network-policy-model';
import { SubjectModel } from './rbac-model';
import { HTTP01_SOLVER_LABEL, HTTP01_SOLVER_LABEL_VALUE } from '../facts/cert-manager';
import { CONTROLLER_MANAGER_USER, CONTROLLER_SERVICE_ACCOUNTS, NODE_USER_PREFIX, SCHEDULER_USER } from '../facts/kubernetes-controllers';
import { ENDPOINT_LABEL } from '../facts/label-keys';

/**
 * Kubernetes' own controllers: they create the model pods (ReplicaSet controller), the
 * ReplicaSets (Deployment controller), the EndpointSlices and Endpoints of the model Service,
 * and delete what the garbage collector and namespace deletion remove. Change control never
 * stands in their way; RBAC bounds what each may do.
 * @internal
 */
export const SYSTEM_CONTROLLERS = [...CONTROLLER_SERVICE_ACCOUNTS, CONTROLLER_MANAGER_USER];

/** What the change-control policy of one endpoint is built from. @internal */
export interface ChangeControlPolicyInput {
  readonly name: string;
  readonly namespace: string;
  readonly deployers: SubjectModel[];
  /** Members of this group may change the endpoint outside change control. */
  readonly breakGlassGroup?: string;
  /** HTTP-01: cert-manager's user, allowed to create its solver objects and only those. */
  readonly certManagerUser?: string;
  /** The Services in front of the model (primary and canary). */
  readonly modelServices: string[];
  /** What those Services select: a pod carrying one of these label sets is a model pod. */
  readonly modelSelectors: Labels[];
  /** The labels the model pods carry (a selector within one of these sets selects them). */
  readonly modelPodLabels: Labels[];
  readonly hosts: string[];
  readonly tlsSecretName: string;
  /** The Secrets of the model servers' own certificates (backendTls): a Certificate writing one is the deployers'. */
  readonly serverTlsSecretNames?: string[];
  /** The names of the endpoint's route objects. */
  readonly routes?: string[];
  /**
   * Users that write the endpoint's HTTPRoutes for it (the Envoy AI Gateway controller generates an
   * HTTPRoute named like the endpoint's AIGatewayRoute): they may create, change and delete those
   * HTTPRoutes, and nothing else the policy guards.
   */
  readonly routeGenerators?: string[];
  readonly targetResources: ResourceGroup[];
  /** The NodeLocal DNSCache address the namespace's allow-dns reaches (DNS, not a path out). */
  readonly dnsAddresses?: string[];
}

/** A resource change control guards, and how it judges an object of it (CEL over `x`). @internal */
interface GuardedResource {
  readonly group: string;
  readonly resource: string;
  /** Extra subresources whose requests carry the object (e.g. pods/ephemeralcontainers). */
  readonly subresources?: string[];
  /** The object routes to, selects, impersonates the model pods or presents the endpoint's certificate. */
  readonly reaches?: string;
  /** The object claims the endpoint's hosts (solver Ingresses do, for the challenge path). */
  readonly claims?: string;
}

const labels = (meta: string) => `(has(${meta}.labels) ? ${meta}.labels : {})`;
const templateLabels = (template: string) => `(has(${template}.metadata) ? ${labels(`${template}.metadata`)} : {})`;
/** A pod with these labels is selected by a model Service. */
const selectedByModel = (l: string) => `variables.modelSelectors.exists(s, s.all(k, k in ${l} && ${l}[k] == s[k]))`;
/** A LabelSelector that selects at least one model pod's label set. */
const selectsModelPods = (sel: string) => 'variables.modelPodLabels.exists(p, '
  + `(!has(${sel}.matchLabels) || ${sel}.matchLabels.all(k, k in p && p[k] == ${sel}.matchLabels[k]))`
  + ` && (!has(${sel}.matchExpressions) || ${sel}.matchExpressions.all(e,`
  + " e.operator == 'In' ? (e.key in p && has(e.values) && p[e.key] in e.values)"
  + " : e.operator == 'NotIn' ? (!(e.key in p) || !has(e.values) || !(p[e.key] in e.values))"
  + " : e.operator == 'Exists' ? e.key in p : !(e.key in p))))";
const inList = (list: string, variable: string) => `(${list}).exists(v, v in variables.${variable})`;

function podTemplateKind(group: string, resource: string, template: string): GuardedResource {
  return { group, resource, reaches: `has(${template}) && ${selectedByModel(templateLabels(template))}` };
}

const INGRESS_ROUTES = '(has(x.spec.defaultBackend) && has(x.spec.defaultBackend.service) && x.spec.defaultBackend.service.name in variables.modelServices)'
  + ' || (has(x.spec.rules) && x.spec.rules.exists(r, has(r.http) && r.http.paths.exists(q, has(q.backend.service) && q.backend.service.name in variables.modelServices)))'
  + ' || (has(x.spec.tls) && x.spec.tls.exists(t, has(t.secretName) && t.secretName == variables.tlsSecret))';

/** An egress rule that only reaches port 53 of pods (cluster DNS) or of the NodeLocal DNSCache address, not other addresses. */
const DNS_ONLY_RULE = 'has(r.ports) && size(r.ports) > 0 && r.ports.all(q, has(q.port) && q.port == 53)'
  + ' && has(r.to) && size(r.to) > 0 && r.to.all(t, !has(t.ipBlock) || (t.ipBlock.cidr in variables.dnsAddresses && !has(t.ipBlock.except)))';

/** The core resources, judged by their spec whatever their labels. */
const CORE_GUARDED: GuardedResource[] = [
  { group: '', resource: 'pods', subresources: ['ephemeralcontainers'], reaches: selectedByModel(labels('x.metadata')) },
  { group: '', resource: 'replicationcontrollers', reaches: `has(x.spec.template) && ${selectedByModel(templateLabels('x.spec.template'))}` },
  podTemplateKind('apps', 'replicasets', 'x.spec.template'),
  podTemplateKind('apps', 'deployments', 'x.spec.template'),
  podTemplateKind('apps', 'statefulsets', 'x.spec.template'),
  podTemplateKind('apps', 'daemonsets', 'x.spec.template'),
  podTemplateKind('batch', 'jobs', 'x.spec.template'),
  { group: 'batch', resource: 'cronjobs', reaches: `has(x.spec.jobTemplate.spec.template) && ${selectedByModel(templateLabels('x.spec.jobTemplate.spec.template'))}` },
  {
    group: '',
    resource: 'services',
    // An ExternalName Service is a DNS alias the controller resolves and proxies to: it can name
    // the model Service or a model pod (`<pod-ip>.<namespace>.pod.<domain>`, or the address
    // itself), which admission cannot tell apart from any other name.
    reaches: 'x.metadata.name in variables.modelServices'
      + ' || (has(x.spec.selector) && size(x.spec.selector) > 0 && variables.modelPodLabels.exists(p, x.spec.selector.all(k, k in p && p[k] == x.spec.selector[k])))'
      + " || (has(x.spec.type) && x.spec.type == 'ExternalName') || has(x.spec.externalName)",
  },
  // Endpoints and EndpointSlices written by hand give a Service (a selectorless one) addresses of
  // their own choosing: model pod IPs are not known at synthesis, so any hand-made one is judged
  // to reach the model. Kubernetes' controllers, which write them for Services with selectors,
  // pass as everywhere else.
  { group: '', resource: 'endpoints', reaches: 'true' },
  { group: 'discovery.k8s.io', resource: 'endpointslices', reaches: 'true' },
  {
    group: 'networking.k8s.io',
    resource: 'ingresses',
    reaches: INGRESS_ROUTES,
    claims: 'has(x.spec.rules) && x.spec.rules.exists(r, has(r.host) && r.host in variables.hosts)',
  },
  {
    group: 'networking.k8s.io',
    resource: 'networkpolicies',
    reaches: `${selectsModelPods('x.spec.podSelector')} && ((has(x.spec.ingress) && size(x.spec.ingress) > 0)`
      + ` || (has(x.spec.egress) && x.spec.egress.exists(r, !(${DNS_ONLY_RULE}))))`,
  },
  { group: 'policy', resource: 'poddisruptionbudgets', reaches: `has(x.spec.selector) && ${selectsModelPods('x.spec.selector')}` },
  {
    group: 'cert-manager.io',
    resource: 'certificates',
    reaches: 'has(x.spec.secretName) && x.spec.secretName == variables.tlsSecret',
    claims: 'has(x.spec.dnsNames) && x.spec.dnsNames.exists(d, d in variables.hosts)',
  },
];

/** The target's resources (from its row of the capability table), judged through the row's CEL hooks. */
function targetGuarded(targetResources: ResourceGroup[]): GuardedResource[] {
  return targetResources.flatMap((g) => g.apiGroups.flatMap((group) => g.resources.map((resource) => {
    const reaches = [
      ...(g.backendServicesCel ? [inList(g.backendServicesCel, 'modelServices')] : []),
      ...(g.tlsSecretsCel ? [`(${g.tlsSecretsCel}).exists(v, v == variables.tlsSecret)`] : []),
      ...(g.reachesCel ? [`(${g.reachesCel})`] : []),
    ];
    const claims = [...(g.hostsCel ? [inList(g.hostsCel, 'hosts')] : []), ...(g.claimsCel ? [`(${g.claimsCel})`] : [])];
    return {
      group,
      resource,
      reaches: reaches.length > 0 ? reaches.join(' || ') : undefined,
      claims: claims.length > 0 ? claims.join(' || ') : undefined,
    };
  })));
}

/** Every resource the policy guards: the core ones, then whatever else the endpoint emits. @internal */
export function guardedResources(targetResources: ResourceGroup[]): { group: string; resource: string }[] {
  return allGuarded(targetResources).map((g) => ({ group: g.group, resource: g.resource }));
}

function allGuarded(targetResources: ResourceGroup[], serverTlsSecrets = false): GuardedResource[] {
  const core = CORE_GUARDED.map((g) => serverTlsSecrets && g.group === 'cert-manager.io' && g.resource === 'certificates'
    ? { ...g, reaches: `${g.reaches} || (has(x.spec.secretName) && x.spec.secretName in variables.serverTlsSecrets)` } : g);
  const out = [...core, ...targetGuarded(targetResources)];
  for (const r of endpointResources(targetResources)) {
    for (const group of r.apiGroups) {
      for (const resource of r.resources) {
        if (!out.some((g) => g.group === group && g.resource === resource)) out.push({ group, resource });
      }
    }
  }
  return out;
}

function dispatch(guarded: GuardedResource[], pick: (g: GuardedResource) => string | undefined): string {
  const clauses = guarded.filter((g) => pick(g) !== undefined)
    .map((g) => `(request.resource.group == ${celString(g.group)} && request.resource.resource == ${celString(g.resource)} && (${pick(g)}))`);
  return clauses.length === 0 ? 'false' : clauses.join(' || ');
}

const OWN = `has(x.metadata.labels) && ${celString(ENDPOINT_LABEL)} in x.metadata.labels && x.metadata.labels[${celString(ENDPOINT_LABEL)}] == variables.endpoint`;
const SOLVER = `has(x.metadata.labels) && ${celString(HTTP01_SOLVER_LABEL)} in x.metadata.labels && x.metadata.labels[${celString(HTTP01_SOLVER_LABEL)}] == ${celString(HTTP01_SOLVER_LABEL_VALUE)}`;

/**
 * A ValidatingAdmissionPolicy that lets only the deployers create, change or delete what the
 * endpoint is made of and anything that can reach or impersonate its model: objects carrying
 * the endpoint's label; pods, ReplicaSets and workloads whose pod template the model Services
 * select; Services, Ingresses and the target's routes that point at the model pods or Services
 * or serve the endpoint's hosts or certificate; ExternalName Services and every hand-made
 * Endpoints or EndpointSlice (their addresses may be model pod IPs); NetworkPolicies that
 * open the model pods; Certificates for its hosts or Secret. Both the new and the old object
 * are judged, so relabelling does not escape. Kubernetes' own controllers pass; so do kubelets
 * and the scheduler when they delete pods, cert-manager for its HTTP-01 solver objects (when
 * the challenge is HTTP-01; solver-labelled objects are then cert-manager's alone, since the
 * controller may reach solver pods), and the break-glass group (when there is one). RBAC alone does
 * not stop another namespace admin.
 * @internal
 */
export function changeControlPolicy(input: ChangeControlPolicyInput): AdmissionPolicyModel {
  const users = input.deployers.filter((s) => s.kind !== 'Group')
    .map((s) => s.kind === 'ServiceAccount' ? `system:serviceaccount:${s.namespace}:${s.name}` : s.name);
  const groups = input.deployers.filter((s) => s.kind === 'Group').map((s) => s.name);
  const policyName = `secure-ai-${input.namespace}-${input.name}-change-control`;
  const serverTlsSecrets = input.serverTlsSecretNames ?? [];
  const guarded = allGuarded(input.targetResources, serverTlsSecrets.length > 0);
  const http01 = input.certManagerUser !== undefined;
  const routeGenerators = input.routeGenerators ?? [];

  const resourceRules: ResourceRuleModel[] = [];
  for (const g of guarded) {
    const existing = resourceRules.find((r) => r.apiGroups[0] === g.group);
    const resources = [g.resource, ...(g.subresources ?? []).map((s) => `${g.resource}/${s}`)];
    if (existing) existing.resources.push(...resources);
    else resourceRules.push({ apiGroups: [g.group], apiVersions: ['*'], resources, operations: ['CREATE', 'UPDATE', 'DELETE'] });
  }

  const reaches = dispatch(guarded, (g) => g.reaches);
  const claims = dispatch(guarded, (g) => g.claims);
  const exceptions = [
    'variables.isDeployer',
    'request.userInfo.username in variables.systemControllers',
    `(request.operation == 'DELETE' && request.resource.resource == 'pods' && (request.userInfo.username == ${celString(SCHEDULER_USER)} || request.userInfo.username.startsWith(${celString(NODE_USER_PREFIX)})))`,
    ...(input.breakGlassGroup ? ['(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in variables.breakGlassGroups))'] : []),
    ...(http01 ? ['variables.isSolver'] : []),
    ...(routeGenerators.length > 0 ? ['variables.isRouteGenerator'] : []),
  ];
  const who = [...users, ...groups.map((g) => `group ${g}`)].join(', ');
  return {
    name: policyName,
    description: `Only ${who} may change endpoint ${input.namespace}/${input.name}: its objects and anything that routes to, selects or impersonates its model pods`
      + ` (Services ${input.modelServices.join(', ')}) or serves its hosts. Kubernetes' controllers pass`
      + (http01 ? `; ${input.certManagerUser} may create HTTP-01 solver objects (label ${HTTP01_SOLVER_LABEL}) that do not route to the model` : '')
      + (routeGenerators.length > 0 ? `; ${routeGenerators.join(', ')} may write the HTTPRoute generated from its route (${(input.routes ?? [input.name]).join(', ')}) and nothing else` : '')
      + (input.breakGlassGroup ? `; break-glass group ${input.breakGlassGroup} passes (reported)` : '')
      + '.',
    namespace: input.namespace,
    validationActions: ['Deny', 'Audit'],
    resourceRules,
    variables: [
      { name: 'endpoint', expression: celString(input.name) },
      { name: 'deployerUsers', expression: celList(users) },
      { name: 'deployerGroups', expression: celList(groups) },
      { name: 'breakGlassGroups', expression: celList(input.breakGlassGroup ? [input.breakGlassGroup] : []) },
      { name: 'certManagerUsers', expression: celList(http01 ? [input.certManagerUser!] : []) },
      { name: 'systemControllers', expression: celList(SYSTEM_CONTROLLERS) },
      { name: 'modelServices', expression: celList(input.modelServices) },
      { name: 'modelSelectors', expression: celMaps(input.modelSelectors) },
      { name: 'modelPodLabels', expression: celMaps(input.modelPodLabels) },
      { name: 'hosts', expression: celList(input.hosts) },
      { name: 'tlsSecret', expression: celString(input.tlsSecretName) },
      ...(serverTlsSecrets.length > 0 ? [{ name: 'serverTlsSecrets', expression: celList(serverTlsSecrets) }] : []),
      // Only targets whose policies attach to routes by name, and route generators, read it.
      ...(input.targetResources.some((g) => g.reachesCel !== undefined) || routeGenerators.length > 0 ? [{ name: 'routes', expression: celList(input.routes ?? [input.name]) }] : []),
      { name: 'dnsAddresses', expression: celList(input.dnsAddresses ?? []) },
      ...(routeGenerators.length > 0 ? [{ name: 'routeGenerators', expression: celList(routeGenerators) }] : []),
      { name: 'objects', expression: '(oldObject != null ? [dyn(oldObject)] : []) + (object != null ? [dyn(object)] : [])' },
      {
        name: 'isDeployer',
        expression: 'request.userInfo.username in variables.deployerUsers'
          + ' || (has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in variables.deployerGroups))',
      },
      { name: 'reaches', expression: `variables.objects.exists(x, ${reaches})` },
      {
        name: 'touches',
        expression: `variables.reaches || variables.objects.exists(x, (${OWN}) || ${claims}`
          + (http01 ? ` || (${SOLVER})` : '')
          + ')',
      },
      ...(routeGenerators.length > 0 ? [{
        name: 'isRouteGenerator',
        expression: 'request.userInfo.username in variables.routeGenerators'
          + " && request.resource.group == 'gateway.networking.k8s.io' && request.resource.resource == 'httproutes' && request.name in variables.routes",
      }] : []),
      {
        name: 'isSolver',
        expression: 'request.userInfo.username in variables.certManagerUsers && !variables.reaches'
          + ` && variables.objects.all(x, (${SOLVER}) && !(${OWN}))`,
      },
    ],
    validations: [{
      expression: `!variables.touches || ${exceptions.join(' || ')}`,
      message: `only the deployers of endpoint ${input.namespace}/${input.name} may change it or what reaches its model [policy ${policyName}]`,
      messageExpression: "'user ' + request.userInfo.username + ' may not ' + request.operation.lowerAscii() + ' ' + request.resource.resource + ' ' + request.name"
        + ` + ': it belongs to endpoint ${input.namespace}/${input.name} or routes to, selects or impersonates its model; only the endpoint deployers may [policy ${policyName}]'`,
      reason: 'Forbidden',
    }],
  };
}

function celMaps(sets: Labels[]): string {
  return `[${sets.map((m) => `{${Object.entries(m).map(([k, v]) => `${celString(k)}: ${celString(v)}`).join(', ')}}`).join(', ')}]`;
}
