import { spawnSync } from 'child_process';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command, returns its exit code and output; never throws on a non-zero exit. */
export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): RunResult {
  const r = spawnSync(cmd, args, {
    input: opts.input,
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** kubectl against one cluster, optionally impersonating a subject. */
export class Kubectl {
  constructor(private readonly kubeconfig: string) {}

  run(args: string[], input?: string, as?: { user: string; groups: string[] }): RunResult {
    const imp = as ? ['--as', as.user, ...as.groups.flatMap(g => ['--as-group', g])] : [];
    return run('kubectl', ['--kubeconfig', this.kubeconfig, ...imp, ...args], { input });
  }

  /** Like run, but throws with kubectl's message on failure. */
  must(args: string[], input?: string): string {
    const r = this.run(args, input);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr.trim()}`);
    return r.stdout;
  }
}
