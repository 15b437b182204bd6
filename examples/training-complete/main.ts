// An AI training namespace using every option: personas, declared egress to a feature store,
// object storage and a registry mirror, GPU quota, metrics scraping and admission settings;
// and a second, minimal one beside it: the app writes one audit policy covering both.
import { App, Chart } from 'cdk8s';
import {
  AdmissionAction,
  AITrainingNamespace,
  DataClassification,
  NetworkPeer,
  NetworkPort,
  Persona,
  PodSecurityLevel,
  Subject,
} from 'cdk8s-secure-ai';

const app = new App();
const chart = new Chart(app, 'training-complete');

new AITrainingNamespace(chart, 'llm-finetune', {
  name: 'llm-finetune',
  dataClassification: DataClassification.RESTRICTED,
  owner: 'genai-platform',
  team: 'llm-research',
  purpose: 'Fine-tune the support assistant on redacted support tickets',
  dataSources: ['s3://support-tickets-redacted/2026', 'feature-store/ticket-embeddings'],
  podSecurity: PodSecurityLevel.RESTRICTED,
  podSecurityVersion: 'v1.30',
  allowIntraNamespaceTraffic: true,
  egress: [
    {
      name: 'object-storage',
      peer: NetworkPeer.cidr('0.0.0.0/0'),
      ports: [NetworkPort.tcp(443)],
      podLabels: { 'secure-ai.cdk8s.io/egress-object-storage': 'true' },
    },
    {
      name: 'feature-store',
      peer: NetworkPeer.namespace('feature-store', { app: 'redis' }),
      ports: [NetworkPort.tcp(6379)],
    },
    {
      name: 'registry-mirror',
      peer: NetworkPeer.cidr('10.40.0.0/16'),
      ports: [NetworkPort.tcp(443), NetworkPort.tcp(5000)],
    },
  ],
  clusterDns: {
    namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
    podLabels: { 'k8s-app': 'kube-dns' },
  },
  metricsScrape: { namespace: 'monitoring', port: 9090, scraperPodLabels: { 'app.kubernetes.io/name': 'prometheus' } },
  namespaceAdmins: [Subject.group('genai-platform-admins')],
  mlEngineers: [Subject.group('llm-research'), Subject.user('alice@example.com')],
  viewers: [Subject.group('security-auditors')],
  ciDeployer: true,
  ciDeployerName: 'ci-deployer',
  allowPodExec: false,
  secretReaders: [Persona.ML_ENGINEER],
  trainingServiceAccountName: 'training-job',
  quota: {
    cpu: '64',
    memory: '512Gi',
    gpus: 8,
    gpuResourceName: 'nvidia.com/gpu',
    pods: 40,
    persistentVolumeClaims: 10,
    storage: '4Ti',
    jobs: 50,
    configMaps: 50,
    secrets: 20,
    services: 5,
  },
  containerDefaults: { cpuRequest: '1', cpuLimit: '4', memoryRequest: '4Gi', memoryLimit: '16Gi' },
  admission: {
    allowedRegistries: ['registry.example.com/ml', 'nvcr.io/nvidia'],
    requireImageDigest: true,
    action: AdmissionAction.DENY,
  },
});

// A second team's namespace in the same app: its audit rules join the same policy file.
new AITrainingNamespace(chart, 'llm-eval', {
  name: 'llm-eval',
  dataClassification: DataClassification.INTERNAL,
  owner: 'ml-evaluation',
  purpose: 'Evaluate fine-tuned checkpoints on held-out benchmarks',
  admission: { allowedRegistries: ['registry.example.com/ml'] },
});

app.synth();
