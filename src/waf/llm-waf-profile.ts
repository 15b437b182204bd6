import { CrsFamily } from './crs-family';
import { CrsRuleSet } from './crs-rule-set';
import { DetectorAction } from './detector-action';
import { DetectorClass } from './detectors/pattern-detector';
import { PROMPT_INJECTION } from './detectors/prompt-injection';
import {
  CHAT_TOKENS, CLOUD_CREDENTIALS, JWTS, NATIONAL_IDS, PAYMENT_CARDS, PAYMENT_TOKENS, PRIVATE_KEYS, VCS_CREDENTIALS,
} from './detectors/sensitive-data';
import {
  CANONICAL_IPV4_REGEX, EMBEDDED_IPV4_IN_IPV6_REGEX, EMBEDDED_METADATA_IP_REGEX, METADATA_CIDRS, METADATA_HOSTNAME_REGEX,
  NUMERIC_HOST_REGEX, PRIVATE_CIDRS, PRIVATE_HOSTNAME_REGEX,
} from './detectors/ssrf';
import { CostFieldCap, LlmWafProfileProps } from './llm-waf-options';
import { actionText, comment, escapeRegex, secAction, secRule } from './seclang';
import { WafMode } from './waf-mode';
import { WafRenderContext, WafRoute } from './waf-render-context';

/** Label put on objects that carry the profile's rules. */
export const WAF_PROFILE_LABEL = 'secure-ai.cdk8s.io/waf-profile';

/** Tag put on every rule of the profile. */
export const WAF_PROFILE_TAG = 'cdk8s-secure-ai/llm-waf';

/** Where the ingress-nginx delivery expects the rules file inside the controller pod. */
export const INGRESS_NGINX_RULES_PATH = '/etc/nginx/llm-waf/llm-waf.conf';

const DEFAULT_PROMPT_FIELDS = [
  'messages.*.content',
  'messages.*.content.*.text',
  'messages.*.tool_calls.*.function.arguments',
  'prompt',
  'prompt.*',
  'input',
  'input.*',
  'suffix',
  'tools.*.function.description',
  'instructions',
];

const DEFAULT_URL_FIELDS = ['url', 'image_url', 'audio_url', 'video_url', 'file_url'];

const DEFAULT_COST_CAPS: CostFieldCap[] = [
  { field: 'max_tokens', max: 8192 },
  { field: 'max_completion_tokens', max: 8192 },
  { field: 'max_new_tokens', max: 8192 },
  { field: 'n', max: 4 },
  { field: 'best_of', max: 4 },
];

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FIELD_PATH = /^(?:[A-Za-z_][A-Za-z0-9_-]*|\*)(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|\*))*$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const HOST_NAME = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ROUTE_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** Rendering switches that differ between deliveries. */
interface RenderOptions {
  readonly crsRuleSet: CrsRuleSet;
  /** Whether the engine has the `@verifyCC` operator (Luhn check). */
  readonly verifyCc: boolean;
}

/** Allocates rule ids in a block per section. */
class RuleIds {
  private next: number;
  constructor(private readonly first: number, private readonly last: number) {
    this.next = first;
  }
  public take(): number {
    if (this.next > this.last) {
      throw new Error(`LlmWafProfile: rule id block ${this.first}-${this.last} is exhausted (too many routes or fields).`);
    }
    return this.next++;
  }
}

/**
 * A WAF profile for LLM inference APIs, rendered as SecLang for ModSecurity v3 and Coraza.
 *
 * It refuses what the endpoint does not serve (routes, methods, content types, malformed or
 * oversized JSON), caps cost fields, finds secrets, personal data and prompt injection in
 * prompts, stops SSRF through URL fields, and keeps the OWASP CRS for the URI, headers and
 * non-prompt fields while sparing prompt text from families that fire on natural language.
 */
export class LlmWafProfile {
  /** Block or detect only. */
  public readonly mode: WafMode;
  /** CRS paranoia level (1-4). */
  public readonly paranoiaLevel: number;
  /** Whether CRS is included. */
  public readonly crs: boolean;
  /** JSON paths treated as prompt text. */
  public readonly promptFields: string[];
  /** CRS families included. */
  public readonly crsFamilies: CrsFamily[];

  private readonly contentTypes: string[];
  private readonly maxBodyKiB: number;
  private readonly maxJsonDepth: number;
  private readonly maxArguments: number;
  private readonly costCaps: CostFieldCap[];
  private readonly allowedModels?: string[];
  private readonly urlFields: string[];
  private readonly blockPrivateUrls: boolean;
  private readonly responseInspection: boolean;
  private readonly responseAction: DetectorAction;
  private readonly detectors: Array<{ cls: DetectorClass; action: DetectorAction }>;

  constructor(props: LlmWafProfileProps = {}) {
    this.mode = props.mode ?? WafMode.BLOCK;
    this.paranoiaLevel = props.paranoiaLevel ?? 1;
    if (!Number.isInteger(this.paranoiaLevel) || this.paranoiaLevel < 1 || this.paranoiaLevel > 4) {
      throw new Error(`LlmWafProfile: paranoiaLevel must be an integer from 1 to 4, got ${props.paranoiaLevel}. Use 1 (default) unless you tune CRS exclusions for higher levels.`);
    }
    this.crs = props.crs ?? true;
    this.crsFamilies = props.crsFamilies ?? CrsFamily.defaults();
    if (this.crs && this.crsFamilies.length === 0) {
      throw new Error('LlmWafProfile: crsFamilies is empty while crs is on. List families (e.g. CrsFamily.defaults()) or set crs: false.');
    }

    this.contentTypes = (props.allowedContentTypes ?? ['application/json']).map((t) => t.trim().toLowerCase());
    if (this.contentTypes.length === 0) {
      throw new Error('LlmWafProfile: allowedContentTypes is empty. List at least one media type, e.g. ["application/json"].');
    }
    for (const t of this.contentTypes) {
      if (!MEDIA_TYPE.test(t)) {
        throw new Error(`LlmWafProfile: allowedContentTypes contains "${t}", which is not a media type. Use type/subtype without parameters, e.g. "application/json".`);
      }
    }

    this.maxBodyKiB = positiveInteger('maxRequestBodyKiB', props.maxRequestBodyKiB, 10240, 1, 1024 * 1024);
    this.maxJsonDepth = positiveInteger('maxJsonDepth', props.maxJsonDepth, 32, 2, 1024);
    this.maxArguments = positiveInteger('maxArguments', props.maxArguments, 4096, 1, 1000000);

    this.costCaps = props.costFieldCaps ?? DEFAULT_COST_CAPS;
    const seen = new Set<string>();
    for (const cap of this.costCaps) {
      if (!FIELD_NAME.test(cap.field)) {
        throw new Error(`LlmWafProfile: costFieldCaps field "${cap.field}" is not a top-level JSON field name. Use letters, digits, "_" or "-", e.g. "max_tokens".`);
      }
      if (seen.has(cap.field)) {
        throw new Error(`LlmWafProfile: costFieldCaps lists "${cap.field}" twice. Keep one cap per field.`);
      }
      seen.add(cap.field);
      if (!Number.isInteger(cap.max) || cap.max < 0 || cap.max > 999999999) {
        throw new Error(`LlmWafProfile: costFieldCaps max for "${cap.field}" must be an integer from 0 to 999999999, got ${cap.max}.`);
      }
    }

    if (props.allowedModels !== undefined) {
      if (props.allowedModels.length === 0) {
        throw new Error('LlmWafProfile: allowedModels is empty, which would refuse every request. Omit it to allow any model, or list the served models.');
      }
      for (const m of props.allowedModels) {
        if (!m || /[\s"]/.test(m)) {
          throw new Error(`LlmWafProfile: allowedModels contains "${m}". Model names must be non-empty and contain no spaces or quotes.`);
        }
      }
      this.allowedModels = [...props.allowedModels];
    }

    this.promptFields = props.promptFields ?? DEFAULT_PROMPT_FIELDS;
    for (const f of this.promptFields) {
      if (!FIELD_PATH.test(f)) {
        throw new Error(`LlmWafProfile: promptFields contains "${f}", which is not a JSON path. Use dot-separated names with "*" for any index, e.g. "messages.*.content".`);
      }
    }
    this.urlFields = props.urlFields ?? DEFAULT_URL_FIELDS;
    for (const f of this.urlFields) {
      if (!FIELD_NAME.test(f)) {
        throw new Error(`LlmWafProfile: urlFields contains "${f}", which is not a JSON field name. Use the last key of the field, e.g. "image_url" or "url".`);
      }
    }
    this.blockPrivateUrls = props.blockPrivateUrls ?? true;
    this.responseInspection = props.responseInspection ?? false;
    this.responseAction = props.responseInspectionAction ?? DetectorAction.BLOCK;

    const sd = props.sensitiveData ?? {};
    this.detectors = [
      { cls: CLOUD_CREDENTIALS, action: sd.cloudCredentials ?? DetectorAction.BLOCK },
      { cls: VCS_CREDENTIALS, action: sd.vcsCredentials ?? DetectorAction.BLOCK },
      { cls: PRIVATE_KEYS, action: sd.privateKeys ?? DetectorAction.BLOCK },
      { cls: CHAT_TOKENS, action: sd.chatTokens ?? DetectorAction.BLOCK },
      { cls: PAYMENT_TOKENS, action: sd.paymentTokens ?? DetectorAction.BLOCK },
      { cls: JWTS, action: sd.jwts ?? DetectorAction.BLOCK },
      { cls: PAYMENT_CARDS, action: sd.paymentCards ?? DetectorAction.BLOCK },
      { cls: NATIONAL_IDS, action: sd.nationalIds ?? DetectorAction.BLOCK },
      { cls: PROMPT_INJECTION, action: props.promptInjection ?? DetectorAction.BLOCK },
    ];
  }

  /**
   * The plain rules file (SecLang) for any ModSecurity v3 or Coraza deployment.
   * It includes the CRS named by `context.crsRuleSet` at the right place.
   */
  public renderRules(context: WafRenderContext): string {
    return this.render(context, { crsRuleSet: context.crsRuleSet ?? CrsRuleSet.INGRESS_NGINX, verifyCc: true });
  }

  /**
   * The Coraza directives for Envoy Gateway (coraza-proxy-wasm through an EnvoyExtensionPolicy):
   * CRS from the embedded `@owasp_crs` tree; payment cards by shape and context (no `@verifyCC` there).
   */
  public renderCorazaDirectives(context: WafRenderContext): string {
    return this.render(context, { crsRuleSet: CrsRuleSet.CORAZA_EMBEDDED, verifyCc: false });
  }

  /**
   * The ingress-nginx controller ConfigMap entries (controller level, owned by the platform team):
   * ModSecurity on, the controller's own CRS toggle off (the profile includes CRS itself, in order),
   * and a `modsecurity-snippet` that includes the rules file mounted at `INGRESS_NGINX_RULES_PATH`
   * (render it with `renderRules` and `CrsRuleSet.INGRESS_NGINX`, e.g. through `LlmWafRulesConfigMap`).
   */
  public renderIngressNginxControllerConfig(context: WafRenderContext): { [key: string]: string } {
    validateContext(context);
    return {
      'enable-modsecurity': 'true',
      'enable-owasp-modsecurity-crs': 'false',
      'modsecurity-snippet': `Include ${INGRESS_NGINX_RULES_PATH}\n`,
    };
  }

  private render(context: WafRenderContext, opts: RenderOptions): string {
    validateContext(context);
    const out: string[] = [];
    out.push(comment([
      'LLM inference WAF profile (cdk8s-secure-ai). Generated: do not edit.',
      'Valid for ModSecurity v3 and Coraza. Rule ids 73000-73999.',
    ].join('\n')));
    out.push(this.engineSettings());
    if (this.crs) {
      out.push(comment('OWASP CRS setup, then the profile\'s CRS tuning (before the CRS rules).'));
      out.push(`Include ${opts.crsRuleSet.setupFile}`);
      out.push(this.crsTuning());
    }
    out.push(...this.routeRules(context));
    out.push(...this.bodyRules());
    out.push(...this.costRules());
    out.push(...this.detectorRules(opts));
    out.push(...this.ssrfRules());
    out.push(...this.lookupInjectionRules());
    if (this.responseInspection) out.push(...this.responseRules());
    if (this.crs) {
      out.push(comment(`OWASP CRS rules: initialisation, the kept families (${this.crsFamilies.map((f) => `${f.number} ${f.name}`).join(', ')}), blocking evaluation.`));
      const files = [901, ...[...new Set(this.crsFamilies.map((f) => f.number))].sort(), 949];
      out.push(files.map((n) => `Include ${opts.crsRuleSet.rulesDir}/REQUEST-${n}-*.conf`).join('\n'));
      out.push(...this.crsExclusions());
    }
    return out.join('\n\n') + '\n';
  }

  private engineSettings(): string {
    const bodyBytes = this.maxBodyKiB * 1024;
    const lines = [
      `SecRuleEngine ${this.mode.secRuleEngine}`,
      'SecRequestBodyAccess On',
      `SecRequestBodyLimit ${bodyBytes}`,
      `SecRequestBodyNoFilesLimit ${bodyBytes}`,
      'SecRequestBodyLimitAction Reject',
      `SecResponseBodyAccess ${this.responseInspection ? 'On' : 'Off'}`,
    ];
    if (this.responseInspection) {
      lines.push('SecResponseBodyMimeType application/json', 'SecResponseBodyLimit 1048576', 'SecResponseBodyLimitAction ProcessPartial');
    }
    lines.push(
      comment('Audit log without request or response bodies: matched values never reach the log (detectors log masked hints).'),
      'SecAuditEngine RelevantOnly',
      'SecAuditLogParts ABFHZ',
    );
    return lines.join('\n');
  }

  private crsTuning(): string {
    return secAction([
      'id:73000', 'phase:1', 'pass', 'nolog', 't:none',
      `setvar:tx.paranoia_level=${this.paranoiaLevel}`,
      `setvar:tx.blocking_paranoia_level=${this.paranoiaLevel}`,
      `setvar:tx.detection_paranoia_level=${this.paranoiaLevel}`,
      `setvar:tx.executing_paranoia_level=${this.paranoiaLevel}`,
      `tag:${WAF_PROFILE_TAG}`,
    ]);
  }

  private deny(status: number): string[] {
    return ['deny', `status:${status}`, 'log', `tag:${WAF_PROFILE_TAG}`];
  }

  private routeRules(context: WafRenderContext): string[] {
    const ids = new RuleIds(73010, 73099);
    const out = [comment('Routes, methods and hosts the endpoint serves; everything else is refused.')];
    out.push(secRule({
      variables: 'REQUEST_FILENAME',
      operator: '@rx (?:^|/)\\.{1,2}(?:/|$)|//|\\\\|\\x00',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:urlDecodeUni', ...this.deny(400), "msg:'LLM WAF: path with dot segments, empty segments or backslashes'"],
    }));
    if (context.hosts && context.hosts.length > 0) {
      const hostRe = context.hosts.map((h) => h.startsWith('*.') ? `[a-z0-9-]+\\.${escapeRegex(h.slice(2))}` : escapeRegex(h)).join('|');
      out.push(secRule({
        variables: 'REQUEST_HEADERS:Host',
        operator: `!@rx ^(?:${hostRe})(?::[0-9]{1,5})?$`,
        actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', ...this.deny(404), "msg:'LLM WAF: host not served by this endpoint'"],
      }));
      out.push(secRule({
        variables: '&REQUEST_HEADERS:Host',
        operator: '@eq 0',
        actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...this.deny(400), "msg:'LLM WAF: request without Host header'"],
      }));
    }
    context.routes.forEach((route, i) => {
      out.push(secRule({
        variables: 'REQUEST_FILENAME',
        operator: routeOperator(route),
        actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', `setvar:tx.llm_route_${i}=1`, 'setvar:tx.llm_route_known=1', `tag:${WAF_PROFILE_TAG}`],
      }));
    });
    out.push(secRule({
      variables: '&TX:llm_route_known',
      operator: '@eq 0',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...this.deny(404), "msg:'LLM WAF: route not served by this endpoint'", "logdata:'%{REQUEST_FILENAME}'"],
    }));
    context.routes.forEach((route, i) => {
      out.push(secRule({
        variables: `TX:llm_route_${i}`,
        operator: '@eq 1',
        actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...this.deny(405), `msg:'LLM WAF: method not allowed on ${actionText(route.path)}'`, "logdata:'%{REQUEST_METHOD}'"],
        chain: [{ variables: 'REQUEST_METHOD', operator: `!@within ${route.methods.map((m) => m.toUpperCase()).join(' ')}`, actions: [] }],
      }));
    });
    return out;
  }

  private bodyRules(): string[] {
    const ids = new RuleIds(73100, 73199);
    const out = [comment('Request bodies: JSON only, parsed by the engine, bounded in size, depth and argument count.')];
    out.push(secRule({
      variables: 'REQUEST_METHOD',
      operator: '@within POST PUT PATCH',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', 'setvar:tx.llm_has_body=1'],
    }));
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Content-Length',
      operator: '!@rx ^0*$',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', 'setvar:tx.llm_has_body=1'],
    }));
    out.push(secRule({
      variables: '&REQUEST_HEADERS:Transfer-Encoding',
      operator: '@gt 0',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', 'setvar:tx.llm_has_body=1'],
    }));
    const types = this.contentTypes.map(escapeRegex).join('|');
    out.push(secRule({
      variables: 'REQUEST_HEADERS:Content-Type',
      operator: `@rx ^(?:${types})[ \\t]*(?:;[ \\t]*charset[ \\t]*=[ \\t]*(?:utf-8|\\x22utf-8\\x22)[ \\t]*)?$`,
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog', 'setvar:tx.llm_content_type_ok=1'],
    }));
    out.push(secRule({
      variables: 'TX:llm_has_body',
      operator: '@eq 1',
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...this.deny(415), "msg:'LLM WAF: request body content type not allowed'", "logdata:'%{REQUEST_HEADERS.Content-Type}'"],
      chain: [{ variables: '&TX:llm_content_type_ok', operator: '@eq 0', actions: [] }],
    }));
    const jsonTypes = this.contentTypes.filter((t) => t === 'application/json' || t.endsWith('+json'));
    if (jsonTypes.length > 0) {
      out.push(secRule({
        variables: 'REQUEST_HEADERS:Content-Type',
        operator: `@rx ^(?:${jsonTypes.map(escapeRegex).join('|')})`,
        actions: [
          `id:${ids.take()}`, 'phase:1', 't:none', 't:lowercase', 'pass', 'nolog',
          'ctl:requestBodyProcessor=JSON',
          // The parsed JSON is inspected through ARGS; the raw body is not scanned again by CRS.
          ...(this.crs ? ['ctl:ruleRemoveTargetByTag=OWASP_CRS;REQUEST_BODY'] : []),
        ],
      }));
    }
    out.push(secRule({
      variables: 'REQBODY_ERROR',
      operator: '!@eq 0',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...this.deny(400), "msg:'LLM WAF: malformed request body'", "logdata:'%{REQBODY_ERROR_MSG}'"],
    }));
    out.push(secRule({
      variables: '&ARGS',
      operator: `@gt ${this.maxArguments}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...this.deny(400), `msg:'LLM WAF: more than ${this.maxArguments} arguments'`],
    }));
    out.push(secRule({
      variables: 'ARGS_NAMES',
      operator: `@rx ^json(?:\\.[^.]*){${this.maxJsonDepth + 1},}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...this.deny(400), `msg:'LLM WAF: JSON nested deeper than ${this.maxJsonDepth}'`],
    }));
    return out;
  }

  private costRules(): string[] {
    const ids = new RuleIds(73200, 73299);
    const out = [comment('Cost fields: integers under their caps; model allow-list.')];
    for (const cap of this.costCaps) {
      out.push(secRule({
        variables: `ARGS:json.${cap.field}`,
        operator: '!@rx ^(?:[0-9]{1,9}|null)?$',
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...this.deny(400), `msg:'LLM WAF: ${cap.field} must be a non-negative integer'`],
      }));
      out.push(secRule({
        variables: `ARGS:json.${cap.field}`,
        operator: `@gt ${cap.max}`,
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...this.deny(400), `msg:'LLM WAF: ${cap.field} above the cap of ${cap.max}'`, "logdata:'%{MATCHED_VAR}'"],
      }));
    }
    if (this.allowedModels) {
      out.push(secRule({
        variables: 'ARGS:json.model',
        operator: `!@rx ^(?:${this.allowedModels.map(escapeRegex).join('|')})$`,
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...this.deny(400), "msg:'LLM WAF: model not served'", "logdata:'%{MATCHED_VAR}'"],
      }));
    }
    return out;
  }

  private detectorRules(opts: RenderOptions): string[] {
    const ids = new RuleIds(73300, 73799);
    const out = [comment([
      'Sensitive data and prompt injection in request fields.',
      'Detection rules are nolog (the matched value never reaches a log); the enforcement',
      'rule logs the class, the field name and a masked hint.',
    ].join('\n'))];
    // One candidate pass per group over every field (the union of the group's prefilters);
    // signatures run only when their group has a candidate. Both engines scan `@pm` lists fast
    // enough; number shapes start with a digit class, which Go's regexp cannot skip to, so their
    // candidate regex runs only on the fields that have a digit (a byte-range check, cheap on both).
    const active = this.detectors.filter((d) => d.action !== DetectorAction.OFF);
    for (const group of ['tokens', 'numbers'] as const) {
      const sigs = active.filter((d) => d.cls.group === group).flatMap((d) => d.cls.signatures)
        .filter((sig) => opts.verifyCc || !sig.operator.startsWith('@verifyCC'));
      if (sigs.length === 0) continue;
      const candidate = candidateOperator(sigs.map((sig) => sig.prefilter));
      const flag = `setvar:tx.llm_candidate_${group}=1`;
      if (candidate.startsWith('@pm ')) {
        out.push(secRule({
          variables: 'ARGS',
          operator: candidate,
          actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', flag, `tag:${WAF_PROFILE_TAG}`],
        }));
      } else {
        out.push(secRule({
          variables: 'ARGS',
          operator: '@validateByteRange 0-47,58-255',
          actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `tag:${WAF_PROFILE_TAG}`],
          chain: [{ variables: 'MATCHED_VARS', operator: candidate, actions: [flag] }],
        }));
      }
    }
    for (const { cls, action } of active) {
      for (const sig of cls.signatures) {
        if (!opts.verifyCc && sig.operator.startsWith('@verifyCC')) continue;
        const detect = [
          ...sig.transforms,
          `setvar:tx.llm_${cls.key}=1`,
          `setvar:tx.llm_${cls.key}_field=%{MATCHED_VAR_NAME}`,
          `setvar:tx.llm_${cls.key}_signature=${sig.name}`,
        ];
        if (cls.group === 'phrases') {
          // One Aho-Corasick pass with the words every match contains, then the signature on the hits.
          out.push(secRule({
            variables: 'ARGS',
            operator: sig.prefilter,
            actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `tag:${WAF_PROFILE_TAG}`],
            chain: [{ variables: 'MATCHED_VARS', operator: sig.operator, actions: detect }],
          }));
        } else {
          out.push(secRule({
            variables: `TX:llm_candidate_${cls.group}`,
            operator: '@eq 1',
            actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `tag:${WAF_PROFILE_TAG}`],
            chain: [{ variables: 'ARGS', operator: sig.operator, actions: detect }],
          }));
        }
      }
      const enforce = action === DetectorAction.BLOCK ? this.deny(403) : ['pass', 'log', `tag:${WAF_PROFILE_TAG}`];
      out.push(secRule({
        variables: `TX:llm_${cls.key}`,
        operator: '@eq 1',
        actions: [
          `id:${ids.take()}`, 'phase:2', 't:none', ...enforce,
          `msg:'LLM WAF: ${actionText(cls.title)} in request'`,
          `logdata:'signature %{tx.llm_${cls.key}_signature} in %{tx.llm_${cls.key}_field} (value masked)'`,
          `tag:llm-${cls.key.replace(/_/g, '-')}`,
        ],
      }));
    }
    return out;
  }

  private ssrfRules(): string[] {
    const ids = new RuleIds(73800, 73899);
    // One variable per field: ModSecurity's parser does not accept "|" inside a variable regex.
    const fields = this.urlFields.map((f) => `ARGS:/\\.${escapeRegex(f)}$/`).join('|');
    const out = [comment('SSRF through URL fields: only http(s) and inline data; never metadata, link-local or (optionally) private hosts, in any notation.')];
    out.push(secRule({
      variables: fields,
      operator: '!@rx ^(?:https?://|data:)',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:trim', 't:lowercase', ...this.deny(403), "msg:'LLM WAF: URL field with a scheme other than http, https or data'", "logdata:'%{MATCHED_VAR_NAME}'"],
    }));
    // Extract the host (IPv6 literals without brackets) into tx.llm_url_host.
    out.push(secRule({
      variables: fields,
      operator: '@rx ^https?://(?:[^@/?#\\\\]*@)?([^\\[:/?#\\\\]*)',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:trim', 't:urlDecodeUni', 't:lowercase', 'pass', 'nolog', 'capture', 'setvar:tx.llm_url_host=%{TX.1}', 'setvar:tx.llm_url_field=%{MATCHED_VAR_NAME}'],
    }));
    out.push(secRule({
      variables: fields,
      operator: '@rx ^https?://(?:[^@/?#\\\\]*@)?\\[([^\\]]*)\\]',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:trim', 't:urlDecodeUni', 't:lowercase', 'pass', 'nolog', 'capture', 'setvar:tx.llm_url_host=%{TX.1}', 'setvar:tx.llm_url_ipv6=1', 'setvar:tx.llm_url_field=%{MATCHED_VAR_NAME}'],
    }));
    const cidrs = [...METADATA_CIDRS, ...(this.blockPrivateUrls ? PRIVATE_CIDRS : [])];
    const denyUrl = (msg: string) => [...this.deny(403), `msg:'LLM WAF: ${msg}'`, "logdata:'%{tx.llm_url_field}: %{tx.llm_url_host}'"];
    out.push(secRule({
      variables: 'TX:llm_url_host',
      operator: `@ipMatch ${cidrs.join(',')}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl(this.blockPrivateUrls ? 'URL to a metadata, link-local or private address' : 'URL to a metadata or link-local address')],
    }));
    out.push(secRule({
      variables: 'TX:llm_url_host',
      operator: `@rx ${METADATA_HOSTNAME_REGEX}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL to a cloud metadata host name')],
    }));
    out.push(secRule({
      variables: 'TX:llm_url_host',
      operator: `@rx ${EMBEDDED_METADATA_IP_REGEX}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL host embeds the link-local metadata address')],
    }));
    out.push(secRule({
      variables: 'TX:llm_url_host',
      operator: `@rx ${NUMERIC_HOST_REGEX}`,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL host is an IP address in a non-canonical notation')],
      chain: [{ variables: 'TX:llm_url_host', operator: `!@rx ${CANONICAL_IPV4_REGEX}`, actions: [] }],
    }));
    out.push(secRule({
      variables: 'TX:llm_url_ipv6',
      operator: '@eq 1',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL host is an IPv6 literal embedding an IPv4 address')],
      chain: [{ variables: 'TX:llm_url_host', operator: `@rx ${EMBEDDED_IPV4_IN_IPV6_REGEX}`, actions: [] }],
    }));
    if (this.blockPrivateUrls) {
      out.push(secRule({
        variables: 'TX:llm_url_host',
        operator: `@rx ${PRIVATE_HOSTNAME_REGEX}`,
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...denyUrl('URL to a loopback or cluster-internal host name')],
      }));
    }
    return out;
  }

  /**
   * JNDI / lookup injection (Log4Shell) in the URI, headers, cookies and non-prompt fields.
   * CRS 4 has it (944150); the CRS 3.3 packaged by Debian does not, so the profile carries it.
   */
  private lookupInjectionRules(): string[] {
    const ids = new RuleIds(73900, 73909);
    const notPrompt = this.promptFields.map((f) => `!ARGS:/^json\\.${promptFieldRegex(f)}$/`).join('|');
    return [
      comment('Lookup injection (Log4Shell) outside prompt text.'),
      secRule({
        variables: `REQUEST_URI|REQUEST_HEADERS|REQUEST_COOKIES|ARGS_NAMES|ARGS|${notPrompt}`,
        operator: '@rx \\$\\{(?:[^}]{0,20}\\$\\{|[^}]{0,20}(?:jndi|ldaps?|rmi|dns|iiop|corba|nds|nis|lower|upper|env|sys|date|java|main|base64|bundle|ctx|spring|k8s|docker|web|log4j|marker)\\s*:)',
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', 't:urlDecodeUni', 't:lowercase', ...this.deny(403), "msg:'LLM WAF: lookup (JNDI) injection'", "logdata:'%{MATCHED_VAR_NAME}'"],
      }),
    ];
  }

  private responseRules(): string[] {
    const ids = new RuleIds(73910, 73949);
    const out = [comment('Response inspection (non-streaming JSON responses): secrets leaking out.')];
    const leaking = [CLOUD_CREDENTIALS, VCS_CREDENTIALS, PRIVATE_KEYS, CHAT_TOKENS, PAYMENT_TOKENS];
    for (const cls of leaking) {
      for (const sig of cls.signatures) {
        out.push(secRule({
          variables: 'RESPONSE_BODY',
          operator: sig.prefilter,
          actions: [`id:${ids.take()}`, 'phase:4', ...sig.transforms, 'pass', 'nolog'],
          chain: [{
            variables: 'MATCHED_VARS',
            operator: sig.operator,
            actions: [...sig.transforms, 'setvar:tx.llm_response_leak=1', `setvar:tx.llm_response_leak_signature=${sig.name}`],
          }],
        }));
      }
    }
    const enforce = this.responseAction === DetectorAction.BLOCK ? this.deny(502) : ['pass', 'log', `tag:${WAF_PROFILE_TAG}`];
    out.push(secRule({
      variables: 'TX:llm_response_leak',
      operator: '@eq 1',
      actions: [`id:${ids.take()}`, 'phase:4', 't:none', ...enforce, "msg:'LLM WAF: secret in response'", "logdata:'signature %{tx.llm_response_leak_signature} (value masked)'"],
    }));
    return out;
  }

  private crsExclusions(): string[] {
    return [
      comment([
        'Prompt text is natural language and code: CRS families (SQLi, XSS, RCE, LFI, PHP, Java,',
        'protocol) would fire on ordinary questions, so prompt fields are excluded from every CRS',
        'rule. CRS keeps the URI, headers, cookies and all other fields.',
      ].join('\n')),
      // ModSecurity's parser does not accept "|" inside a variable regex, so there is one
      // exclusion per field, a field and its sub-fields sharing one (each exclusion is checked
      // for every CRS rule).
      ...promptFieldGroups(this.promptFields).map((r) => `SecRuleUpdateTargetByTag "OWASP_CRS" "!ARGS:/^json\\.${r}$/"`),
    ];
  }
}

/** The union of prefilters: one `@pm` list, or a regex alternation when any prefilter is a regex. */
function candidateOperator(prefilters: string[]): string {
  const pm = prefilters.filter((p) => p.startsWith('@pm '));
  const rx = prefilters.filter((p) => p.startsWith('@rx '));
  if (rx.length === 0) return `@pm ${[...new Set(pm.flatMap((p) => p.slice(4).split(' ')))].join(' ')}`;
  const words = [...new Set(pm.flatMap((p) => p.slice(4).split(' ')))].map(escapeRegex);
  const parts = [...new Set(rx.map((p) => p.slice(4)))];
  if (words.length > 0) parts.push(`(?i)(?:${words.join('|')})`.replace('(?i)', ''));
  return `@rx ${words.length > 0 ? '(?i)' : ''}(?:${parts.join('|')})`;
}

function positiveInteger(field: string, value: number | undefined, dflt: number, min: number, max: number): number {
  const v = value ?? dflt;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new Error(`LlmWafProfile: ${field} must be an integer from ${min} to ${max}, got ${value}. Omit it for the default (${dflt}).`);
  }
  return v;
}

/**
 * Prompt-field paths as few regexes without "|": a path and one longer path under it share a
 * regex (`prompt` and `prompt.*` give `prompt(?:\.[^.]+)?`).
 */
function promptFieldGroups(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  const used = new Set<string>();
  const out: string[] = [];
  for (const base of sorted) {
    if (used.has(base)) continue;
    used.add(base);
    const under = sorted.filter((p) => !used.has(p) && p.startsWith(`${base}.`));
    if (under.length === 1) {
      used.add(under[0]);
      out.push(`${promptFieldRegex(base)}(?:\\.${promptFieldRegex(under[0].slice(base.length + 1))})?`);
    } else {
      out.push(promptFieldRegex(base));
    }
  }
  return out;
}

/** A prompt-field path to a regex over engine argument names (ModSecurity `array_0` and Coraza `0` alike). */
function promptFieldRegex(path: string): string {
  return path.split('.').map((seg) => (seg === '*' ? '[^.]+' : escapeRegex(seg))).join('\\.');
}

function routeOperator(route: WafRoute): string {
  const p = escapeRegex(route.path.replace(/\/+$/, '') || '/');
  if (route.pathMatch === 'Exact') return `@rx ^${escapeRegex(route.path)}$`;
  if (route.path === '/') return '@rx ^/';
  return `@rx ^${p}(?:/|$)`;
}

function validateContext(context: WafRenderContext): void {
  if (!context.routes || context.routes.length === 0) {
    throw new Error('LlmWafProfile: context.routes is empty. List the routes the endpoint serves, e.g. { path: "/v1/chat/completions", pathMatch: "Exact", methods: ["POST"] }.');
  }
  for (const r of context.routes) {
    if (!ROUTE_PATH.test(r.path)) {
      throw new Error(`LlmWafProfile: route path "${r.path}" is invalid. Use an absolute path starting with "/", without spaces or quotes.`);
    }
    if (r.pathMatch !== 'Exact' && r.pathMatch !== 'Prefix') {
      throw new Error(`LlmWafProfile: route "${r.path}" has pathMatch "${r.pathMatch}". Use "Exact" or "Prefix".`);
    }
    if (!r.methods || r.methods.length === 0) {
      throw new Error(`LlmWafProfile: route "${r.path}" has no methods. List the allowed methods, e.g. ["POST"].`);
    }
    for (const m of r.methods) {
      if (!HTTP_METHODS.includes(m.toUpperCase())) {
        throw new Error(`LlmWafProfile: route "${r.path}" has method "${m}". Use one of ${HTTP_METHODS.join(', ')}.`);
      }
    }
  }
  for (const h of context.hosts ?? []) {
    if (!HOST_NAME.test(h)) {
      throw new Error(`LlmWafProfile: host "${h}" is not a lower-case DNS name. Use e.g. "llm.example.com" or "*.example.com".`);
    }
  }
}
