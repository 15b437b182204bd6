/**
 * An error the command line reports as one line on stderr, with exit code 2 (a failing check
 * exits 1): a missing directory, unparsable YAML, an empty tree, a bad option.
 * @internal
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
