import { InferenceBackend, ModelServer, RolloutStrategy } from '../../src';
import { DIGEST_IMAGE, MINIMAL_ENDPOINT, synthEndpoint } from '../support/endpoint-fixtures';
import { find } from '../support/fixtures';

/** The model-server container and the Deployment of an endpoint. */
function workload(modelServer: ModelServer, options: Partial<Parameters<typeof InferenceBackend.workload>[0]> = {}) {
  const { objects } = synthEndpoint({ modelServer, backend: InferenceBackend.workload({ image: DIGEST_IMAGE, ...options }) });
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
    expect(container.args).toStrictEqual(['tritonserver', '--model-repository=/models', '--http-port', '8000', '--metrics-port', '8002']);
    expect(ports(container)).toStrictEqual([['http', 8000], ['metrics', 8002]]);
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
    expect(() => synthEndpoint({ ...MINIMAL_ENDPOINT, modelServer: ModelServer.custom([{ path: '/predict' }]), backend: InferenceBackend.service('s', 80, { app: 's' }) })).not.toThrow();
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
