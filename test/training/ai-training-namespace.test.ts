import { ApiObject, App, Testing } from 'cdk8s';
import {
  AdmissionAction, AITrainingNamespace, DataClassification, NetworkPeer, NetworkPort, Persona, PodSecurityLevel, Subject,
} from '../../src';
import { find, MINIMAL_TRAINING, synthTraining } from '../support/fixtures';
import { validateAgainstKubernetesSchema } from '../support/kubernetes-schema';
import { synthApp, testChart } from '../support/synth-app';

const COMPLETE = {
  ...MINIMAL_TRAINING,
  name: 'llm-finetune',
  dataClassification: DataClassification.RESTRICTED,
  team: 'llm-research',
  dataSources: ['s3://tickets-redacted', 'feature-store/embeddings'],
  egress: [
    { name: 'object-storage', peer: NetworkPeer.cidr('0.0.0.0/0'), ports: [NetworkPort.tcp(443)], podLabels: { egress: 'object-storage' } },
    { name: 'feature-store', peer: NetworkPeer.namespace('feature-store', { app: 'redis' }), ports: [NetworkPort.tcp(6379)] },
    { name: 'v6-store', peer: NetworkPeer.cidr('::/0'), ports: [NetworkPort.tcp(443)] },
  ],
  metricsScrape: { namespace: 'monitoring', port: 9090 },
  namespaceAdmins: [Subject.group('admins')],
  mlEngineers: [Subject.group('ml'), Subject.user('alice@example.com')],
  viewers: [Subject.group('auditors')],
  secretReaders: [Persona.ML_ENGINEER],
  quota: { gpus: 8, gpuResourceName: 'nvidia.com/gpu' },
};

describe('AITrainingNamespace', () => {
  test('minimal namespace (snapshot)', () => {
    const { platform, files } = synthTraining();
    expect(platform).toMatchSnapshot();
    expect(files['secure-ai-audit-policy.k8s.yaml']).toMatchSnapshot();
  });

  test('complete namespace (snapshot)', () => {
    const { platform, ns } = synthTraining(COMPLETE);
    expect(platform).toMatchSnapshot();
    expect(ns.weakenedControls).toStrictEqual([
      { option: 'egress[0].peer: 0.0.0.0/0', effect: 'Pods of a restricted namespace may send data to any address on the internet (egress rule object-storage).' },
      { option: 'egress[2].peer: ::/0', effect: 'Pods of a restricted namespace may send data to any address on the internet (egress rule v6-store).' },
      { option: 'secretReaders: ml-engineer', effect: 'The ml-engineer persona may read Secrets.' },
    ]);
  });

  test('a namespace deployer applies nothing of it: every object is in the platform-owned file, Namespace first', () => {
    const { objects, platform, files, ns } = synthTraining(COMPLETE);
    expect(Object.keys(files)).toStrictEqual(['secure-ai-audit-policy.k8s.yaml', 'secure-ai-platform-owned.k8s.yaml', 'test.k8s.yaml']);
    expect(objects).toStrictEqual([]);
    const ref = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(platform[0].kind).toBe('Namespace');
    expect(new Set(platform.map((o) => o.kind))).toStrictEqual(new Set([
      'Namespace', 'NetworkPolicy', 'ServiceAccount', 'Role', 'RoleBinding', 'ResourceQuota', 'LimitRange',
      'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
    ]));
    expect(ns.platformObjects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.name}`).sort()).toStrictEqual(platform.map(ref).sort());
    expect(ns.platformObjects.every((o) => o.node.path.startsWith('secure-ai-platform-owned/test/ns/'))).toBe(true);
  });

  test('the chart it is added to holds only what the user adds there', () => {
    const chart = testChart();
    new AITrainingNamespace(chart, 'ns', MINIMAL_TRAINING);
    new ApiObject(chart, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'train', namespace: 'team-a' } });
    const files = synthApp(chart.node.root as App);
    expect(files['test.k8s.yaml'].map((o) => `${o.kind}/${o.metadata.name}`)).toStrictEqual(['Job/train']);
  });

  test('every object validates against the Kubernetes schema', () => {
    validateAgainstKubernetesSchema(synthTraining().platform);
    validateAgainstKubernetesSchema(synthTraining(COMPLETE).platform);
  });

  test('the namespace enforces restricted Pod Security, pinned, with classification and provenance', () => {
    const ns = find(synthTraining(COMPLETE).platform, 'Namespace');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'secure-ai.cdk8s.io/data-classification': 'restricted',
      'secure-ai.cdk8s.io/owner': 'team-a',
      'secure-ai.cdk8s.io/team': 'llm-research',
    });
    expect(ns.metadata.annotations).toStrictEqual({
      'secure-ai.cdk8s.io/purpose': 'unit tests',
      'secure-ai.cdk8s.io/data-sources': 's3://tickets-redacted, feature-store/embeddings',
      'secure-ai.cdk8s.io/weakened-controls': 'egress[0].peer: 0.0.0.0/0; egress[2].peer: ::/0; secretReaders: ml-engineer',
    });
  });

  test('the deny-all policy selects every pod and lists both policy types, with no rule', () => {
    const deny = find(synthTraining().platform, 'NetworkPolicy', 'default-deny');
    expect(deny.spec).toStrictEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('DNS egress goes to the cluster DNS pods and NodeLocal DNSCache only, on port 53', () => {
    const dns = find(synthTraining().platform, 'NetworkPolicy', 'allow-dns');
    expect(dns.spec.egress).toStrictEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }, {
      to: [{ ipBlock: { cidr: '169.254.20.10/32' } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
  });

  test('metadata endpoints are carved out of every allowed range, IPv4 and IPv6', () => {
    const { platform } = synthTraining(COMPLETE);
    expect(find(platform, 'NetworkPolicy', 'allow-egress-object-storage').spec.egress[0].to)
      .toStrictEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '100.100.100.200/32', '169.254.0.23/32'] } }]);
    expect(find(platform, 'NetworkPolicy', 'allow-egress-v6-store').spec.egress[0].to)
      .toStrictEqual([{ ipBlock: { cidr: '::/0', except: ['fd00:ec2::254/128'] } }]);
    expect(find(platform, 'NetworkPolicy', 'allow-egress-object-storage').spec.podSelector)
      .toStrictEqual({ matchLabels: { egress: 'object-storage' } });
  });

  test('intra-namespace traffic can be turned off', () => {
    const { platform } = synthTraining({ allowIntraNamespaceTraffic: false });
    expect(platform.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).toStrictEqual(['default-deny', 'allow-dns']);
  });

  test('metrics scraping opens the metrics port to the monitoring namespace only', () => {
    const scrape = find(synthTraining(COMPLETE).platform, 'NetworkPolicy', 'allow-metrics-scrape');
    expect(scrape.spec).toStrictEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: {} }],
        ports: [{ protocol: 'TCP', port: 9090 }],
      }],
    });
  });

  test('no Role has a wildcard or a privilege verb, and only secret readers read Secrets', () => {
    const { platform } = synthTraining({ ...COMPLETE, allowPodExec: true });
    const roles = platform.filter((o) => o.kind === 'Role');
    expect(roles.map((r) => r.metadata.name).sort()).toStrictEqual(['ci-deployer', 'ml-engineer', 'namespace-admin', 'viewer']);
    for (const role of roles) {
      for (const rule of role.rules) {
        expect(rule.verbs).not.toEqual(expect.arrayContaining(['*']));
        for (const v of ['escalate', 'bind', 'impersonate']) expect(rule.verbs).not.toContain(v);
        expect(rule.resources).not.toContain('*');
        expect(rule.apiGroups).not.toContain('*');
      }
    }
    const readsSecrets = (name: string) => find(platform, 'Role', name).rules
      .some((r: any) => r.resources.includes('secrets') && r.verbs.includes('get'));
    expect(['ci-deployer', 'ml-engineer', 'namespace-admin', 'viewer'].filter(readsSecrets)).toStrictEqual(['ml-engineer']);
  });

  test('pods/exec is granted only when allowed, and is then reported', () => {
    const execRule = (platform: any[]) => find(platform, 'Role', 'ml-engineer').rules.some((r: any) => r.resources.includes('pods/exec'));
    expect(execRule(synthTraining({ mlEngineers: [Subject.group('ml')] }).platform)).toBe(false);
    const { platform, ns } = synthTraining({ mlEngineers: [Subject.group('ml')], allowPodExec: true });
    expect(execRule(platform)).toBe(true);
    expect(ns.weakenedControls.map((w) => w.option)).toStrictEqual(['allowPodExec: true']);
  });

  test('persona bindings name their subjects; service accounts default to the namespace', () => {
    const { platform } = synthTraining({ mlEngineers: [Subject.group('ml'), Subject.serviceAccount('pipeline')] });
    expect(find(platform, 'RoleBinding', 'ml-engineer').subjects).toStrictEqual([
      { kind: 'Group', name: 'ml', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'pipeline', namespace: 'team-a' },
    ]);
    expect(find(platform, 'RoleBinding', 'ci-deployer').subjects).toStrictEqual([
      { kind: 'ServiceAccount', name: 'ci-deployer', namespace: 'team-a' },
    ]);
  });

  test('service accounts never mount their token', () => {
    const sas = synthTraining().platform.filter((o) => o.kind === 'ServiceAccount');
    expect(sas.map((s) => [s.metadata.name, s.automountServiceAccountToken])).toStrictEqual([
      ['training-job', false], ['ci-deployer', false],
    ]);
  });

  test('quota covers compute, GPUs, storage and object counts; no external Services', () => {
    const quota = find(synthTraining(COMPLETE).platform, 'ResourceQuota');
    expect(quota.spec.hard).toStrictEqual({
      'requests.cpu': '32',
      'limits.cpu': '32',
      'requests.memory': '256Gi',
      'limits.memory': '256Gi',
      'pods': '50',
      'persistentvolumeclaims': '20',
      'requests.storage': '2Ti',
      'count/jobs.batch': '100',
      'configmaps': '100',
      'secrets': '50',
      'services': '10',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
      'requests.nvidia.com/gpu': '8',
    });
    const limits = find(synthTraining().platform, 'LimitRange');
    expect(limits.spec.limits).toStrictEqual([{
      type: 'Container',
      defaultRequest: { cpu: '500m', memory: '1Gi' },
      default: { cpu: '2', memory: '4Gi' },
    }]);
  });

  test('admission policies are bound to this namespace with Deny by default', () => {
    const { platform } = synthTraining();
    const bindings = platform.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
    expect(bindings.map((b) => b.metadata.name)).toStrictEqual([
      'secure-ai-team-a-images', 'secure-ai-team-a-host-isolation', 'secure-ai-team-a-data-classification', 'secure-ai-team-a-immutable-model-config',
      'secure-ai-team-a-secret-references', 'secure-ai-team-a-service-account-tokens',
    ]);
    for (const b of bindings) {
      expect(b.apiVersion).toBe('admissionregistration.k8s.io/v1');
      expect(b.spec.validationActions).toStrictEqual(['Deny', 'Audit']);
      expect(b.spec.matchResources.namespaceSelector).toStrictEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } });
      expect(b.spec.policyName).toBe(b.metadata.name);
    }
    const images = find(platform, 'ValidatingAdmissionPolicy', 'secure-ai-team-a-images');
    expect(images.spec.failurePolicy).toBe('Fail');
    expect(images.spec.variables).toContainEqual({ name: 'registries', expression: "['registry.example.com/ml/']" });
  });

  test('admission action Warn and Audit are selectable and reported', () => {
    const { platform, ns } = synthTraining({ admission: { allowedRegistries: ['registry.example.com/ml'], action: AdmissionAction.WARN } });
    expect(find(platform, 'ValidatingAdmissionPolicyBinding', 'secure-ai-team-a-images').spec.validationActions).toStrictEqual(['Warn', 'Audit']);
    expect(ns.weakenedControls.map((w) => w.option)).toStrictEqual(['admission.action: Warn+Audit']);
    const audit = synthTraining({ admission: { allowedRegistries: ['registry.example.com'], action: AdmissionAction.AUDIT } });
    expect(find(audit.platform, 'ValidatingAdmissionPolicyBinding', 'secure-ai-team-a-images').spec.validationActions).toStrictEqual(['Audit']);
  });

  test('baseline and privileged levels are reported as weakened controls', () => {
    expect(synthTraining({ podSecurity: PodSecurityLevel.BASELINE }).ns.weakenedControls.map((w) => w.option)).toStrictEqual(['podSecurity: BASELINE']);
    const { platform, ns } = synthTraining({ podSecurity: PodSecurityLevel.privilegedInsecure('NVIDIA driver installer daemon') });
    expect(find(platform, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(ns.weakenedControls[0].effect).toContain('NVIDIA driver installer daemon');
  });

  test('the audit policy is in its own chart, not among the applied objects', () => {
    const { objects, platform, files } = synthTraining();
    expect([...objects, ...platform].some((o) => o.apiVersion === 'audit.k8s.io/v1')).toBe(false);
    const [policy] = files['secure-ai-audit-policy.k8s.yaml'];
    expect(policy.kind).toBe('Policy');
    expect(policy.rules[0]).toStrictEqual({ level: 'Metadata', namespaces: ['team-a'], resources: [{ group: '', resources: ['secrets', 'serviceaccounts/token'] }] });
  });

  test('objects are ordered namespace first, bindings after their policies', () => {
    const kinds = synthTraining().platform.map((o) => o.kind);
    expect(kinds[0]).toBe('Namespace');
    const names = synthTraining().platform.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names.indexOf('ValidatingAdmissionPolicyBinding/secure-ai-team-a-images'))
      .toBeGreaterThan(names.indexOf('ValidatingAdmissionPolicy/secure-ai-team-a-images'));
  });

  test('escape hatches expose the children', () => {
    const chart = Testing.chart();
    const ns = new AITrainingNamespace(chart, 'ns', MINIMAL_TRAINING);
    ns.namespace.metadata.addLabel('example.com/extra', 'yes');
    expect(ns.platformObjects[0]).toBe(ns.namespace);
    expect(ns.platformObjects).toEqual(expect.arrayContaining([
      ...ns.networkPolicies, ...ns.roles, ns.resourceQuota, ns.limitRange, ...ns.admissionPolicies,
    ]));
    expect(ns.networkPolicies).toHaveLength(3);
    expect(ns.admissionPolicies).toHaveLength(6);
    expect(ns.namespaceName).toBe('team-a');
    expect(ns.ciDeployerServiceAccountName).toBe('ci-deployer');
    expect(find(Testing.synth(ns.platformOwnedChart), 'Namespace').metadata.labels['example.com/extra']).toBe('yes');
  });
});

describe('AITrainingNamespace reports wide egress and registries of confidential and restricted data', () => {
  const egressTo = (cidr: string) => [{ name: 'out', peer: NetworkPeer.cidr(cidr), ports: [NetworkPort.tcp(443)] }];
  const reported = (overrides: any) => synthTraining(overrides).ns.weakenedControls.map((w) => w.option);

  test.each([DataClassification.CONFIDENTIAL, DataClassification.RESTRICTED])('$value: egress wider than /8 (IPv4) or /16 (IPv6) is a weakened control', (dataClassification) => {
    for (const cidr of ['0.0.0.0/0', '0.0.0.0/1', '8.0.0.0/7', '::/0', '2000::/3', '2000::/15']) {
      expect(reported({ dataClassification, egress: egressTo(cidr) })).toStrictEqual([`egress[0].peer: ${cidr}`]);
    }
    for (const cidr of ['10.0.0.0/8', '10.40.0.0/16', '2001:db8::/32', '2001::/16']) {
      expect(reported({ dataClassification, egress: egressTo(cidr) })).toStrictEqual([]);
    }
  });

  test.each([DataClassification.CONFIDENTIAL, DataClassification.RESTRICTED])('$value: a registry host without an organisation path is a weakened control', (dataClassification) => {
    const ns = synthTraining({ dataClassification, admission: { allowedRegistries: ['registry.example.com/ml', 'docker.io', 'registry.example.com:5000'] } }).ns;
    expect(ns.weakenedControls).toStrictEqual([
      { option: 'admission.allowedRegistries[1]: docker.io', effect: `Pods of a ${dataClassification.value} namespace may run any image on docker.io, not only one organisation's; add the organisation's path (e.g. "docker.io/my-org").` },
      { option: 'admission.allowedRegistries[2]: registry.example.com:5000', effect: `Pods of a ${dataClassification.value} namespace may run any image on registry.example.com:5000, not only one organisation's; add the organisation's path (e.g. "registry.example.com:5000/my-org").` },
    ]);
  });

  test.each([DataClassification.PUBLIC, DataClassification.INTERNAL])('$value: neither is reported', (dataClassification) => {
    expect(reported({ dataClassification, egress: egressTo('0.0.0.0/0'), admission: { allowedRegistries: ['docker.io'] } })).toStrictEqual([]);
  });
});

describe('AITrainingNamespace fails at synthesis on bad input', () => {
  const fails = (overrides: any, message: RegExp) => {
    expect(() => synthTraining(overrides)).toThrow(message);
  };

  test('fails when the name is not a DNS-1123 label', () => {
    fails({ name: 'Team_A' }, /Invalid name: "Team_A"\. Use a DNS-1123 label.*Did you mean "team-a"\?/);
  });
  test('fails when the name is a reserved namespace', () => {
    fails({ name: 'kube-system' }, /Invalid name: "kube-system"\. This namespace belongs to the cluster or its platform.*choose a name of your own/);
    for (const name of ['default', 'cert-manager', 'ingress-nginx', 'kube-public']) fails({ name }, /belongs to the cluster or its platform/);
  });
  test('fails when the owner is not a label value', () => {
    fails({ owner: 'risk ml' }, /Invalid owner: "risk ml"\. Use a label value/);
  });
  test('fails when the purpose is empty', () => {
    fails({ purpose: ' ' }, /Invalid purpose: " "\. Use a non-empty single line/);
  });
  test('fails when a CIDR has no mask', () => {
    expect(() => NetworkPeer.cidr('10.0.0.1')).toThrow(/Invalid cidr: "10\.0\.0\.1"\. CIDR mask is missing\. Did you mean "10\.0\.0\.1\/32"\?/);
  });
  test('fails when a CIDR is malformed', () => {
    expect(() => NetworkPeer.cidr('10.0.300.0/24')).toThrow(/"10\.0\.300\.0" is not a valid IPv4 address/);
    expect(() => NetworkPeer.cidr('10.0.0.1/8')).toThrow(/bits set outside the mask\. Did you mean "10\.0\.0\.0\/8"\?/);
  });
  test('fails when an egress rule targets the metadata endpoint', () => {
    fails({ egress: [{ name: 'imds', peer: NetworkPeer.cidr('169.254.169.254/32'), ports: [NetworkPort.tcp(80)] }] },
      /Invalid egress\[0\]\.peer: "169\.254\.169\.254\/32"\. This is a cloud metadata endpoint/);
  });
  test('allows the metadata endpoint only through the named opt-out, and reports it', () => {
    const { platform, ns } = synthTraining({ egress: [{ name: 'imds', peer: NetworkPeer.cidr('169.254.169.254/32'), ports: [NetworkPort.tcp(80)], allowCloudMetadataEndpoints: true }] });
    expect(find(platform, 'NetworkPolicy', 'allow-egress-imds').spec.egress[0].to).toStrictEqual([{ ipBlock: { cidr: '169.254.169.254/32' } }]);
    expect(ns.weakenedControls.map((w) => w.option)).toStrictEqual(['egress[0].allowCloudMetadataEndpoints: true']);
  });
  test('fails when an egress rule has no port', () => {
    fails({ egress: [{ name: 'db', peer: NetworkPeer.cidr('10.0.0.0/8'), ports: [] }] }, /Invalid egress\[0\]\.ports: \[\]\. List the destination ports/);
  });
  test('fails when two egress rules share a name', () => {
    const rule = { name: 'db', peer: NetworkPeer.cidr('10.0.0.0/8'), ports: [NetworkPort.tcp(5432)] };
    fails({ egress: [rule, rule] }, /Invalid egress\[1\]\.name: "db"\. Each egress rule needs its own name/);
  });
  test('fails on a bad quantity', () => {
    fails({ quota: { memory: '64GB' } }, /Invalid quota\.memory: "64GB"\. Use a Kubernetes quantity/);
    fails({ quota: { cpu: '0' } }, /Invalid quota\.cpu: "0"\. Use a quantity greater than zero/);
  });
  test('fails on a GPU quota without a resource name', () => {
    fails({ quota: { gpus: 4 } }, /Invalid quota\.gpuResourceName: undefined\. A GPU quota needs the GPUs' extended resource name/);
  });
  test('fails on a GPU resource name without a GPU count', () => {
    fails({ quota: { gpuResourceName: 'nvidia.com/gpu' } }, /Invalid quota\.gpus: undefined\. gpuResourceName is "nvidia\.com\/gpu" but gpus is not set/);
  });
  test('fails on a GPU resource name given with the requests. prefix', () => {
    fails({ quota: { gpus: 1, gpuResourceName: 'requests.nvidia.com/gpu' } }, /Invalid quota\.gpuResourceName: "requests\.nvidia\.com\/gpu"/);
  });
  test('fails on an unknown Pod Security level', () => {
    expect(() => PodSecurityLevel.of('strict')).toThrow(/Invalid podSecurity: "strict"\. Use "restricted" \(default\) or "baseline"/);
    expect(() => PodSecurityLevel.of('privileged')).toThrow(/use PodSecurityLevel\.privilegedInsecure\(reason\)/);
  });
  test('fails on a privileged opt-out without a reason', () => {
    expect(() => PodSecurityLevel.privilegedInsecure('')).toThrow(/Give a reason of at least 10 characters/);
  });
  test('fails on a bad Pod Security version', () => {
    fails({ podSecurityVersion: '1.30' }, /Invalid podSecurityVersion: "1\.30"\. Use a Kubernetes minor such as "v1\.30"/);
  });
  test('fails on a persona with no subjects', () => {
    fails({ mlEngineers: [] }, /Invalid mlEngineers: \[\]\. Give at least one Subject/);
  });
  test('fails when the viewer is made a secret reader', () => {
    fails({ secretReaders: [Persona.VIEWER] }, /Invalid secretReaders: "viewer"\. The viewer persona is read-only without Secrets/);
  });
  test('fails on conflicting deployer options', () => {
    fails({ ciDeployer: false, ciDeployerName: 'deployer' }, /Invalid ciDeployerName: "deployer"\. ciDeployer is false/);
    fails({ ciDeployerName: 'training-job' }, /must not share a ServiceAccount/);
    fails({ ciDeployer: false, secretReaders: [Persona.CI_DEPLOYER] }, /ciDeployer is false; remove ci-deployer from secretReaders/);
  });
  test('fails on a registry pattern that cannot match', () => {
    fails({ admission: { allowedRegistries: ['https://registry.example.com/ml'] } },
      /Invalid admission\.allowedRegistries\[0\]: "https:\/\/registry\.example\.com\/ml"\. Image references carry no scheme.*Did you mean "registry\.example\.com\/ml"\?/);
    fails({ admission: { allowedRegistries: ['myteam/images'] } }, /"myteam" is not a registry host.*Did you mean "docker\.io\/myteam\/images"\?/);
    fails({ admission: { allowedRegistries: ['registry.example.com/ml:latest'] } }, /Path component "ml:latest" can never appear/);
  });
  test('fails when no registry is allowed', () => {
    fails({ admission: { allowedRegistries: [] } }, /Invalid admission\.allowedRegistries: \[\]\. List at least one registry/);
  });
  test('fails on container defaults above their limit or the quota', () => {
    fails({ containerDefaults: { cpuRequest: '4', cpuLimit: '2' } }, /Invalid containerDefaults\.cpuRequest: "4"\. The request must not exceed cpuLimit/);
    fails({ quota: { memory: '2Gi' } }, /Invalid containerDefaults\.memoryLimit: "4Gi"\. A single container's default limit exceeds the namespace quota/);
  });
  test('fails on an invalid workload Secret name; listed Secrets are reported', () => {
    fails({ workloadSecrets: ['HF_TOKEN'] }, /Invalid workloadSecrets\[0\]: "HF_TOKEN"\. Use a DNS-1123 subdomain/);
    expect(synthTraining({ workloadSecrets: ['hf-token'] }).ns.weakenedControls.map((w) => w.option)).toStrictEqual(['workloadSecrets: hf-token']);
  });
  test('fails on a metrics port out of range', () => {
    fails({ metricsScrape: { namespace: 'monitoring', port: 70000 } }, /Invalid metricsScrape\.port: 70000\. Use a whole number from 1 to 65535/);
  });
  test('fails on a missing classification', () => {
    fails({ dataClassification: undefined }, /Invalid dataClassification: undefined/);
    expect(() => DataClassification.of('secret')).toThrow(/Invalid dataClassification: "secret"\. Use one of "public", "internal", "confidential", "restricted"/);
  });
});
