import { bodyRules } from './body-rules';
import { costRules } from './cost-rules';
import { detectorRules } from './detector-rules';
import { lookupInjectionRules } from './lookup-injection-rules';
import { WAF_PROFILE_TAG } from './profile-actions';
import { promptFieldGroups } from './prompt-fields';
import { responseRules } from './response-rules';
import { contentTypesOf } from './route-content-types';
import { routeRules } from './route-rules';
import { RuleIds } from './rule-ids';
import { schemaRules } from './schema-rules';
import { actionText, argsNamed, comment, escapeRegex, secAction, secRule } from './seclang';
import { ssrfRules } from './ssrf-rules';
import { WafProfileModel } from '../../model/waf-profile-model';
import { ValidationError } from '../../options/validation-error';
import { validateWafRenderContext } from '../../options/waf/validate-waf-render-context';
import { WafRenderContext } from '../../options/waf/waf-render-context';

/** One endpoint's share of a controller's composed rules file. @internal */
export interface ComposedWafPart {
  /** The endpoint, as `namespace/name` (named in errors and comments). */
  readonly endpoint: string;
  /** Its routes and hosts (at least one host). */
  readonly context: WafRenderContext;
  /**
   * Its profile. The profile's `maxRequestBodyKiB` is the endpoint's one body limit: the largest
   * request body the WAF lets through on its hosts.
   */
  readonly profile: WafProfileModel;
  /**
   * The value of its Ingresses' `modsecurity-transaction-id` (without `$request_id`): a marker
   * that names the endpoint whatever Host header the client sent. Undefined: Host header only.
   */
  readonly transactionIdPrefix?: string;
}

/** Options of the composition. @internal */
export interface ComposeOptions {
  /**
   * The engine's base configuration, included first: what every server of the controller had
   * at http level before a `modsecurity-snippet` replaced it. Undefined: none.
   */
  readonly baseConfig?: string;
  /** Whether the engine has `@verifyCC` (Luhn). */
  readonly verifyCc: boolean;
}

/** Where ingress-nginx keeps its ModSecurity defaults; the controller's snippet replaces the include of it. */
export const INGRESS_NGINX_BASE_CONFIG = '/etc/nginx/modsecurity/modsecurity.conf';

/** First rule id of the composed file; its ids are 7400000-7499999 (never CRS's 9xxxxx nor the per-Ingress profile's 73xxx). */
export const COMPOSED_FIRST_ID = 7400000;
/** Most endpoint groups in one composed file (ids 74gg000-74gg999 per group). */
export const MAX_COMPOSED_GROUPS = 99;
/** Most rules of the three dispatch trees (ids 74000xx-74009xx, a few kept for the rest of the dispatch block). */
const MAX_DISPATCH_RULES = 960;
/** Tag on the rules that run on every host of the app's endpoints. */
export const COMPOSED_OUR_HOSTS_TAG = `${WAF_PROFILE_TAG}/our-hosts`;

/** The tag of a group's rules. @internal */
export function groupTag(group: number): string {
  return `${WAF_PROFILE_TAG}/group-${String(group).padStart(2, '0')}`;
}

/** A transaction-id marker: letters, digits, `-` and `_` (ingress-nginx validates the annotation so). */
const MARKER = /^[A-Za-z0-9_-]+$/;
/** CRS rule files by number (request and response); the ones a group does not keep are removed at run time on its hosts. */
const CRS_FILES = [905, 911, 912, 913, 920, 921, 922, 930, 931, 932, 933, 934, 941, 942, 943, 944, 950, 951, 952, 953, 954, 955, 956, 959, 980];

interface Group {
  readonly index: number;
  readonly profile: WafProfileModel;
  readonly context: WafRenderContext;
  readonly parts: ComposedWafPart[];
}

/**
 * Composes one rules file for a controller from every endpoint on it (ModSecurity v3 and Coraza),
 * loaded at http level, i.e. for every server of the controller:
 *
 * - the engine's base configuration, then global settings that do not refuse anyone (a body
 *   limit as large as our largest endpoint's, bodies beyond it processed partially);
 * - a dispatch in phase 1: the request's endpoint from its Host header (port and trailing dot
 *   ignored) or from its Ingress's transaction-id marker; `/.well-known/acme-challenge/` passes;
 * - gates: every group's rules are removed (`ctl:ruleRemoveByTag`) unless the request is for
 *   one of that group's hosts, so other hosts pass untouched and their own rules and engine
 *   mode are left alone; on our hosts the engine is switched on (`ctl:ruleEngine`) before any
 *   rule refuses, and the CRS (loaded for our Ingresses by their own annotation) is tuned at run time;
 * - our hosts' body limits, each endpoint's own (a declared length over it refused in phase 1),
 *   with bodies larger than the engine inspects refused;
 * - one rule body per group of endpoints that share profile and routes;
 * - after the groups, one detector section (sensitive data, prompt injection) per distinct
 *   detector configuration, shared by the groups whose profiles detect alike: a request runs its
 *   group's rules, then its group's section.
 *
 * Fails, naming the endpoint, when a host belongs to two endpoints, a marker is invalid or
 * reused, there are more than 99 groups, or a part has no host.
 * @internal
 */
export function composeLlmWafRules(parts: ComposedWafPart[], options: ComposeOptions): string {
  validateParts(parts);
  const groups = groupParts(parts);
  const ids = new RuleIds(COMPOSED_FIRST_ID, COMPOSED_FIRST_ID + 999);
  const tag = `tag:${WAF_PROFILE_TAG}`;
  const limit = Math.max(...parts.map(bodyLimitBytes));
  const out: string[] = [];
  out.push(comment([
    'LLM inference WAF profile, composed for every endpoint on this controller (cdk8s-secure-ai).',
    'Generated: do not edit. Valid for ModSecurity v3 and Coraza. Rule ids 7400000-7499999.',
    `Endpoints: ${parts.map((p) => `${p.endpoint} (${(p.context.hosts ?? []).join(', ')})`).join('; ')}.`,
    'Loaded at http level: every rule below runs only for the hosts of these endpoints; other',
    'hosts pass untouched, with their own rules and the engine mode of the base configuration.',
  ].join('\n')));
  const settings: string[] = [];
  if (options.baseConfig) {
    settings.push(comment('The base configuration every server had before this file replaced its include.'), `Include ${options.baseConfig}`);
  }
  settings.push(
    comment([
      'SecRequestBodyLimit is global: as large as our largest endpoint\'s limit; larger bodies are',
      'processed partially (other hosts\' uploads pass) and refused on our hosts (rules below).',
    ].join('\n')),
    'SecRequestBodyAccess On',
    `SecRequestBodyLimit ${limit}`,
    `SecRequestBodyNoFilesLimit ${limit}`,
    'SecRequestBodyLimitAction ProcessPartial',
  );
  if (groups.some((g) => g.profile.responseInspection)) {
    settings.push('SecResponseBodyMimeType text/plain text/html text/xml application/json');
  }
  out.push(settings.join('\n'));

  // Dispatch.
  out.push(comment([
    'Dispatch: which group and limit the request belongs to, from its Host header, then from the',
    'transaction-id marker of its Ingress (the location nginx chose, whatever the Host header says).',
  ].join('\n')));
  out.push(secAction([`id:${ids.take()}`, 'phase:1', 'pass', 'nolog', 't:none', 'setvar:tx.llm_group=0', 'setvar:tx.llm_body_limit=0', 'setvar:tx.llm_detectors=0', tag]));
  const sets = gateSets(groups);
  const dispatchRules = (n: number) => (n > 1 ? 2 * n : n);
  const [exact, wildcard, markers] = [exactHostItems(sets), wildcardHostItems(sets), markerItems(sets)];
  const needed = dispatchRules(exact.length) + dispatchRules(wildcard.length) + dispatchRules(markers.length);
  if (needed > MAX_DISPATCH_RULES) {
    throw new ValidationError('endpoints of one controller', parts.length,
      `Their hosts, transaction-id markers and body limits need ${needed} dispatch rules, more than the ${MAX_DISPATCH_RULES} that fit ids 7400000-7400999; give endpoints of one WAF profile the same body limit, or put some on another controller.`);
  }
  const hostMatch = (alternatives: string[]) => `^(?:${alternatives.join('|')})\\.?(?::[0-9]*)?$`;
  const host = { variable: 'REQUEST_HEADERS:Host', transforms: ['t:none', 't:lowercase'], regex: hostMatch, tag };
  out.push(...dispatchTree({ ...host, name: 'EXACT-HOSTS', end: HOSTS_END }, exact, ids));
  out.push(...dispatchTree({ ...host, name: 'WILDCARD-HOSTS', end: HOSTS_END }, wildcard, ids));
  out.push(`SecMarker "${HOSTS_END}"`);
  const marker = { variable: 'UNIQUE_ID', transforms: ['t:none'], regex: (alternatives: string[]) => `^(?:${alternatives.join('|')})`, tag };
  out.push(...dispatchTree({ ...marker, name: 'MARKERS', end: MARKERS_END }, markers, ids));
  out.push(`SecMarker "${MARKERS_END}"`);
  out.push(secRule({
    variables: 'REQUEST_FILENAME',
    operator: '@rx \\A/\\.well-known/acme-challenge/[A-Za-z0-9_-]+\\z',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', tag],
    chain: [{ variables: 'REQUEST_METHOD', operator: '@within GET HEAD', actions: ['setvar:tx.llm_group=0'] }],
  }));

  // Gates.
  out.push(comment([
    'Gates: a group\'s rules run only for its hosts (each group starts by skipping to its end marker,',
    'phase by phase, for any other request); nothing of ours runs for other hosts.',
  ].join('\n')));
  out.push(secRule({
    variables: 'TX:llm_group',
    operator: '@eq 0',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', `ctl:ruleRemoveByTag=${COMPOSED_OUR_HOSTS_TAG}`, tag],
  }));

  // Our hosts' engine mode, then their body limits.
  const ours = `tag:${COMPOSED_OUR_HOSTS_TAG}`;
  out.push(comment([
    'Engine mode on our hosts (other hosts keep the base configuration\'s), switched before anything',
    'refuses on them: a limit rule that ran in the base DetectionOnly mode would only log.',
  ].join('\n')));
  for (const mode of [...new Set(groups.map((g) => g.profile.mode))]) {
    const members = groups.filter((g) => g.profile.mode === mode).map((g) => g.index);
    out.push(secRule({
      variables: 'TX:llm_group',
      operator: `@rx ^(?:${members.join('|')})$`,
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', `ctl:ruleEngine=${mode.secRuleEngine}`, ours],
    }));
  }
  out.push(comment([
    'Body limits of our hosts, each endpoint\'s own (its Ingress\'s proxy-body-size): a declared length over',
    'it is refused before the body is read; a body larger than the engine inspects never passes.',
  ].join('\n')));
  out.push(secRule({
    variables: 'REQUEST_HEADERS:Content-Length',
    operator: '@gt %{tx.llm_body_limit}',
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'deny', 'status:413', 'log', "msg:'LLM WAF: request body larger than this endpoint accepts'", ours],
  }));
  out.push(secRule({
    variables: 'INBOUND_DATA_ERROR',
    operator: '@eq 1',
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'deny', 'status:413', 'log', "msg:'LLM WAF: request body larger than the WAF inspects'", ours],
  }));
  out.push(secRule({
    variables: 'REQUEST_BODY_LENGTH',
    operator: '@gt %{tx.llm_body_limit}',
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'deny', 'status:413', 'log', "msg:'LLM WAF: request body larger than this endpoint accepts'", ours],
  }));

  // Prompt fields out of CRS.
  const promptFields = [...new Set(groups.filter((g) => g.profile.crs).flatMap((g) => promptFieldGroups(g.profile.promptFields)))];
  if (promptFields.length > 0) {
    out.push(comment([
      'Prompt text is natural language and code: excluded from every CRS rule. libmodsecurity applies',
      'these at run time to the CRS wherever it is loaded (our Ingresses load it by annotation);',
      'they name only the JSON fields of prompts.',
    ].join('\n')));
    out.push(promptFields.map((r) => `SecRuleUpdateTargetByTag "OWASP_CRS" "!${argsNamed(`json\\.${r}`)}"`).join('\n'));
  }

  // The walk to a request's group: a search tree of skips, so that a request runs a few rules per
  // phase whatever the number of groups, and other hosts' requests none (see groupRules).
  const sections = detectorSections(groups, options.verifyCc);
  const bodies = groups.map((g) => groupBody(g, sections.find((d) => d.groups.includes(g.index))?.index ?? 0));
  const phases = [...new Set(bodies.flatMap(phasesOf))].sort();
  const splits = searchTreeSplits(groups.length);
  out.push(comment([
    'The walk to the request\'s group, in each phase: other hosts skip every group; a request for',
    'group g skips half of the remaining groups at each split (TX:llm_group above the middle skips',
    'to the middle group\'s end) and, after its group, the rest. Each group still skips its rules',
    'for any other group\'s request.',
  ].join('\n')));
  out.push(...phases.map((p) => skipRule(`id:${ids.take()}`, p, '@eq 0', GROUPS_END)));
  groups.forEach((g, i) => out.push(...groupRules(g, bodies[i], splits.get(g.index) ?? [], phases)));
  out.push(`SecMarker "${GROUPS_END}"`);
  out.push(...detectorWalk(sections, ids));
  return out.join('\n\n') + '\n';
}

/**
 * A detector section: the sensitive-data and prompt-injection rules of the groups whose profiles
 * detect alike (groups that differ only in caps, limits or routes share one). Its rules are
 * rendered once, in the id block of its first group (74gg300-74gg599), so that a controller's
 * memory grows with the distinct detector configurations rather than with the groups: the
 * detectors' regexes are most of a group's compiled rules.
 */
interface DetectorSection {
  /** 1-based, in order of first use; a group's `tx.llm_detectors`. */
  readonly index: number;
  /** The groups that run it. */
  readonly groups: number[];
  /** The rules, with the profile's ids (73300-73599). */
  readonly rules: string[];
}

/** The detector sections of the groups; a group whose profile detects nothing has none. */
function detectorSections(groups: Group[], verifyCc: boolean): DetectorSection[] {
  const byText = new Map<string, DetectorSection>();
  for (const g of groups) {
    const rules = detectorRules(g.profile, verifyCc);
    if (!rules.some((r) => r.startsWith('Sec'))) continue;
    const key = rules.join('\n\n');
    const section = byText.get(key) ?? { index: byText.size + 1, groups: [], rules };
    section.groups.push(g.index);
    byText.set(key, section);
  }
  return [...byText.values()];
}

/** Where every detector section ends. */
const DETECTORS_END = 'END-CDK8S-SECURE-AI-LLM-WAF-DETECTORS';
/** The first id of a section's walk in its block (73550-73599): its detector rules must end before it. */
const SECTION_WALK_FIRST_ID = 73550;

/**
 * The walk to the request's detector section, after every group, as the walk to its group:
 * a request of no section (another host, a group that detects nothing) skips them all; a
 * request of section s skips half of the remaining sections at each split, runs its section and
 * skips the rest. Every rule carries the section's tag and an id of its first group's block.
 */
function detectorWalk(sections: DetectorSection[], ids: RuleIds): string[] {
  if (sections.length === 0) return [];
  const phases = [...new Set(sections.flatMap((d) => phasesOf(d.rules)))].sort();
  const splits = searchTreeSplits(sections.length);
  const end = (d: number) => `END-${sectionTag(d).replace(/[^A-Za-z0-9-]/g, '-').toUpperCase()}`;
  const skip = (id: string, phase: number, operator: string, marker: string) => secRule({
    variables: 'TX:llm_detectors', operator, actions: [id, `phase:${phase}`, 't:none', 'pass', 'nolog', `skipAfter:${marker}`],
  });
  const out = [comment([
    'Detector sections: the sensitive-data and prompt-injection rules, once for every group whose',
    'profile detects alike (the group set TX:llm_detectors); the walk to the request\'s section is',
    'the walk to its group.',
  ].join('\n'))];
  out.push(...phases.map((p) => skip(`id:${ids.take()}`, p, '@eq 0', DETECTORS_END)));
  for (const d of sections) {
    const used = d.rules.flatMap((r) => [...r.matchAll(/"id:(\d+),/g)].map((m) => Number(m[1])));
    if (Math.max(...used) >= SECTION_WALK_FIRST_ID) {
      throw new Error(`detector rules reach id ${Math.max(...used)}, into their section's walk (${SECTION_WALK_FIRST_ID}-73599)`);
    }
    const tree = (splits.get(d.index) ?? []).flatMap((mid, level) => phases.map((p, i) => skip(`id:${SECTION_WALK_FIRST_ID + level * 5 + i}`, p, `@gt ${mid}`, end(mid))));
    const own = phasesOf(d.rules).sort().map((p, i) => skip(`id:${SECTION_WALK_FIRST_ID + 40 + i}`, p, `!@eq ${d.index}`, end(d.index)));
    const done = phases.map((p, i) => skip(`id:${SECTION_WALK_FIRST_ID + 45 + i}`, p, `@eq ${d.index}`, DETECTORS_END));
    const header = comment(`Detector section ${d.index}: groups ${d.groups.join(', ')}.`);
    out.push(header, ...inBlock([...tree, ...own, ...d.rules, ...done], d.groups[0], sectionTag(d.index)), `SecMarker "${end(d.index)}"`);
  }
  out.push(`SecMarker "${DETECTORS_END}"`);
  return out;
}

/** The tag of a detector section's rules. @internal */
export function sectionTag(section: number): string {
  return `${WAF_PROFILE_TAG}/detectors-${String(section).padStart(2, '0')}`;
}

/** Rules with the profile's ids (73ddd) moved to a group's block (74ggddd), each tagged. */
function inBlock(texts: string[], group: number, tag: string): string[] {
  const base = COMPOSED_FIRST_ID + group * 1000;
  return texts.map((text) => text.replace(/"id:73(\d{3}),/g, (_, d: string) => `"id:${base + Number(d)},\\\n  tag:${tag},`));
}

/**
 * How many rule groups and detector sections the parts compose to (what a composed file's size
 * grows with: about 30 KB per group and 75 KB per detector section with the default profile).
 * @internal
 */
export function composedShape(parts: ComposedWafPart[], verifyCc: boolean): { groups: number; detectorSections: number } {
  const groups = groupParts(parts);
  return { groups: groups.length, detectorSections: detectorSections(groups, verifyCc).length };
}

/** Where the Host dispatch ends (the transaction-id markers follow, and win). */
const HOSTS_END = 'END-CDK8S-SECURE-AI-LLM-WAF-DISPATCH-HOSTS';
/** Where the transaction-id dispatch ends. */
const MARKERS_END = 'END-CDK8S-SECURE-AI-LLM-WAF-DISPATCH-MARKERS';

/** One outcome of a dispatch: the regex alternatives that select it, and what it sets. */
interface DispatchItem {
  readonly patterns: string[];
  /** Strings that any request the patterns match contains (ASCII, no space): the splits' `@pm` words. */
  readonly literals: string[];
  readonly actions: string[];
}

/** What a dispatch tree tests. */
interface DispatchTreeSpec {
  /** Names the tree's markers. */
  readonly name: string;
  readonly variable: string;
  readonly transforms: string[];
  /** The operator's regex for a union of items' alternatives. */
  readonly regex: (alternatives: string[]) => string;
  readonly tag: string;
  /** The marker a matched item skips to. */
  readonly end: string;
}

/**
 * A first-match dispatch in phase 1 as a search tree over the items, in their order, made of rules
 * only (Coraza evaluates every SecMarker in every phase, so the tree has none; its skips are
 * `skip:n`): a request that holds none of the items' literals leaves with one rule; otherwise each split skips the first half
 * of its range unless the request holds one of that half's literals, and each leaf tests its
 * item's exact regex, sets its actions and skips to `end`. The splits' `@pm` (Aho-Corasick: its
 * cost does not grow with its words, unlike a regex of a hundred alternatives) may hold for a
 * request that matches no item of the half ("data.example.com" holds "a.example.com"): the
 * request then runs on through the leaves in order, so it still reaches the first item it matches
 * or none, and only pays more rules. A split never skips an item the request matches. A request
 * that matches an item evaluates at most 2 + log2(items) rules when no split misleads it (9 for
 * 99 items).
 * @internal
 */
export function dispatchTree(spec: DispatchTreeSpec, items: DispatchItem[], ids: RuleIds): string[] {
  const out: string[] = [];
  const range = (lo: number, hi: number) => items.slice(lo, hi + 1);
  const rule = (negate: boolean, lo: number, hi: number, actions: string[]) => secRule({
    variables: spec.variable,
    operator: negate
      ? `!@pm ${[...new Set(range(lo, hi).flatMap((i) => i.literals))].join(' ')}`
      : `@rx ${spec.regex(range(lo, hi).flatMap((i) => i.patterns))}`,
    actions: [`id:${ids.take()}`, 'phase:1', ...spec.transforms, 'pass', 'nolog', ...actions, spec.tag],
  });
  // A range of k items is 2k - 1 rules of phase 1 (k leaves, k - 1 splits), with no marker and no
  // chain among them: a split skips its first half with skip:n, counted alike by both engines.
  const size = (lo: number, hi: number) => 2 * (hi - lo + 1) - 1;
  const build = (lo: number, hi: number) => {
    if (lo === hi) {
      out.push(rule(false, lo, lo, [...items[lo].actions, `skipAfter:${spec.end}`]));
      return;
    }
    const mid = Math.floor((lo + hi) / 2);
    out.push(rule(true, lo, mid, [`skip:${size(lo, mid)}`]));
    build(lo, mid);
    build(mid + 1, hi);
  };
  if (items.length === 0) return out;
  if (items.length > 1) out.push(rule(true, 0, items.length - 1, [`skip:${size(0, items.length - 1)}`]));
  build(0, items.length - 1);
  return out;
}

/** Transaction-id markers, one item per set (none is a prefix of another: the order does not matter). */
function markerItems(sets: GateSet[]): DispatchItem[] {
  return sets.filter((s) => s.markers.length > 0)
    .map((s) => ({ patterns: s.markers.map(escapeRegex), literals: s.markers, actions: dispatchTo(s.group, s.limit) }));
}

/** Exact hosts, one item per set (they are disjoint: the order does not matter). */
function exactHostItems(sets: GateSet[]): DispatchItem[] {
  return sets.map((s) => ({ s, hosts: s.hosts.filter((h) => !h.startsWith('*.')) }))
    .filter(({ hosts }) => hosts.length > 0)
    .map(({ s, hosts }) => ({ patterns: hosts.map(hostRegex), literals: hosts.map((h) => h.toLowerCase()), actions: dispatchTo(s.group, s.limit) }));
}

/**
 * Wildcard hosts, the most specific first as nginx chooses (`*.a.example.com` before
 * `*.example.com`, whichever endpoint came first); neighbours of one set share an item.
 */
function wildcardHostItems(sets: GateSet[]): DispatchItem[] {
  const labels = (h: string) => h.split('.').length;
  const wildcards = sets.flatMap((s) => s.hosts.filter((h) => h.startsWith('*.')).map((h) => ({ s, h })))
    .sort((a, b) => labels(b.h) - labels(a.h));
  const out: Array<{ s: GateSet; patterns: string[]; literals: string[]; actions: string[] }> = [];
  for (const w of wildcards) {
    const last = out[out.length - 1];
    // "*.example.com": any name it matches contains ".example.com".
    const literal = w.h.slice(1).toLowerCase();
    if (last?.s === w.s) {
      last.patterns.push(hostRegex(w.h));
      last.literals.push(literal);
    } else {
      out.push({ s: w.s, patterns: [hostRegex(w.h)], literals: [literal], actions: dispatchTo(w.s.group, w.s.limit) });
    }
  }
  return out.map(({ patterns, literals, actions }) => ({ patterns, literals, actions }));
}

/** The marker after every group: where a request skips once its group's rules have run. */
const GROUPS_END = 'END-CDK8S-SECURE-AI-LLM-WAF-GROUPS';

/** A rule that skips to `marker` in `phase` when TX:llm_group satisfies `operator`. */
function skipRule(id: string, phase: number, operator: string, marker: string): string {
  return secRule({ variables: 'TX:llm_group', operator, actions: [id, `phase:${phase}`, 't:none', 'pass', 'nolog', `skipAfter:${marker}`] });
}

/** The phases a group's rules run in. */
function phasesOf(body: string[]): number[] {
  return [...new Set(body.flatMap((text) => [...text.matchAll(/\bphase:([1-5])\b/g)].map((x) => Number(x[1]))))];
}

/**
 * The splits of a balanced search tree over groups 1..n, by the group they stand before: the
 * range [lo, hi] starts with "above mid: skip to the end of group mid", outermost first. A
 * request for group g meets one split per level (at most 7 for 99 groups), then its group.
 * @internal
 */
export function searchTreeSplits(n: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const build = (lo: number, hi: number) => {
    if (lo >= hi) return;
    const mid = Math.floor((lo + hi) / 2);
    out.set(lo, [...(out.get(lo) ?? []), mid]);
    build(lo, mid);
    build(mid + 1, hi);
  };
  build(1, n);
  return out;
}

/** The marker at the end of a group's rules. */
function groupEnd(group: number): string {
  return `END-${groupTag(group).replace(/[^A-Za-z0-9-]/g, '-').toUpperCase()}`;
}

/** The largest request body an endpoint accepts, in bytes. */
function bodyLimitBytes(p: ComposedWafPart): number {
  return p.profile.maxRequestBodyKiB * 1024;
}

function dispatchTo(group: number, limit: number): string[] {
  return [`setvar:tx.llm_group=${group}`, `setvar:tx.llm_body_limit=${limit}`];
}

/** nginx's server_name semantics: `*.example.com` matches any name under example.com. */
function hostRegex(host: string): string {
  return host.startsWith('*.') ? `(?:[a-z0-9-]+\\.)+${escapeRegex(host.slice(2))}` : escapeRegex(host);
}

/** Hosts and markers that share a group and a body limit. */
interface GateSet {
  readonly group: number;
  readonly limit: number;
  readonly hosts: string[];
  readonly markers: string[];
}

/** Hosts and markers that share a group and a body limit: one dispatch item each. */
function gateSets(groups: Group[]): GateSet[] {
  const sets: GateSet[] = [];
  for (const g of groups) {
    for (const p of g.parts) {
      const limit = bodyLimitBytes(p);
      let s = sets.find((x) => x.group === g.index && x.limit === limit);
      if (!s) {
        s = { group: g.index, limit, hosts: [], markers: [] };
        sets.push(s);
      }
      s.hosts.push(...(p.context.hosts ?? []));
      if (p.transactionIdPrefix) s.markers.push(p.transactionIdPrefix);
    }
  }
  return sets;
}

/**
 * Endpoints with the same profile and routes share a group (1-based, in order of appearance);
 * body limits may differ within a group (the dispatch sets each host's).
 */
function groupParts(parts: ComposedWafPart[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const p of parts) {
    const key = JSON.stringify([{ ...p.profile, maxRequestBodyKiB: undefined },
      p.context.routes.map((r) => [r.path, r.pathMatch, r.methods.map((m) => m.toUpperCase()), contentTypesOf(r).map((t) => t.value)])]);
    let g = byKey.get(key);
    if (!g) {
      g = { index: byKey.size + 1, profile: p.profile, context: { routes: p.context.routes }, parts: [] };
      byKey.set(key, g);
    }
    g.parts.push(p);
  }
  const groups = [...byKey.values()];
  if (groups.length > MAX_COMPOSED_GROUPS) {
    throw new ValidationError('WAF rule groups of one controller', groups.length,
      `At most ${MAX_COMPOSED_GROUPS} distinct combinations of WAF profile and routes fit one controller's rules file; share profiles between endpoints or put endpoints on another controller.`);
  }
  return groups;
}

function validateParts(parts: ComposedWafPart[]): void {
  if (parts.length === 0) {
    throw new ValidationError('WAF parts', [], 'Compose at least one endpoint\'s rules; this is a bug in the caller.');
  }
  const hostOwner = new Map<string, string>();
  const markerOwner = new Map<string, string>();
  for (const p of parts) {
    validateWafRenderContext(p.context);
    const hosts = p.context.hosts ?? [];
    if (hosts.length === 0) {
      throw new ValidationError(`hosts of ${p.endpoint}`, [], 'A composed rules file gates every rule by host: give the endpoint at least one host.');
    }
    for (const h of hosts) {
      const prior = hostOwner.get(h);
      if (prior !== undefined && prior !== p.endpoint) {
        throw new ValidationError(`hosts of ${p.endpoint}`, h, `${prior} already serves this host on the same controller; give each endpoint its own hosts.`);
      }
      hostOwner.set(h, p.endpoint);
    }
    if (!Number.isInteger(p.profile.maxRequestBodyKiB) || p.profile.maxRequestBodyKiB < 1) {
      throw new ValidationError(`body limit of ${p.endpoint}`, p.profile.maxRequestBodyKiB, 'Use a positive whole number of KiB.');
    }
    if (p.transactionIdPrefix !== undefined) {
      if (!MARKER.test(p.transactionIdPrefix)) {
        throw new ValidationError(`transaction-id marker of ${p.endpoint}`, p.transactionIdPrefix, 'Use letters, digits, "-" and "_" only (ingress-nginx refuses other characters).');
      }
      const prior = markerOwner.get(p.transactionIdPrefix);
      if (prior !== undefined) {
        throw new ValidationError(`transaction-id marker of ${p.endpoint}`, p.transactionIdPrefix, `${prior} already uses this marker; give each endpoint its own.`);
      }
      markerOwner.set(p.transactionIdPrefix, p.endpoint);
    }
  }
  // A marker that is a prefix of another would match both. In sorted order a prefix comes just
  // before the markers that start with it, so neighbours are enough (n log n, not n squared).
  const markers = [...markerOwner.keys()].sort();
  for (let i = 1; i < markers.length; i++) {
    const [shorter, longer] = [markers[i - 1], markers[i]];
    if (longer.startsWith(shorter)) {
      throw new ValidationError(`transaction-id marker of ${markerOwner.get(longer)}`, longer, `It starts with ${markerOwner.get(shorter)}'s marker "${shorter}"; end every marker with a separator such as "_".`);
    }
  }
}

/**
 * The removed CRS files as id ranges, files of consecutive numbers in one range (911-913: one
 * range, not three): Coraza compares every rule it steps over, in every phase, with each range a
 * transaction removed, so fewer ranges cost less. The ranges cover exactly the files' ids.
 * @internal
 */
export function removedIdRanges(files: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of [...files].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === n) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * A group's rules: the run-time switches for its hosts (body access, CRS paranoia and families;
 * the engine mode is switched before the body limits), then the profile's sections; every rule carries the group's tag and an id of
 * the group's block (74gg000-74gg999, the profile's 73ddd mapped to 74ggddd).
 */
function groupBody(g: Group, detectorSection: number): string[] {
  const m = g.profile;
  const removed = CRS_FILES.filter((n) => !m.crsFamilies.some((f) => f.number === n));
  const preamble = secAction([
    'id:73000', 'phase:1', 'pass', 'nolog', 't:none',
    'ctl:requestBodyAccess=On',
    ...(detectorSection > 0 ? [`setvar:tx.llm_detectors=${detectorSection}`] : []),
    ...(m.crs ? [
      `setvar:tx.paranoia_level=${m.paranoiaLevel}`,
      `setvar:tx.blocking_paranoia_level=${m.paranoiaLevel}`,
      `setvar:tx.detection_paranoia_level=${m.paranoiaLevel}`,
      `setvar:tx.executing_paranoia_level=${m.paranoiaLevel}`,
      ...removedIdRanges(removed).map(([first, last]) => `ctl:ruleRemoveById=${first}000-${last}999`),
    ] : ['ctl:ruleRemoveByTag=OWASP_CRS']),
  ]);
  const body = [
    comment([
      `Group ${g.index}: ${g.parts.map((p) => p.endpoint).join(', ')}.`,
      `Mode ${m.mode.name}; CRS ${m.crs ? `paranoia level ${m.paranoiaLevel}, families ${m.crsFamilies.map((f) => f.number).join(', ')} (others removed on these hosts)` : 'off on these hosts'}.`,
      `Routes: ${g.context.routes.map((r) => `${r.methods.join('|')} ${actionText(r.path)} (${r.pathMatch})`).join(', ')}.`,
      `Detectors: ${detectorSection > 0 ? `section ${detectorSection}, after the groups` : 'none'}.`,
    ].join('\n')),
    preamble,
    ...routeRules(g.context),
    ...schemaRules(m, g.context),
    ...bodyRules(m, g.context),
    ...costRules(m, g.context),
    ...ssrfRules(m),
    ...lookupInjectionRules(m),
    ...responseRules(m),
  ];
  return body;
}

/**
 * A group's block: the search tree's splits that start here (ids 74gg950-74gg984: split level x 5
 * + phase), the group's own skip for other groups' requests in each phase it has rules in (a skip
 * works within its phase), its rules, and a skip past every other group once they have run
 * (74gg990-74gg994). Every rule carries the group's tag and an id of the group's block (74gg000-74gg999,
 * the profile's 73ddd mapped to 74ggddd).
 */
function groupRules(g: Group, body: string[], splits: number[], allPhases: number[]): string[] {
  const marker = groupEnd(g.index);
  const tree = splits.flatMap((mid, level) => allPhases.map((p, i) => skipRule(`id:${73950 + level * 5 + i}`, p, `@gt ${mid}`, groupEnd(mid))));
  const skips = phasesOf(body).sort().map((p, i) => skipRule(`id:${73001 + i}`, p, `!@eq ${g.index}`, marker));
  const done = allPhases.map((p, i) => skipRule(`id:${73990 + i}`, p, `@eq ${g.index}`, GROUPS_END));
  return [body[0], ...inBlock([...tree, ...skips, ...body.slice(1), ...done], g.index, groupTag(g.index)), `SecMarker "${marker}"`];
}
