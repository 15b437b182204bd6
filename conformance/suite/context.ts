import { ApiClient } from './api-client';
import { Intent } from './intent';
import { Kubectl } from './kubectl';
import { ManifestObject } from './manifests';
import { Suppressions } from './suppressions';

/** Everything a check needs about one example and the engines it runs on. */
export interface ExampleContext {
  readonly intent: Intent;
  /** The synthesised manifests directory, e.g. dist/examples/<name>. */
  readonly manifestsDir: string;
  readonly objects: ManifestObject[];
  /** Namespaces the example creates. */
  readonly namespaces: string[];
  /** A scratch directory for this example. */
  readonly workDir: string;
  readonly kubectl: Kubectl;
  readonly api: ApiClient;
  /** OpenAPI v3 documents dumped from the running API server (kubectl-validate --local-schemas). */
  readonly schemaDir: string;
  /** A version whose schemas kubectl-validate embeds (required by it; --local-schemas take precedence). */
  readonly validatorBuiltinVersion: string;
  /** CRD files (cert-manager, F5 NGINX), when generated. */
  readonly crdDir?: string;
  readonly suppressions: Suppressions;
}
