import { BackendCaBundle, BackendTlsOptions } from '../../options/backend-tls-options';
import { ModelServer } from '../../options/model-server';
import { CertificateIssuer } from '../../options/tls-options';
import { dnsSubdomain } from '../../options/validate';
import { ValidationError } from '../../options/validation-error';
import { TargetFeature, TargetRequest } from '../exposure-targets';
import { BackendModel, CanaryModel } from './backend';

/** Where the model container reads its TLS key and certificate (the Secret cert-manager writes, read-only). @internal */
export const SERVER_TLS_MOUNT_PATH = '/etc/model-server/tls';

/** One model Service served over TLS: its Certificate and the name the edge verifies. @internal */
export interface ServerTlsModel {
  readonly serviceName: string;
  /** The Certificate's and its Secret's name. */
  readonly secretName: string;
  /** The name the edge sends (SNI) and verifies: `<service>.<namespace>.svc`. */
  readonly hostname: string;
  /** The Service's DNS names, in the certificate. */
  readonly dnsNames: string[];
}

/** TLS from the edge to the model pods, resolved. @internal */
export interface BackendTlsModel {
  readonly issuerKind: string;
  readonly issuerName: string;
  /** `ConfigMap` or `Secret`, in the endpoint's namespace, with `ca.crt`. */
  readonly caKind: string;
  readonly caName: string;
  /** The primary's, then the canary's. */
  readonly servers: ServerTlsModel[];
}

/** The backends, told to serve TLS, and the model of it. @internal */
export interface BackendTlsResult {
  readonly tls?: BackendTlsModel;
  readonly backend: BackendModel;
  readonly canary?: CanaryModel;
}

/**
 * `backendTls`, validated against the model server and the target (`ask`); the workloads get the
 * server's TLS flags and the Secret to mount. Without the option, the backends are returned as given.
 * @internal
 */
export function backendTlsModel(o: BackendTlsOptions | undefined, namespace: string, server: ModelServer,
  backend: BackendModel, canary: CanaryModel | undefined, ask: (r: TargetRequest) => void): BackendTlsResult {
  if (o === undefined) return { backend, canary };
  if (!o || typeof o !== 'object') throw new ValidationError('backendTls', o, 'Give { issuer: CertificateIssuer.clusterIssuer(name), caBundle: BackendCaBundle.configMap(name) }, or remove backendTls.');
  ask({ feature: TargetFeature.BACKEND_TLS, field: 'backendTls', value: o });
  if (!(o.issuer instanceof CertificateIssuer)) {
    throw new ValidationError('backendTls.issuer', o.issuer, 'Give the in-cluster issuer that signs the model server\'s certificate: CertificateIssuer.clusterIssuer(name) or CertificateIssuer.issuer(name).');
  }
  dnsSubdomain('backendTls.issuer name', o.issuer.name);
  if (!(o.caBundle instanceof BackendCaBundle)) {
    throw new ValidationError('backendTls.caBundle', o.caBundle, 'Give the CA the edge trusts: BackendCaBundle.configMap(name) or BackendCaBundle.secret(name), holding ca.crt in the endpoint\'s namespace.');
  }
  const caName = dnsSubdomain('backendTls.caBundle name', o.caBundle.name);
  if (o.caBundle.kind === 'ConfigMap') ask({ feature: TargetFeature.BACKEND_TLS_CA_CONFIGMAP, field: 'backendTls.caBundle', value: `ConfigMap ${caName}` });
  if (canary !== undefined) ask({ feature: TargetFeature.BACKEND_TLS_CANARY, field: 'backendTls', value: `canary ${canary.backend.serviceName}` });

  const flags = server._commandLine.tls;
  if (flags === undefined) {
    throw new ValidationError('backendTls', `ModelServer ${server.name}`, server.name === 'tgi' || server.name === 'triton'
      ? `${server.name === 'tgi' ? 'TGI\'s launcher' : 'Triton\'s HTTP endpoint'} cannot serve TLS: remove backendTls (the NetworkPolicies still admit only the edge's pods), or serve the model with ModelServer.vllm().`
      : `The library does not know how to give a ${server.name} server its TLS key: remove backendTls, or serve the model with ModelServer.vllm().`);
  }
  const servers: ServerTlsModel[] = [];
  const withTls = (field: string, b: BackendModel): BackendModel => {
    const w = b.workload;
    if (w === undefined) {
      throw new ValidationError(field, b.serviceName, 'backendTls needs the model server the construct runs (InferenceBackend.workload), to give it its certificate; for an existing Service, serve TLS from it yourself and remove backendTls.');
    }
    for (const flag of [flags.keyFileFlag, flags.certFileFlag]) {
      const given = (w.args ?? []).find((a) => a === flag || a.startsWith(`${flag}=`));
      if (given !== undefined) throw new ValidationError(`${field}.args`, given, `backendTls gives the server its key and certificate (${flags.keyFileFlag}, ${flags.certFileFlag}): remove ${flag} from args.`);
    }
    const secretName = `${b.serviceName}-server-tls`;
    servers.push({
      serviceName: b.serviceName,
      secretName,
      hostname: `${b.serviceName}.${namespace}.svc`,
      dnsNames: [b.serviceName, `${b.serviceName}.${namespace}`, `${b.serviceName}.${namespace}.svc`, `${b.serviceName}.${namespace}.svc.cluster.local`],
    });
    return {
      ...b,
      workload: {
        ...w,
        args: [...(w.args ?? []), flags.keyFileFlag, `${SERVER_TLS_MOUNT_PATH}/tls.key`, flags.certFileFlag, `${SERVER_TLS_MOUNT_PATH}/tls.crt`],
        tlsSecretName: secretName,
      },
    };
  };
  const tlsBackend = withTls('backend', backend);
  const tlsCanary = canary !== undefined ? { ...canary, backend: withTls('canary.backend', canary.backend) } : undefined;
  return {
    tls: { issuerKind: o.issuer.kind, issuerName: o.issuer.name, caKind: o.caBundle.kind, caName, servers },
    backend: tlsBackend,
    canary: tlsCanary,
  };
}
