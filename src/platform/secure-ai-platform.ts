import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { COMPOSED_FROM_ANNOTATION, CONTROLLER_WIDE_SETTINGS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../facts/label-keys';
import { AuditRuleModel, composeAuditRules } from '../model/audit-policy-model';
import { assertSameQuotaChoice, composeServingQuota, ServingQuotaContribution } from '../model/serving-namespace-quota';
import { ValidationError } from '../options/validation-error';
import { renderAuditPolicy } from '../render/audit-policy';
import { composeControllerSettings, CONTROLLER_WIDE_EFFECTS, ControllerSettingsContribution } from '../render/controller-settings';
import { renderServingNamespaceQuota } from '../render/serving-namespace-quota';
import { ComposedWafPart, composeLlmWafRules, INGRESS_NGINX_BASE_CONFIG } from '../render/waf/composed-llm-waf-rules';
import { LLM_WAF_RULES_KEY, WAF_HOSTS_ANNOTATION, WAF_PROFILE_LABEL } from '../render/waf/llm-waf-rules-config-map';

/** Name of the one rules ConfigMap per controller namespace (mounted at `INGRESS_NGINX_RULES_PATH`). */
export const LLM_WAF_RULES_CONFIG_MAP = 'llm-waf-rules';

const PLATFORM_ID = 'secure-ai-platform';

/**
 * What the platform team owns for every endpoint and training namespace of an app, written
 * once per app and composed from all of them: one ConfigMap per controller (its settings and
 * WAF rules, shared by every endpoint on it) and one API-server audit policy. Found by scope:
 * `SecureAiPlatform.of(construct)` returns the app's one instance, creating it on first use.
 *
 * Its charts sit at the root of the app, so each synthesises to a file of its own:
 * `secure-ai-controllers.k8s.yaml` (apply it to the controllers' namespaces) and
 * `secure-ai-audit-policy.k8s.yaml` (give it to the API server's `--audit-policy-file`;
 * managed control planes take no policy file: merge its rules into the provider's audit
 * configuration) and `secure-ai-platform-owned.k8s.yaml` (what the platform team applies in
 * the namespaces: each serving namespace's ResourceQuota and LimitRange, composed from its
 * endpoints).
 */
export class SecureAiPlatform extends Construct {
  /** The app's platform, created on first use. */
  public static of(scope: IConstruct): SecureAiPlatform {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(PLATFORM_ID);
    if (existing instanceof SecureAiPlatform) return existing;
    if (existing) throw new ValidationError('construct id', PLATFORM_ID, 'This id is reserved for the app\'s SecureAiPlatform; rename your construct.');
    return new SecureAiPlatform(root as Construct, PLATFORM_ID);
  }

  private _controllerChart?: Chart;
  private _auditPolicyChart?: Chart;
  private _platformOwnedChart?: Chart;
  private readonly controllerSettings = new Map<string, ControllerSettingsContribution[]>();
  private readonly auditRules = new Map<string, AuditRuleModel[]>();
  private readonly wafParts = new Map<string, ComposedWafPart[]>();
  private readonly servingQuotas = new Map<string, ServingQuotaContribution[]>();
  private readonly namespaceOwners = new Map<string, NamespaceClaim & { owner: string }>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => duplicateObjects(this.node.root) });
  }

  /** The chart of the controllers' settings (one ConfigMap per controller, composed). */
  public get controllerChart(): Chart {
    if (!this._controllerChart) this._controllerChart = new Chart(this.node.root as Construct, 'secure-ai-controllers');
    return this._controllerChart;
  }

  /** The chart of the app's one audit policy, composed from every training namespace. */
  public get auditPolicyChart(): Chart {
    if (!this._auditPolicyChart) {
      this._auditPolicyChart = new Chart(this.node.root as Construct, 'secure-ai-audit-policy');
      renderAuditPolicy(this._auditPolicyChart, 'secure-ai-audit', () => composeAuditRules([...this.auditRules.values()]));
    }
    return this._auditPolicyChart;
  }

  /**
   * The chart of what the platform team applies in the app's namespaces, composed from every
   * construct that shares them: `secure-ai-platform-owned.k8s.yaml` (each serving namespace's
   * ResourceQuota and LimitRange).
   */
  public get platformOwnedChart(): Chart {
    if (!this._platformOwnedChart) this._platformOwnedChart = new Chart(this.node.root as Construct, 'secure-ai-platform-owned');
    return this._platformOwnedChart;
  }

  /**
   * Adds an endpoint's share to its serving namespace's ResourceQuota and LimitRange (in
   * `platformOwnedChart`, created with the namespace's first share), composed at synthesis from
   * every endpoint of the namespace. A namespace whose endpoints turned the quota off gets none;
   * fails when an endpoint disagrees with the namespace's first endpoint on turning it off.
   * @internal
   */
  public _addServingNamespaceQuota(namespace: string, contribution: ServingQuotaContribution): void {
    const list = this.servingQuotas.get(namespace);
    if (list) {
      assertSameQuotaChoice(list[0], contribution);
      list.push(contribution);
      return;
    }
    const contributions = [contribution];
    this.servingQuotas.set(namespace, contributions);
    if (contribution.sizing === undefined) return;
    // Read at synthesis, when every endpoint of the namespace has added its share.
    renderServingNamespaceQuota(new Construct(this.platformOwnedChart, `serving-${namespace}`), namespace, () => composeServingQuota(contributions));
  }

  /**
   * Adds an endpoint's settings to its controller's ConfigMap (created on first use). Fails at
   * synthesis when two endpoints need different values of a controller-wide setting.
   * @internal
   */
  public _addControllerSettings(configMap: { name: string; namespace: string; description: string },
    contribution: ControllerSettingsContribution): void {
    const key = `${configMap.namespace}/${configMap.name}`;
    let list = this.controllerSettings.get(key);
    if (!list) {
      const contributions: ControllerSettingsContribution[] = [];
      list = contributions;
      this.controllerSettings.set(key, list);
      const data = Lazy.any({ produce: () => composeControllerSettings(key, contributions) });
      new ApiObject(this.controllerChart, `controller-${configMap.namespace}-${configMap.name}`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: configMap.name,
          namespace: configMap.namespace,
          annotations: {
            [DESCRIPTION_ANNOTATION]: configMap.description,
            // Read at synthesis, when every endpoint of the app has added its settings.
            [COMPOSED_FROM_ANNOTATION]: Lazy.any({ produce: () => contributions.map((c) => c.endpoint).join(', ') }) as unknown as string,
            [CONTROLLER_WIDE_SETTINGS_ANNOTATION]: Lazy.any({
              produce: () => Object.keys(composeControllerSettings(key, contributions)).filter((k) => k in CONTROLLER_WIDE_EFFECTS).join(', '),
            }) as unknown as string,
          },
        },
        data,
      });
    }
    list.push(contribution);
  }

  /**
   * Adds an endpoint's share of its controller's WAF rules: one ConfigMap `llm-waf-rules` per
   * controller namespace (key `llm-waf.conf`, label `secure-ai.cdk8s.io/waf-profile: llm`),
   * composed at synthesis from every endpoint on that controller. Fails at synthesis when two
   * endpoints claim one host.
   * @internal
   */
  public _addWafRules(controllerNamespace: string, part: ComposedWafPart): void {
    let parts = this.wafParts.get(controllerNamespace);
    if (!parts) {
      const list: ComposedWafPart[] = [];
      parts = list;
      this.wafParts.set(controllerNamespace, list);
      new ApiObject(this.controllerChart, `waf-rules-${controllerNamespace}`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: LLM_WAF_RULES_CONFIG_MAP,
          namespace: controllerNamespace,
          labels: { [WAF_PROFILE_LABEL]: 'llm' },
          annotations: {
            [DESCRIPTION_ANNOTATION]: 'LLM WAF rules of the endpoints listed in secure-ai.cdk8s.io/composed-from, loaded at http level by the controller (modsecurity-snippet); every rule is gated to their hosts. Mount at /etc/nginx/llm-waf/.',
            [COMPOSED_FROM_ANNOTATION]: Lazy.any({ produce: () => list.map((p) => p.endpoint).join(', ') }) as unknown as string,
            [WAF_HOSTS_ANNOTATION]: Lazy.any({ produce: () => list.flatMap((p) => p.context.hosts ?? []).join(',') }) as unknown as string,
          },
        },
        // Read at synthesis, when every endpoint of the app has added its part.
        data: Lazy.any({
          produce: () => ({ [LLM_WAF_RULES_KEY]: composeLlmWafRules(list, { baseConfig: INGRESS_NGINX_BASE_CONFIG, verifyCc: true }) }),
        }),
      });
    }
    parts.push(part);
  }

  /**
   * Adds a training namespace's audit rules to the app's audit policy.
   * @internal
   */
  public _addAuditRules(namespace: string, rules: AuditRuleModel[]): Chart {
    this.auditRules.set(namespace, rules);
    return this.auditPolicyChart;
  }

  /**
   * Claims a namespace's namespace-level objects (the Namespace, default deny, DNS) for `owner`:
   * true for the first claimant, which writes them; the others share them. Fails when two
   * constructs disagree on who creates the Namespace.
   * @internal
   */
  public _claimNamespace(namespace: string, owner: string, claim: NamespaceClaim): boolean {
    const first = this.namespaceOwners.get(namespace);
    if (first === undefined) {
      this.namespaceOwners.set(namespace, { owner, ...claim });
      return true;
    }
    if (!first.sharable || !claim.sharable) {
      throw new ValidationError(`namespace of ${owner}`, namespace,
        `${first.owner} already uses this namespace, and an AITrainingNamespace owns its namespace alone; serve from another namespace.`);
    }
    if (first.createsNamespace !== claim.createsNamespace) {
      throw new ValidationError(`createNamespace of ${owner}`, claim.createsNamespace,
        `${first.owner} shares this namespace with createNamespace: ${first.createsNamespace}; endpoints sharing a namespace must agree on it.`);
    }
    if (first.clusterDns !== claim.clusterDns) {
      throw new ValidationError(`clusterDns of ${owner}`, claim.clusterDns ?? 'default',
        `${first.owner} shares this namespace with clusterDns ${first.clusterDns ?? 'default'}. Endpoints sharing a namespace share its allow-dns policy (and each one's change control judges it as DNS only with its own clusterDns): give them the same clusterDns.`);
    }
    return false;
  }

}

/** What a construct claims of a namespace: whether it creates it, may share it, and how its DNS policy reaches the cluster DNS. @internal */
export interface NamespaceClaim {
  readonly createsNamespace: boolean;
  readonly sharable: boolean;
  /** How the namespace's allow-dns reaches the cluster DNS, in words; sharers must agree. */
  readonly clusterDns?: string;
}

/** Two objects of one kind, namespace and name in an app: apply tools reject or fight over them. */
function duplicateObjects(root: IConstruct): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const group = c.apiVersion.includes('/') ? c.apiVersion.split('/')[0] : '';
    const key = `${c.kind}${group ? `.${group}` : ''} ${c.metadata.namespace ?? ''}/${c.name}`;
    const prior = seen.get(key);
    if (prior !== undefined) {
      errors.push(`Invalid objects: ${key} is written twice (${prior} and ${c.node.path}). Give one of them another name, or share the object (endpoints in one namespace share its Namespace and default NetworkPolicies).`);
    } else {
      seen.set(key, c.node.path);
    }
  }
  return errors;
}
