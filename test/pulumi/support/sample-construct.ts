import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Certificate } from '../../../src/imports/cert-manager.io';
import { Policy } from '../../../src/imports/k8s.nginx.org';

/**
 * A construct with every case the Pulumi side must handle, none of them in AITrainingNamespace:
 * a CRD and a custom resource of its kind, a custom resource whose CRD is installed elsewhere,
 * two objects of one kind and name in two namespaces, a dependency declared on a scope, and a
 * configuration document that is not a cluster object.
 */
export class SampleConstruct extends Construct {
  public readonly certificate: ApiObject;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'serving' } });
    const policies = new Construct(this, 'policies');
    // The generated bindings of the CRDs the endpoint renders (src/imports/).
    new Policy(policies, 'rate-limit', {
      metadata: { name: 'rate-limit', namespace: 'serving' },
      spec: { rateLimit: { rate: '10r/s', key: '${binary_remote_addr}', zoneSize: '10M' } },
    });
    this.certificate = new Certificate(this, 'certificate', {
      metadata: { name: 'model-tls', namespace: 'serving' },
      spec: { secretName: 'model-tls', dnsNames: ['model.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    });
    // Declared after the certificate on purpose: ordering must not follow creation order.
    new ApiObject(this, 'crd', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'certificates.cert-manager.io' },
      spec: {
        group: 'cert-manager.io',
        names: { kind: 'Certificate', plural: 'certificates' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    const settings = new ApiObject(this, 'settings', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'serving' }, data: { mode: 'strict' },
    });
    new ApiObject(this, 'settings-elsewhere', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'monitoring' }, data: { mode: 'scrape' },
    });
    // A dependency on a scope means one on every object under it.
    settings.node.addDependency(policies);
    new ApiObject(this, 'audit', {
      apiVersion: 'audit.k8s.io/v1', kind: 'Policy', metadata: { name: 'serving-audit' }, rules: [{ level: 'Metadata' }],
    });
  }
}
