import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadModel } from '../model/endpoint/backend';
import { SERVER_TLS_MOUNT_PATH } from '../model/endpoint/backend-tls';

/** The Deployment and Service of a model server. @internal */
export interface RenderedWorkload {
  readonly deployment: k8s.KubeDeployment;
  readonly service: k8s.KubeService;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;
}

/**
 * Renders a model-server Deployment hardened to the `restricted` Pod Security level (non-root,
 * read-only root filesystem with writable emptyDirs for caches, all capabilities dropped,
 * seccomp RuntimeDefault, no service-account token), its ClusterIP Service and a
 * PodDisruptionBudget (one replica down at a time during node drains).
 * @internal
 */
export function renderModelWorkload(scope: Construct, name: string, namespace: string, podLabels: { [k: string]: string },
  w: WorkloadModel, labels: { [k: string]: string } = {}): RenderedWorkload {
  const q = (v: string) => k8s.Quantity.fromString(v);
  const resources: { [r: string]: k8s.Quantity } = { 'cpu': q(w.cpu), 'memory': q(w.memory), 'ephemeral-storage': q(w.ephemeralStorage) };
  if (w.gpus > 0) resources[w.gpuResourceName] = q(String(w.gpus));
  const probe = (initialDelaySeconds: number, failureThreshold: number, periodSeconds: number): k8s.Probe => ({
    // With backendTls the server serves only HTTPS; the kubelet does not verify the certificate.
    httpGet: { path: w.healthPath, port: k8s.IntOrString.fromString('http'), ...(w.tlsSecretName !== undefined ? { scheme: 'HTTPS' } : {}) },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold,
  });
  const ports: k8s.ContainerPort[] = [{ name: 'http', containerPort: w.port, protocol: 'TCP' }];
  if (w.metricsPort !== w.port) ports.push({ name: 'metrics', containerPort: w.metricsPort, protocol: 'TCP' });
  if (w.grpcPort !== undefined) ports.push({ name: 'grpc', containerPort: w.grpcPort, protocol: 'TCP' });
  const deployment = new DrainingDeployment(scope, 'deployment', w.drainSeconds, {
    metadata: { name, namespace, labels: { ...labels, ...podLabels } },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: podLabels },
      strategy: w.rollout.type === 'RollingUpdate'
        ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromNumber(w.rollout.maxSurge!), maxUnavailable: k8s.IntOrString.fromNumber(w.rollout.maxUnavailable!) } }
        : { type: w.rollout.type },
      template: {
        metadata: { labels: { ...labels, ...podLabels } },
        spec: {
          automountServiceAccountToken: false,
          // The drain plus the longest stream: a rollout or drain does not cut a generation short.
          terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
          enableServiceLinks: false,
          ...(w.runtimeClassName !== undefined ? { runtimeClassName: w.runtimeClassName } : {}),
          ...(w.imagePullSecrets.length > 0 ? { imagePullSecrets: w.imagePullSecrets.map((n) => ({ name: n })) } : {}),
          ...(Object.keys(w.nodeSelector).length > 0 ? { nodeSelector: { ...w.nodeSelector } } : {}),
          ...(w.tolerations.length > 0 ? { tolerations: w.tolerations.map((t) => ({ ...t })) } : {}),
          // Spread replicas over nodes so one node failure does not take the endpoint down.
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{
                weight: 100,
                podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: podLabels } },
              }],
            },
          },
          securityContext: {
            runAsNonRoot: true,
            runAsUser: w.runAsUser,
            runAsGroup: w.runAsUser,
            fsGroup: w.runAsUser,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [{
            name: 'model-server',
            image: w.image,
            // Always: the kubelet re-checks pull credentials, so a cached image is not usable without them.
            imagePullPolicy: 'Always',
            ...(w.args ? { args: w.args } : {}),
            env: Object.entries(w.env).map(([k, v]) => ({ name: k, value: v })),
            ports,
            resources: { requests: resources, limits: resources },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              privileged: false,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
            },
            // Loading a model can take many minutes: the startup probe holds off liveness until then
            // (startupTimeoutSeconds of failed probes, every 10 s, after a 10 s delay).
            startupProbe: probe(10, Math.ceil(w.startupTimeoutSeconds / 10), 10),
            readinessProbe: probe(0, 3, 10),
            // Liveness only asks whether the server still accepts connections: a busy server that
            // fails its health check leaves rotation (readiness) but is not restarted mid-generation.
            livenessProbe: {
              tcpSocket: { port: k8s.IntOrString.fromString('http') },
              periodSeconds: 20,
              timeoutSeconds: 5,
              failureThreshold: 6,
            },
            volumeMounts: [
              { name: 'cache', mountPath: '/cache' },
              { name: 'tmp', mountPath: '/tmp' },
              { name: 'shm', mountPath: '/dev/shm' },
              ...(w.modelVolumeClaim ? [{ name: 'models', mountPath: '/models', readOnly: true }] : []),
              ...(w.tlsSecretName !== undefined ? [{ name: 'server-tls', mountPath: SERVER_TLS_MOUNT_PATH, readOnly: true }] : []),
            ],
          }],
          volumes: [
            { name: 'cache', emptyDir: { sizeLimit: q(w.cacheSize) } },
            { name: 'tmp', emptyDir: { sizeLimit: q('1Gi') } },
            { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: q(w.sharedMemorySize) } },
            ...(w.modelVolumeClaim ? [{ name: 'models', persistentVolumeClaim: { claimName: w.modelVolumeClaim, readOnly: true } }] : []),
            // The key and certificate cert-manager writes, readable by the server's group only (fsGroup).
            ...(w.tlsSecretName !== undefined ? [{
              name: 'server-tls',
              secret: { secretName: w.tlsSecretName, defaultMode: 0o440, items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] },
            }] : []),
          ],
        },
      },
    },
  });
  const service = new k8s.KubeService(scope, 'service', {
    metadata: { name, namespace, labels },
    spec: {
      type: 'ClusterIP',
      selector: podLabels,
      ports: [
        { name: 'http', port: w.port, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' },
        // gRPC is HTTP/2 without TLS (h2c): the appProtocol tells the gateway to speak it to the pods.
        ...(w.grpcPort !== undefined ? [{ name: 'grpc', port: w.grpcPort, targetPort: k8s.IntOrString.fromString('grpc'), protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' }] : []),
      ],
    },
  });
  const disruptionBudget = new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: { name, namespace, labels },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: podLabels } },
  });
  return { deployment, service, disruptionBudget };
}

/**
 * A Deployment whose model-server container sleeps in preStop: the pod keeps serving while it leaves
 * the Service's endpoints, before SIGTERM. The `sleep` action (Kubernetes 1.30+, GA in 1.34) needs no
 * shell or binary in the image; the cdk8s-plus-28 bindings predate it and drop it from a JSON patch,
 * so it is added after they render.
 */
class DrainingDeployment extends k8s.KubeDeployment {
  constructor(scope: Construct, id: string, private readonly drainSeconds: number, props: k8s.KubeDeploymentProps) {
    super(scope, id, props);
  }

  public toJson(): any {
    const json = super.toJson();
    const container = json.spec.template.spec.containers[0];
    container.lifecycle = { ...(container.lifecycle ?? {}), preStop: { sleep: { seconds: this.drainSeconds } } };
    return json;
  }
}
