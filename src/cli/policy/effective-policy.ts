import { admissionStatements } from './admission-statements';
import { connectivityStatements } from './connectivity-statements';
import { exposureStatements, wafStatements } from './exposure-statements';
import { optOutStatements } from './opt-out-statements';
import { PolicyStatement } from './policy-statement';
import { rbacStatements } from './rbac-statements';

/**
 * The effective policy of a tree of manifests, as statements: what is exposed, who can reach
 * what, who can do what, what admission rejects, and every explicit opt-out.
 * @internal
 */
export function effectivePolicy(objects: any[]): PolicyStatement[] {
  const valid = objects.filter((o) => o && typeof o.kind === 'string');
  return [
    ...exposureStatements(valid), ...wafStatements(valid), ...connectivityStatements(valid), ...rbacStatements(valid),
    ...admissionStatements(valid), ...optOutStatements(valid),
  ];
}
