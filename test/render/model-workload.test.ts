import { BackendCaBundle, CertificateIssuer, CheckStatus, InferenceBackend, ModelServer, RolloutStrategy, SecurityReport, TolerationEffect, TolerationOperator } from '../../src';
import { DIGEST_IMAGE, EXISTING_SERVICE_QUOTA, MINIMAL_ENDPOINT, MINIMAL_ENVOY_GATEWAY_ENDPOINT, synthEndpoint } from '../support/endpoint-fixtures';
import { find } from '../support/fixtures';
import { validateAgainstKubernetesSchema } from '../support/kubernetes-schema';

/** The model-server container and the Deployment of an endpoint. */
function workload(modelServer: ModelServer, options: Partial<Parameters<typeof InferenceBackend.workload>[0]> = {}, base = MINIMAL_ENDPOINT) {
  const { objects } = synthEndpoint({ modelServer, backend: InferenceBackend.workload({ image: DIGEST_IMAGE, ...options }) }, base);
  const deployment = find(objects, 'Deployment');
  return { objects, deployment, container: deployment.spec.template.spec.containers[0] };
}

const ports = (c: any) => c.ports.map((p: any) => [p.name, p.containerPort]);

describe('each preset tells its server the port the pod declares', () => {
  // Documented command lines: `vllm serve --port` (default 8000, /metrics on it);
  // `text-generation-launcher --port` (the image listens on 80 otherwise) and `--prometheus-port` (9000);
  // `tritonserver --http-port` (8000) and `--metrics-port` (8002).
  test('vLLM: --port 8000, metrics on the serving port', () => {
    const { container } = workload(ModelServer.vllm(), { args: ['--model', '/models/m'] });
    expect(container.args).toStrictEqual(['--model', '/models/m', '--port', '8000']);
    expect(ports(container)).toStrictEqual([['http', 8000]]);
  });

  test('TGI: --port 8080 and --prometheus-port 9000, both declared', () => {
    const { container } = workload(ModelServer.tgi(), { args: ['--model-id', '/models/m'] });
    expect(container.args).toStrictEqual(['--model-id', '/models/m', '--port', '8080', '--prometheus-port', '9000']);
    expect(ports(container)).toStrictEqual([['http', 8080], ['metrics', 9000]]);
    // Without args too: the launcher reads its flags from the container args.
    expect(workload(ModelServer.tgi()).container.args).toStrictEqual(['--port', '8080', '--prometheus-port', '9000']);
  });

  test('Triton: --http-port 8000 and --metrics-port 8002 on the tritonserver command line', () => {
    const { container } = workload(ModelServer.triton(['resnet50']), { args: ['tritonserver', '--model-repository=/models'] });
    expect(container.args).toStrictEqual(['tritonserver', '--model-repository=/models', '--http-port', '8000', '--metrics-port', '8002', '--exit-timeout-secs', '600']);
    expect(ports(container)).toStrictEqual([['http', 8000], ['metrics', 8002]]);
  });

  test('Triton with gRPC: --grpc-port 8001 too, declared as the grpc port of the pod and of the Service (h2c)', () => {
    const { objects, container } = workload(ModelServer.triton(['resnet50'], undefined, { grpc: true }), { args: ['tritonserver', '--model-repository=/models'] },
      MINIMAL_ENVOY_GATEWAY_ENDPOINT);
    expect(container.args).toStrictEqual(['tritonserver', '--model-repository=/models', '--http-port', '8000', '--metrics-port', '8002', '--grpc-port', '8001', '--exit-timeout-secs', '600']);
    expect(ports(container)).toStrictEqual([['http', 8000], ['metrics', 8002], ['grpc', 8001]]);
    expect(find(objects, 'Service').spec.ports).toStrictEqual([
      { name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' },
      { name: 'grpc', port: 8001, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
    ]);
  });

  test('a port the user passes already is kept, in either flag form or in env', () => {
    expect(workload(ModelServer.vllm(), { args: ['--port=8000'] }).container.args).toStrictEqual(['--port=8000']);
    expect(workload(ModelServer.vllm(), { port: 9000, args: ['--port', '9000'] }).container.args).toStrictEqual(['--port', '9000']);
    expect(workload(ModelServer.tgi(), { env: { PORT: '8080' } }).container.args).toStrictEqual(['--prometheus-port', '9000']);
    expect(workload(ModelServer.tgi(), { port: 3000, metricsPort: 3001 }).container.args).toStrictEqual(['--port', '3000', '--prometheus-port', '3001']);
  });

  test('the Service routes to the declared port', () => {
    const { objects } = workload(ModelServer.tgi());
    expect(find(objects, 'Service').spec.ports).toStrictEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
  });

  test('fails when args or env set a port other than the declared one', () => {
    expect(() => workload(ModelServer.vllm(), { args: ['--port', '9000'] }))
      .toThrow(/Invalid backend\.args: "--port 9000"\. The pod declares port 8000 \(backend\.port\).*set backend\.port: 9000, or remove --port from args/);
    expect(() => workload(ModelServer.tgi(), { env: { PORT: '80' } })).toThrow(/Invalid backend\.env\.PORT: "80"\. The pod declares port 8080/);
    expect(() => workload(ModelServer.triton(['m']), { args: ['tritonserver', '--metrics-port=9090'] }))
      .toThrow(/Invalid backend\.args: "--metrics-port=9090"\. The pod declares metricsPort 8002/);
  });

  test('fails when Triton\'s args are not its command line', () => {
    expect(() => workload(ModelServer.triton(['m']))).toThrow(/Invalid backend\.args: undefined\. The triton image runs the command given in args: start them with "tritonserver"/);
  });

  test('fails when vLLM is given a metrics port of its own', () => {
    expect(() => workload(ModelServer.vllm(), { metricsPort: 9090 })).toThrow(/Invalid backend\.metricsPort: 9090\. vllm serves \/metrics on its HTTP port \(8000\)/);
  });

  test('openAiCompatible() and custom() need the port explicitly', () => {
    expect(() => workload(ModelServer.openAiCompatible())).toThrow(/Invalid backend\.port: undefined\. ModelServer\.openAiCompatible\(\) cannot tell the server which port to listen on: set backend\.port/);
    expect(() => workload(ModelServer.custom([{ path: '/predict' }]))).toThrow(/Invalid backend\.port: undefined\. ModelServer\.custom\(\) cannot tell the server which port/);
    const { container } = workload(ModelServer.openAiCompatible(), { port: 8080, args: ['--port', '8080'] });
    expect(container.args).toStrictEqual(['--port', '8080']);
    expect(ports(container)).toStrictEqual([['http', 8080]]);
    // An existing Service names its own port.
    expect(() => synthEndpoint({ ...MINIMAL_ENDPOINT, modelServer: ModelServer.custom([{ path: '/predict' }]), backend: InferenceBackend.service('s', 80, { app: 's' }), namespaceQuota: EXISTING_SERVICE_QUOTA })).not.toThrow();
  });
});

describe('one metrics port', () => {
  test('the scrape policy admits the port the workload serves metrics on', () => {
    const { objects } = synthEndpoint({
      modelServer: ModelServer.tgi(),
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE }),
      metricsScrape: { namespace: 'monitoring', port: 9000 },
    });
    expect(find(objects, 'NetworkPolicy', 'llm-metrics-scrape').spec.ingress[0].ports).toStrictEqual([{ protocol: 'TCP', port: 9000 }]);
  });

  test('fails when metricsScrape.port and the workload\'s metrics port disagree', () => {
    expect(() => synthEndpoint({
      modelServer: ModelServer.openAiCompatible(),
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE, port: 8000, metricsPort: 9090 }),
      metricsScrape: { namespace: 'monitoring', port: 8000 },
    })).toThrow(/Invalid metricsScrape\.port: 8000\. The model server serves metrics on port 9090 \(backend\.metricsPort.*set metricsScrape\.port: 9090/);
    expect(() => synthEndpoint({
      modelServer: ModelServer.triton(['m']),
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver', '--model-repository=/models'] }),
      metricsScrape: { namespace: 'monitoring', port: 8000 },
    })).toThrow(/Invalid metricsScrape\.port: 8000\. The model server serves metrics on port 8002/);
  });
});

describe('startup budget', () => {
  const budget = (c: any) => c.startupProbe.initialDelaySeconds + c.startupProbe.failureThreshold * c.startupProbe.periodSeconds;
  test('a default per preset, and an option for large models', () => {
    expect(budget(workload(ModelServer.vllm()).container)).toBe(10 + 1800);
    expect(budget(workload(ModelServer.tgi()).container)).toBe(10 + 3600);
    expect(budget(workload(ModelServer.vllm(), { startupTimeoutSeconds: 7200 }).container)).toBe(10 + 7200);
  });
  test('fails on a startup timeout out of range', () => {
    expect(() => workload(ModelServer.vllm(), { startupTimeoutSeconds: 10 })).toThrow(/Invalid backend\.startupTimeoutSeconds: 10\. Use a whole number from 60 to 86400/);
  });
});

describe('rollouts and drains', () => {
  test('grace covers the drain and the longest stream; a preStop sleep needs no shell; one pod at a time without a spare GPU', () => {
    const { deployment, container } = workload(ModelServer.vllm());
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(10 + 600);
    expect(container.lifecycle).toStrictEqual({ preStop: { sleep: { seconds: 10 } } });
    expect(deployment.spec.strategy).toStrictEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    const { objects } = synthEndpoint({ limits: { readTimeoutSeconds: 3600 } });
    expect(find(objects, 'Deployment').spec.template.spec.terminationGracePeriodSeconds).toBe(10 + 3600);
    // The PodDisruptionBudget lets as many pods go as the default rollout does.
    expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });
  test('a strategy for clusters with spare GPUs, or Recreate', () => {
    expect(workload(ModelServer.vllm(), { rollout: RolloutStrategy.SURGE_ONE }).deployment.spec.strategy)
      .toStrictEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(workload(ModelServer.vllm(), { rollout: RolloutStrategy.RECREATE }).deployment.spec.strategy).toStrictEqual({ type: 'Recreate' });
  });
});

describe('scheduling on GPU nodes', () => {
  const podSpec = (options: Partial<Parameters<typeof InferenceBackend.workload>[0]>) =>
    workload(ModelServer.vllm(), options).deployment.spec.template.spec;

  test('a GPU workload without tolerations or node selector is scheduled by its GPU request alone', () => {
    const spec = podSpec({ gpus: 2 });
    expect([spec.tolerations, spec.nodeSelector, spec.runtimeClassName, spec.imagePullSecrets])
      .toStrictEqual([undefined, undefined, undefined, undefined]);
  });

  test('tolerations are rendered; Equal by default, Exists without a value', () => {
    expect(podSpec({
      tolerations: [
        { key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE },
        { key: 'pool', value: 'inference', effect: TolerationEffect.NO_EXECUTE },
        { key: 'example.com/spot' },
      ],
    }).tolerations).toStrictEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'pool', operator: 'Equal', value: 'inference', effect: 'NoExecute' },
      { key: 'example.com/spot', operator: 'Equal' },
    ]);
  });

  test('a node selector is rendered', () => {
    expect(podSpec({ nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'pool': 'gpu' } }).nodeSelector)
      .toStrictEqual({ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'pool': 'gpu' });
  });

  test('a runtime class is rendered', () => {
    expect(podSpec({ runtimeClassName: 'nvidia' }).runtimeClassName).toBe('nvidia');
  });

  test('image pull secrets are rendered', () => {
    expect(podSpec({ imagePullSecrets: ['registry-creds', 'mirror.creds'] }).imagePullSecrets).toStrictEqual([{ name: 'registry-creds' }, { name: 'mirror.creds' }]);
  });

  test('the scheduling fields validate against the Kubernetes schema', () => {
    validateAgainstKubernetesSchema(workload(ModelServer.vllm(), {
      tolerations: [{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, effect: TolerationEffect.NO_SCHEDULE }],
      nodeSelector: { pool: 'gpu' },
      runtimeClassName: 'nvidia',
      imagePullSecrets: ['registry-creds'],
    }).objects);
  });

  test('fails on a toleration with operator Exists and a value', () => {
    expect(() => podSpec({ tolerations: [{ key: 'nvidia.com/gpu', operator: TolerationOperator.EXISTS, value: 'present' }] }))
      .toThrow(/Invalid backend\.tolerations\[0\]\.value: "present"\. A toleration with operator Exists matches every value of the key: remove value/);
  });

  test('fails on a toleration without a key, or with a bad key or value', () => {
    expect(() => podSpec({ tolerations: [{ key: '', operator: TolerationOperator.EXISTS }] }))
      .toThrow(/Invalid backend\.tolerations\[0\]\.key: ""\. Name the taint key .* tolerates every taint/);
    expect(() => podSpec({ tolerations: [{ key: 'nvidia.com/gpu/x' }] })).toThrow(/Invalid backend\.tolerations\[0\]\.key: "nvidia\.com\/gpu\/x"\. Use a label key/);
    expect(() => podSpec({ tolerations: [{ key: 'pool', value: 'in ference' }] })).toThrow(/Invalid backend\.tolerations\[0\]\.value: "in ference"\. Use a label value/);
  });

  test('fails on a node selector with a bad label key or value', () => {
    expect(() => podSpec({ nodeSelector: { 'Nvidia.com/gpu': 'true' } })).toThrow(/Invalid backend\.nodeSelector: "Nvidia\.com\/gpu"\. Use a label key/);
    expect(() => podSpec({ nodeSelector: { pool: '-gpu' } })).toThrow(/Invalid backend\.nodeSelector\.pool: "-gpu"\. Use a label value/);
  });

  test('fails on a runtime class that is not a DNS-1123 name', () => {
    expect(() => podSpec({ runtimeClassName: 'NVIDIA' })).toThrow(/Invalid backend\.runtimeClassName: "NVIDIA"\. Use a DNS-1123 subdomain/);
  });

  test('fails on an image pull secret that is not a DNS-1123 name, or named twice', () => {
    expect(() => podSpec({ imagePullSecrets: ['Registry_Creds'] })).toThrow(/Invalid backend\.imagePullSecrets\[0\]: "Registry_Creds"\. Use a DNS-1123 subdomain/);
    expect(() => podSpec({ imagePullSecrets: ['creds', 'creds'] })).toThrow(/Invalid backend\.imagePullSecrets: "creds"\. Each value may appear only once/);
  });
});

describe('model supply chain', () => {
  test('fails on --trust-remote-code in args, with or without a value', () => {
    for (const flag of ['--trust-remote-code', '--trust-remote-code=true', '--trust_remote_code']) {
      expect(() => workload(ModelServer.vllm(), { args: ['--model', 'org/m', flag] }))
        .toThrow(new RegExp(`Invalid backend\\.args: "${flag}"\\. ${flag} lets the server run Python code downloaded with the model.*set backend\\.allowRemoteCodeInsecure: true \\(reported\\)`));
    }
    expect(() => workload(ModelServer.tgi(), { args: ['--model-id', 'org/m', '--trust-remote-code'] })).toThrow(/Invalid backend\.args: "--trust-remote-code"/);
  });

  test('fails on TRUST_REMOTE_CODE in env', () => {
    expect(() => workload(ModelServer.tgi(), { env: { TRUST_REMOTE_CODE: 'true' } }))
      .toThrow(/Invalid backend\.env\.TRUST_REMOTE_CODE: "true"\. TRUST_REMOTE_CODE lets the server run Python code/);
  });

  test('allowRemoteCodeInsecure lets remote code through and is reported', () => {
    const { chart, endpoint } = synthEndpoint({ backend: InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['--trust-remote-code'], allowRemoteCodeInsecure: true }) });
    expect(endpoint.weakenedControls).toStrictEqual([
      { option: 'backend.allowRemoteCodeInsecure: true', effect: 'The model server runs Python code shipped with the model (trust remote code).' },
    ]);
    expect(SecurityReport.fromChart(chart).findings.filter((f) => f.status === CheckStatus.WEAKENED).map((f) => f.detail))
      .toContain('backend.allowRemoteCodeInsecure: true');
    expect(workload(ModelServer.tgi(), { env: { TRUST_REMOTE_CODE: 'true' }, allowRemoteCodeInsecure: true }).container.env).toContainEqual({ name: 'TRUST_REMOTE_CODE', value: 'true' });
  });

  test('fails on allowRemoteCodeInsecure when nothing enables remote code', () => {
    expect(() => workload(ModelServer.vllm(), { allowRemoteCodeInsecure: true }))
      .toThrow(/Invalid backend\.allowRemoteCodeInsecure: true\. Neither args nor env enable remote code.*remove allowRemoteCodeInsecure/);
  });

  test('modelRevision is passed as --revision to vLLM and TGI', () => {
    const rev = 'a'.repeat(40);
    expect(workload(ModelServer.vllm(), { args: ['--model', 'org/m'], modelRevision: rev }).container.args).toStrictEqual(['--model', 'org/m', '--port', '8000', '--revision', rev]);
    expect(workload(ModelServer.tgi(), { args: ['--model-id', 'org/m'], modelRevision: 'v1.0' }).container.args)
      .toStrictEqual(['--model-id', 'org/m', '--port', '8080', '--prometheus-port', '9000', '--revision', 'v1.0']);
    // The same revision already in args is kept, not repeated.
    expect(workload(ModelServer.vllm(), { args: ['--revision=v1.0'], modelRevision: 'v1.0' }).container.args).toStrictEqual(['--revision=v1.0', '--port', '8000']);
  });

  test('fails on a revision in args or env that differs from modelRevision', () => {
    expect(() => workload(ModelServer.vllm(), { args: ['--revision', 'main'], modelRevision: 'v1.0' }))
      .toThrow(/Invalid backend\.args: "--revision main"\. backend\.modelRevision is "v1\.0": remove --revision from args/);
    expect(() => workload(ModelServer.tgi(), { env: { REVISION: 'main' }, modelRevision: 'v1.0' }))
      .toThrow(/Invalid backend\.env\.REVISION: "main"\. backend\.modelRevision is "v1\.0": remove REVISION from env/);
  });

  test('fails on modelRevision for Triton, which has no such flag', () => {
    expect(() => workload(ModelServer.triton(['m']), { args: ['tritonserver', '--model-repository=/models'], modelRevision: 'v1.0' }))
      .toThrow(/Invalid backend\.modelRevision: "v1\.0"\. Triton has no revision flag/);
    expect(() => workload(ModelServer.openAiCompatible(), { port: 8080, modelRevision: 'v1.0' }))
      .toThrow(/Invalid backend\.modelRevision: "v1\.0"\. The library does not know openai-compatible's revision flag/);
  });

  test('fails on a modelRevision that is not one token', () => {
    expect(() => workload(ModelServer.vllm(), { modelRevision: 'main --trust-remote-code' })).toThrow(/Invalid backend\.modelRevision: "main --trust-remote-code"\. Use a commit hash, branch or tag/);
  });
});

describe('a stopping server finishes its streams', () => {
  // `tritonserver --exit-timeout-secs` (default 30) bounds how long Triton waits for in-flight inferences on exit.
  test('Triton waits as long as the longest stream the controller allows, within the pod\'s grace period', () => {
    const { deployment, container } = workload(ModelServer.triton(['m']), { args: ['tritonserver'] });
    expect(container.args).toContain('--exit-timeout-secs');
    expect(container.args[container.args.indexOf('--exit-timeout-secs') + 1]).toBe('600');
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(610);
    const { objects } = synthEndpoint({
      modelServer: ModelServer.triton(['m']),
      limits: { readTimeoutSeconds: 1800 },
      backend: InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver'] }),
    });
    const c = find(objects, 'Deployment').spec.template.spec.containers[0];
    expect(c.args.slice(-2)).toStrictEqual(['--exit-timeout-secs', '1800']);
  });

  test('a shorter timeout the user gives is kept; a longer one than the grace period covers fails', () => {
    expect(workload(ModelServer.triton(['m']), { args: ['tritonserver', '--exit-timeout-secs=60'] }).container.args)
      .toStrictEqual(['tritonserver', '--exit-timeout-secs=60', '--http-port', '8000', '--metrics-port', '8002']);
    expect(() => workload(ModelServer.triton(['m']), { args: ['tritonserver', '--exit-timeout-secs', '3600'] }))
      .toThrow(/Invalid backend\.args: "--exit-timeout-secs 3600"\. The pod's grace period lets the server finish streams for limits\.readTimeoutSeconds \(600 s\).*raise limits\.readTimeoutSeconds/);
    expect(() => workload(ModelServer.triton(['m']), { args: ['tritonserver', '--exit-timeout-secs=soon'] }))
      .toThrow(/Invalid backend\.args: "--exit-timeout-secs=soon"/);
  });
});

describe('backendTls', () => {
  test('the server\'s Secret is mounted read-only for its group, and the probes use HTTPS', () => {
    const { objects } = synthEndpoint({
      backendTls: { issuer: CertificateIssuer.clusterIssuer('models-ca'), caBundle: BackendCaBundle.secret('models-ca') },
    });
    const pod = find(objects, 'Deployment').spec.template.spec;
    const container = pod.containers[0];
    expect(container.volumeMounts).toContainEqual({ name: 'server-tls', mountPath: '/etc/model-server/tls', readOnly: true });
    expect(pod.volumes).toContainEqual({
      name: 'server-tls',
      secret: { secretName: 'llm-server-tls', defaultMode: 0o440, items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] },
    });
    expect(container.startupProbe.httpGet.scheme).toBe('HTTPS');
    expect(container.readinessProbe.httpGet.scheme).toBe('HTTPS');
    validateAgainstKubernetesSchema(objects);
  });

  test('without it, no Secret is mounted and the probes use HTTP', () => {
    const { container, deployment } = workload(ModelServer.vllm());
    expect(container.volumeMounts.map((v: any) => v.name)).not.toContain('server-tls');
    expect(deployment.spec.template.spec.volumes.map((v: any) => v.name)).not.toContain('server-tls');
    expect(container.readinessProbe.httpGet.scheme).toBeUndefined();
  });
});
