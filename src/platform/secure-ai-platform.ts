import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { writeConstructPaths } from './construct-paths-record';
import { COMPOSED_FROM_ANNOTATION, CONTROLLER_WIDE_SETTINGS_ANNOTATION, DESCRIPTION_ANNOTATION } from '../facts/label-keys';
import { PLATFORM_OWNED_CHART_ID } from '../facts/platform-owned-chart';
import { AuditRuleModel, composeAuditRules } from '../model/audit-policy-model';
import { assertSameQuotaChoice, composeServingQuota, ServingQuotaContribution } from '../model/serving-namespace-quota';
import { ValidationError } from '../options/validation-error';
import { renderAuditPolicy } from '../render/audit-policy';
import { composeControllerSettings, CONTROLLER_WIDE_EFFECTS, ControllerSettingsContribution } from '../render/controller-settings';
import { renderServingNamespaceQuota } from '../render/serving-namespace-quota';
import { ComposedWafPart, composedShape, composeLlmWafRules, INGRESS_NGINX_BASE_CONFIG } from '../render/waf/composed-llm-waf-rules';
import { ARGO_CD_SERVER_SIDE_APPLY, rulesConfigMapData, WAF_HOSTS_ANNOTATION, WAF_PROFILE_LABEL } from '../render/waf/llm-waf-rules-config-map';

/** Name of the one rules ConfigMap per controller namespace (mounted at `INGRESS_NGINX_RULES_PATH`). */
export const LLM_WAF_RULES_CONFIG_MAP = 'llm-waf-rules';

const PLATFORM_ID = 'secure-ai-platform';

/**
 * What the platform team owns for every endpoint and training namespace of an app, written
 * once per app: the objects a cluster administrator applies so that the deployers need no
 * cluster-wide rights, one ConfigMap per controller (its settings and WAF rules, composed from
 * every endpoint on it) and one API-server audit policy. Found by scope:
 * `SecureAiPlatform.of(construct)` returns the app's one instance, creating it on first use.
 *
 * Its charts sit at the root of the app, so each synthesises to a file of its own:
 * - `secure-ai-platform-owned.k8s.yaml` (`platformOwnedChart`): the cluster-scoped objects and
 *   the ones that let the deployers in, for every endpoint and training namespace of the app
 *   (Namespaces, ValidatingAdmissionPolicies and their bindings, Roles, RoleBindings and the
 *   ServiceAccounts the constructs create, each serving namespace's ResourceQuota and LimitRange
 *   composed from its endpoints; for a training namespace, everything it writes).
 *   A cluster administrator applies it first; the deployers' charts come after it.
 * - `secure-ai-controllers.k8s.yaml` (apply it to the controllers' namespaces);
 * - `secure-ai-audit-policy.k8s.yaml` (give it to the API server's `--audit-policy-file`;
 *   managed control planes take no policy file: merge its rules into the provider's audit
 *   configuration).
 *
 * When the app records construct metadata (`new App({ recordConstructMetadata: true })` or
 * `CDK8S_RECORD_CONSTRUCT_METADATA=true`), `app.synth()` also writes
 * `secure-ai-construct-paths.json` beside the manifests: the construct path of every object of the
 * app (this library's and any other construct's), keyed by apiVersion, kind, namespace and name,
 * so that `cdk8s-secure-ai check` names the construct of objects that share a name, which cdk8s'
 * `construct-metadata.json` (keyed by name only) cannot.
 *
 * No object of a deployer's chart is made to depend on an object of the platform-owned chart:
 * cdk8s would then prefix every file name with its place in the order (`0000-...`). The order
 * between the files is the one written above: platform-owned first.
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

  private _platformOwnedChart?: Chart;
  private _controllerChart?: Chart;
  private _auditPolicyChart?: Chart;
  private readonly namespaceObjects = new Map<string, ApiObject>();
  private readonly controllerSettings = new Map<string, ControllerSettingsContribution[]>();
  private readonly auditRules = new Map<string, AuditRuleModel[]>();
  private readonly wafParts = new Map<string, ComposedWafPart[]>();
  private readonly servingQuotas = new Map<string, ServingQuotaContribution[]>();
  private readonly composedObjects: ApiObject[] = [];
  private readonly namespaceOwners = new Map<string, NamespaceClaim & { owner: string }>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => duplicateObjects(this.node.root) });
    // The construct path of every object of the app, keyed by identity, beside the manifests.
    this.node.addValidation({ validate: () => { writeConstructPaths(this.node.root); return []; } });
  }

  /**
   * The chart of what the platform team (a cluster administrator) applies for every endpoint
   * and training namespace of the app, before the deployers' charts: their Namespaces,
   * ValidatingAdmissionPolicies and bindings, Roles, RoleBindings and the ServiceAccounts they
   * create (and everything an `AITrainingNamespace` writes). Each construct's objects sit under
   * its own path (`secure-ai-platform-owned/<chart>/<construct>/...`) and are listed in its
   * `platformObjects`. Synthesises to `secure-ai-platform-owned.k8s.yaml`.
   */
  public get platformOwnedChart(): Chart {
    if (!this._platformOwnedChart) this._platformOwnedChart = new Chart(this.node.root as Construct, PLATFORM_OWNED_CHART_ID);
    return this._platformOwnedChart;
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
   * Adds an endpoint's share to its serving namespace's ResourceQuota and LimitRange (in
   * `platformOwnedChart`, created with the namespace's first share), composed at synthesis from
   * every endpoint of the namespace. A namespace whose endpoints turned the quota off gets none;
   * fails when an endpoint disagrees with the namespace's first endpoint on turning it off.
   * @internal
   */
  public _addServingNamespaceQuota(owner: IConstruct, namespace: string, contribution: ServingQuotaContribution): void {
    const list = this.servingQuotas.get(namespace);
    if (list) {
      assertSameQuotaChoice(list[0], contribution);
      list.push(contribution);
      return;
    }
    const contributions = [contribution];
    this.servingQuotas.set(namespace, contributions);
    if (contribution.sizing === undefined) return;
    // Under the namespace's first endpoint's path; read at synthesis, when every endpoint of the
    // namespace has added its share.
    const quota = renderServingNamespaceQuota(this._platformOwnedScope(owner), namespace, () => composeServingQuota(contributions));
    this.composedObjects.push(quota.resourceQuota, quota.limitRange);
    this._orderAfterNamespace(namespace, [quota.resourceQuota, quota.limitRange]);
  }

  /**
   * The objects of the platform-owned chart composed from several constructs (each serving
   * namespace's ResourceQuota and LimitRange): complete only once every construct of the app
   * exists, so adapters that apply constructs one by one apply these last.
   * @internal
   */
  public get _composedObjects(): ApiObject[] {
    return [...this.composedObjects];
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
   * controller namespace (key `llm-waf.conf`, label `secure-ai.cdk8s.io/waf-profile: llm`, Argo CD
   * told to apply it server-side), composed at synthesis from every endpoint on that controller. Fails at synthesis when two
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
            // The file grows with the controller's endpoints past what client-side apply can record.
            ...ARGO_CD_SERVER_SIDE_APPLY,
          },
        },
        // Read at synthesis, when every endpoint of the app has added its part.
        data: Lazy.any({
          produce: () => {
            const rules = composeLlmWafRules(list, { baseConfig: INGRESS_NGINX_BASE_CONFIG, verifyCc: true });
            const fix = () => {
              const shape = composedShape(list, true);
              return `Its ${list.length} endpoints compose to ${shape.groups} rule groups (one per distinct WAF profile and routes) and ${shape.detectorSections} detector sections `
                + '(one per distinct set of detector actions): give endpoints of one kind the same profile and detector actions, or put some on another controller.';
            };
            return rulesConfigMapData(rules, `the WAF rules composed for the controller in namespace ${controllerNamespace}`, fix);
          },
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
   * The scope of `owner`'s objects in the platform-owned chart: `owner`'s own path under the
   * chart (`platformOwnedScopeOf` finds it), so that the objects of two constructs never share a
   * construct path.
   * @internal
   */
  public _platformOwnedScope(owner: IConstruct): Construct {
    let scope: Construct = this.platformOwnedChart;
    for (const s of owner.node.scopes.slice(1)) {
      scope = (scope.node.tryFindChild(s.node.id) as Construct | undefined) ?? new Construct(scope, s.node.id);
    }
    return scope;
  }

  /**
   * Records a Namespace written into the platform-owned chart, and orders `objects` (of the
   * same chart) after it: objects in the namespace, and the admission policies bound to it.
   * @internal
   */
  public _orderAfterNamespace(namespace: string, objects: ApiObject[], created?: ApiObject): void {
    if (created) this.namespaceObjects.set(namespace, created);
    const object = this.namespaceObjects.get(namespace);
    if (!object) return;
    for (const o of objects) if (o !== object) o.addDependency(object);
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
