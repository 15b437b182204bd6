import { rmSync } from 'fs';
import { RUN_TEMP_DIR_VARIABLE } from './temp-dir-setup';

/** Jest's global teardown: removes the run's temporary directory and everything the tests left in it. */
export default function teardown(): void {
  const dir = process.env[RUN_TEMP_DIR_VARIABLE];
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
