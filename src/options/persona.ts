/**
 * The RBAC personas of an AI training namespace.
 */
export class Persona {
  /** Runs the namespace's workloads and their configuration; cannot change RBAC, NetworkPolicies or quotas. */
  public static readonly NAMESPACE_ADMIN = new Persona('namespace-admin');
  /** Runs training: creates and deletes Jobs, pods and volumes, reads logs. */
  public static readonly ML_ENGINEER = new Persona('ml-engineer');
  /** Reads everything but Secrets and logs (auditors, on-call). */
  public static readonly VIEWER = new Persona('viewer');
  /** The CI ServiceAccount that deploys workloads and their configuration. */
  public static readonly CI_DEPLOYER = new Persona('ci-deployer');

  private constructor(
    /** The persona's name; its Role and RoleBinding are named after it. */
    public readonly name: string,
  ) {}
}
