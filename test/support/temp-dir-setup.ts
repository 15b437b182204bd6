import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The variable that holds the run's temporary directory, for the teardown. */
export const RUN_TEMP_DIR_VARIABLE = 'SECURE_AI_TEST_RUN_TMPDIR';

/**
 * Jest's global setup: one temporary directory for the whole run, made the system's (`TMPDIR`) for
 * the workers started after it. Tests make thousands of synthesis directories with `mkdtemp`; the
 * teardown removes them all with this one.
 */
export default function setup(): void {
  const dir = mkdtempSync(join(tmpdir(), 'secure-ai-test-run-'));
  process.env[RUN_TEMP_DIR_VARIABLE] = dir;
  process.env.TMPDIR = dir;
}
