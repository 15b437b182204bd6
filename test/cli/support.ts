import { mkdtempSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/cli';

/** Writes files (path → objects, one document each, or raw text) into a fresh directory. */
export function tree(files: { [path: string]: any[] | string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : content.map((o) => stringify(o)).join('---\n'));
  }
  return dir;
}

/** Runs the command line in-process. */
export function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

export const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'llm', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };
export const DENY = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'llm' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
export const QUOTA = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'llm' }, spec: { hard: { pods: '5' } } };
export const LIMITS = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'llm' } };
export const WILDCARD_ROLE = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'debug', namespace: 'llm' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };
/** A namespace that passes every rule. */
export const SECURE = [NAMESPACE, DENY, QUOTA, LIMITS];
