import * as path from 'path';
import { PLATFORM_OWNED_CHART_ID } from '../../../src/facts/platform-owned-chart';
import { ExampleContext } from '../context';
import { DeployerIntent } from '../intent';
import { ManifestObject, objectRef, toYaml } from '../manifests';
import { subjectIdentity } from '../rbac-matrix';
import { CheckResult, newResult } from '../report';

/** Label every object of an endpoint carries. */
export const ENDPOINT_LABEL = 'secure-ai.cdk8s.io/endpoint';

/**
 * Kinds the platform team applies (as a cluster admin), not the deployer: cluster-scoped
 * objects and the ones that let the deployer in. Mirrors the library's documented split.
 */
export const PLATFORM_KINDS = new Set([
  'Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'CustomResourceDefinition',
]);

/** The file the library writes the platform team's objects to: a cluster admin applies all of it. */
export const PLATFORM_OWNED_FILE = `${PLATFORM_OWNED_CHART_ID}.k8s.yaml`;

/** True when the platform team applies the object: it is in the platform-owned file, or of a platform kind. */
export function isPlatformOwned(m: ManifestObject): boolean {
  return path.basename(m.file) === PLATFORM_OWNED_FILE || PLATFORM_KINDS.has(m.object.kind);
}

/** The namespaced objects of an endpoint that its deployer applies. */
export function deployerObjects(objects: ManifestObject[], endpoint: string): ManifestObject[] {
  return objects.filter(o => o.object.metadata?.namespace && o.object.metadata?.labels?.[ENDPOINT_LABEL] === endpoint
    && !isPlatformOwned(o));
}

/** True when some declared deployer applies this object (the apply check then only dry-runs it). */
export function appliedByDeployer(deployers: DeployerIntent[], m: ManifestObject): boolean {
  const o = m.object;
  return !!o.metadata?.namespace && !isPlatformOwned(m) && deployers.some(d => o.metadata?.labels?.[ENDPOINT_LABEL] === d.endpoint);
}

function oneLine(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, ' | ');
}

function revised(o: any, revision: string): any {
  return { ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations ?? {}), 'conformance.secure-ai.cdk8s.io/revision': revision } } };
}

/**
 * The cluster's life for each declared deployer, with change control in force: the deployer
 * server-side applies every namespaced object of its endpoint (creating them), then applies
 * them again with a changed field; both succeed. Every other declared deployer whose endpoint
 * shares a namespace is refused each of those objects by the change-control policy (it forces
 * field-manager conflicts, as an attacker would, so the refusal is admission's, not apply's).
 */
export function checkDeployers(ctx: ExampleContext): CheckResult {
  const r = newResult('deployers');
  const personas = ctx.intent.rbac?.personas ?? [];
  const identity = (d: DeployerIntent) => subjectIdentity(personas.find(p => p.name === d.as)!.subject);
  for (const d of ctx.intent.deployers) {
    const objects = deployerObjects(ctx.objects, d.endpoint);
    if (objects.length === 0) { r.failures.push(`deployer of ${d.endpoint}: no namespaced object labelled ${ENDPOINT_LABEL}=${d.endpoint}`); continue; }
    for (const revision of ['1', '2']) {
      for (const m of objects) {
        const res = ctx.kubectl.run(['apply', '--server-side', `--field-manager=${d.as}`, '-o', 'name', '-f', '-'], toYaml(revised(m.object, revision)), identity(d));
        if (res.code === 0) r.passed++;
        else r.failures.push(`deployer ${d.as} of ${d.endpoint}: ${revision === '1' ? 'apply' : 're-apply with a changed field'} of ${objectRef(m.object)} rejected: ${oneLine(res.stderr)}`);
      }
    }
  }
  for (const d of ctx.intent.deployers) {
    const objects = deployerObjects(ctx.objects, d.endpoint);
    const namespaces = new Set(objects.map(o => o.object.metadata.namespace));
    for (const other of ctx.intent.deployers.filter(o => o.endpoint !== d.endpoint && o.as !== d.as)) {
      if (!deployerObjects(ctx.objects, other.endpoint).some(o => namespaces.has(o.object.metadata.namespace))) continue;
      for (const m of objects) {
        const res = ctx.kubectl.run(['apply', '--server-side', '--force-conflicts', '--dry-run=server', `--field-manager=${other.as}`, '-o', 'name', '-f', '-'],
          toYaml(revised(m.object, `by-${other.as}`)), identity(other));
        const policy = `secure-ai-${m.object.metadata.namespace}-${d.endpoint}-change-control`;
        if (res.code !== 0 && res.stderr.includes(policy)) r.passed++;
        else if (res.code === 0) r.failures.push(`deployer ${other.as} of ${other.endpoint} may change ${objectRef(m.object)} of endpoint ${d.endpoint} (should be refused by ${policy})`);
        else r.failures.push(`deployer ${other.as} of ${other.endpoint}: ${objectRef(m.object)} of ${d.endpoint} refused, but not by ${policy}: ${oneLine(res.stderr)}`);
      }
    }
  }
  return r;
}
