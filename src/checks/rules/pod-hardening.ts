import { ManifestRule, podSpecOf, RuleOutcome } from '../manifest-rule';
import { RuleSeverity } from '../rule-severity';

/** Workloads run non-root, read-only, without capabilities or privilege escalation, with seccomp and no token. @internal */
export const podHardening: ManifestRule = {
  id: 'SAI-POD-1',
  description: 'Workloads run as non-root with a read-only root filesystem, no capabilities, no privilege escalation, seccomp RuntimeDefault and no service-account token',
  severity: RuleSeverity.ERROR,
  explanation: 'A container that runs as root, keeps capabilities, writes its root filesystem, mounts its service-account token or runs an unpinned image gives an attacker who gets code execution a foothold in the node and the API.',
  fix: 'Set runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation: false, capabilities.drop [ALL], seccompProfile RuntimeDefault, automountServiceAccountToken: false, and pin images by digest.',
  evaluate(objects) {
    return objects.filter((o) => podSpecOf(o)).map((o): RuleOutcome => {
      const spec = podSpecOf(o);
      const problems: string[] = [];
      if (spec.automountServiceAccountToken !== false) problems.push('service-account token mounted');
      if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push('host namespaces');
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        const sc = c.securityContext ?? {};
        if (sc.privileged) problems.push(`${c.name}: privileged`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${c.name}: privilege escalation not disabled`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${c.name}: writable root filesystem`);
        if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${c.name}: capabilities not dropped`);
        if (sc.runAsNonRoot !== true && spec.securityContext?.runAsNonRoot !== true) problems.push(`${c.name}: may run as root`);
        if ((sc.seccompProfile ?? spec.securityContext?.seccompProfile)?.type !== 'RuntimeDefault') problems.push(`${c.name}: no seccomp profile`);
        if (!/@sha256:[a-f0-9]{64}$/.test(c.image ?? '')) problems.push(`${c.name}: image not pinned by digest`);
      }
      return problems.length > 0
        ? { object: o, status: 'fail', detail: problems.join('; ') }
        : { object: o, status: 'pass', detail: 'hardened' };
    });
  },
};
