import * as path from 'path';
import { ManifestObject } from '../manifests';
import { CheckResult, newResult } from '../report';
import { Endpoint } from '../report-connectivity';
import { cliReportJson, compareConnectivityOn, ConnectivityInput, reportStatements } from './report-agreement';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * What the connectivity comparison runs on for a fixture tree: its Namespaces (labelled with their
 * names, as the API server labels them), NetworkPolicies and Pods for netpol-analyzer; every Pod as
 * an endpoint carrying its namespace's labels; every Namespace of the tree governed.
 */
export function fixtureConnectivityInput(objects: ManifestObject[], workDir: string): ConnectivityInput {
  const namespaces = objects.map(o => o.object).filter(o => o.kind === 'Namespace')
    .map(o => ({ ...o, metadata: { ...o.metadata, labels: { ...(o.metadata.labels ?? {}), [NAME_LABEL]: o.metadata.name } } }));
  const labels = new Map<string, Record<string, string>>(namespaces.map(n => [n.metadata.name, n.metadata.labels]));
  const pods = objects.map(o => o.object).filter(o => o.kind === 'Pod');
  const endpoints: Endpoint[] = pods.map(p => ({
    kind: 'pod' as const,
    s: {
      name: p.metadata.name,
      namespace: p.metadata.namespace,
      labels: p.metadata.labels ?? {},
      namespaceLabels: labels.get(p.metadata.namespace) ?? { [NAME_LABEL]: p.metadata.namespace },
    },
  }));
  return {
    analyzerDocs: [...namespaces, ...objects.map(o => o.object).filter(o => o.kind === 'NetworkPolicy'), ...pods],
    endpoints,
    governed: new Set(namespaces.map(n => n.metadata.name)),
    dir: path.join(workDir, 'report-agreement-netpol'),
  };
}

/**
 * report-agreement on a fixture tree: the connections the CLI report (`report <dir> --format json`)
 * allows between every two of its Pods equal the ones netpol-analyzer, run live on the same tree,
 * allows. Fails when the fixture has no Pod pair to compare.
 */
export function checkReportFixture(fixture: string, manifestsDir: string, objects: ManifestObject[], workDir: string): CheckResult {
  const r = newResult('report-agreement');
  const input = fixtureConnectivityInput(objects, workDir);
  const compared = compareConnectivityOn(input, reportStatements(cliReportJson(manifestsDir)), r, fixture);
  if (compared === 0 && !r.error) r.error = `fixture ${manifestsDir} has no two Pods in its Namespaces to compare`;
  console.log(`[${fixture}] report-agreement: ${compared} connection(s) compared with netpol-analyzer`);
  return r;
}
