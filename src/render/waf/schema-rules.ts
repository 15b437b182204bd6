import { deny } from './profile-actions';
import { RuleIds } from './rule-ids';
import { argsNamed, comment, escapeRegex, secRule, wholeValueRegex } from './seclang';
import { ApiSchemaModel, WafProfileModel } from '../../model/waf-profile-model';
import { RequestSchemaOperation, RequestSchemaValue } from '../../options/waf/request-schema-operation';
import { WafRenderContext } from '../../options/waf/waf-render-context';

/**
 * Fields a request never sets on a schema route, even with unknown fields allowed: server-side
 * chat templates (template injection), logits processors (code named by the caller), prompt
 * embeddings (tensors decoded by the server) and engine parameters.
 * @internal
 */
export const REFUSED_SCHEMA_FIELDS = [
  'chat_template', 'chat_template_kwargs', 'logits_processors', 'prompt_embeds', 'mm_processor_kwargs', 'kv_transfer_params', 'vllm_xargs',
];

/** Guided-decoding patterns the server compiles, capped in length. @internal */
export const GUIDED_PATTERN_FIELDS = [
  'guided_regex', 'guided_grammar', 'guided_json', 'guided_whitespace_pattern',
  'structured_outputs.regex', 'structured_outputs.grammar', 'structured_outputs.json', 'structured_outputs.whitespace_pattern',
  'parameters.grammar.value',
];

/** One array index as either engine names it: libmodsecurity `array_0`, Coraza `0`. */
const INDEX = '(?:array_)?[0-9]+';

/**
 * A schema key path as a regex over engine argument names (after `json.`): `*` is one array
 * index, a final `**` any sub-tree (or none).
 * @internal
 */
export function schemaKeyRegex(path: string): string {
  const segs = path.split('.');
  const tail = segs[segs.length - 1] === '**' ? '(?:\\..+)?' : '';
  const head = tail ? segs.slice(0, -1) : segs;
  return head.map((s) => (s === '*' ? INDEX : escapeRegex(s))).join('\\.') + tail;
}

/**
 * The argument names an operation's keys produce on both engines: the keys, and the path of
 * every array on the way to them (Coraza adds an argument holding an array's length at the
 * array's own path, e.g. `json.messages`; libmodsecurity does not).
 * @internal
 */
export function schemaArgumentPaths(keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const segs = key.split('.');
    segs.forEach((s, i) => {
      if (s === '*' && i > 0) out.push(segs.slice(0, i).join('.'));
    });
    out.push(key);
  }
  return [...new Set(out)];
}

/** A value path as an engine variable: a plain `ARGS:json.<path>` or a regex one (no "|" inside: ModSecurity's parser refuses it). */
function argsVariable(path: string): string {
  if (!path.includes('*')) return `ARGS:json.${path}`;
  return argsNamed(`json\\.${path.split('.').map((s) => (s === '*' ? INDEX : escapeRegex(s))).join('\\.')}`);
}

/** The schema operations that serve one of the context's routes. @internal */
export function schemaOperations(model: WafProfileModel, context: WafRenderContext): Array<{ schema: ApiSchemaModel; op: RequestSchemaOperation }> {
  const out: Array<{ schema: ApiSchemaModel; op: RequestSchemaOperation }> = [];
  for (const schema of model.apiSchemas) {
    for (const op of schema.operations) {
      const re = new RegExp(op.path);
      if (context.routes.some((r) => re.test(r.path.replace(/\/+$/, '')))) out.push({ schema, op });
    }
  }
  return out;
}

/**
 * Request schemas of known inference APIs on their routes (ids 73600-73799): the operation is
 * found from the path in phase 1 (`tx.llm_schema`), the CRS is switched off there but for the
 * named families; in phase 2 the JSON body's argument names must be the operation's keys, and
 * values must have the schema's types, enumerations, lengths and caps. Nothing when no route
 * of the context belongs to a listed schema.
 * @internal
 */
export function schemaRules(model: WafProfileModel, context: WafRenderContext): string[] {
  const found = schemaOperations(model, context);
  if (found.length === 0) return [];
  const ids = new RuleIds(73600, 73799);
  const out = [comment([
    'Request schemas of known inference APIs (a positive model): on their routes only the keys,',
    'types, enumerations, lengths and caps of the API pass; the CRS does not run there',
    `(${model.crs && model.schemaRouteCrsFamilies.length > 0 ? `but for families ${model.schemaRouteCrsFamilies.join(', ')}` : 'nor any of its families'}).`,
    `Operations: ${found.map((f) => `${f.op.name} (${f.schema.name})`).join(', ')}.`,
  ].join('\n'))];
  const crsOff = crsSwitch(model);
  for (const { op } of found) {
    out.push(secRule({
      variables: 'REQUEST_FILENAME',
      operator: `@rx ${wholeValueRegex(op.path)}`,
      actions: [`id:${ids.take()}`, 'phase:1', 't:none', 'pass', 'nolog', `setvar:tx.llm_schema=${op.name}`, ...crsOff],
    }));
  }
  const onSchemaRoute = { variables: '&TX:llm_schema', operator: '@eq 1' };
  out.push(secRule({
    ...onSchemaRoute,
    actions: [`id:${ids.take()}`, 'phase:1', 't:none', ...deny(400), "msg:'LLM WAF: query string on an inference API route'", "logdata:'%{MATCHED_VAR_NAME}'"],
    chain: [{ variables: '&ARGS_GET', operator: '@gt 0', actions: [] }],
  }));
  out.push(secRule({
    ...onSchemaRoute,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), "msg:'LLM WAF: request-supplied template, processor or engine parameter refused'", "logdata:'%{MATCHED_VAR}'"],
    chain: [{ variables: 'ARGS_NAMES', operator: `@rx ^json\\.(?:${REFUSED_SCHEMA_FIELDS.map(escapeRegex).join('|')})(?:\\.|$)`, actions: [] }],
  }));
  if (!model.allowUnknownFields) {
    for (const { op } of found) {
      out.push(secRule({
        variables: 'TX:llm_schema',
        operator: `@streq ${op.name}`,
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), `msg:'LLM WAF: field unknown to the ${op.name} request schema'`, "logdata:'%{MATCHED_VAR}'"],
        chain: [{ variables: 'ARGS_NAMES', operator: `!@rx \\Ajson\\.(?:${schemaArgumentPaths(op.keys).map(schemaKeyRegex).join('|')})\\z`, actions: [] }],
      }));
    }
  }
  const schemas = new Set(found.map((f) => f.schema));
  for (const schema of schemas) {
    const names = found.filter((f) => f.schema === schema).map((f) => f.op.name);
    // With one schema on the endpoint, every schema route is one of its operations: a count, not a regex per rule.
    const gate = schemas.size === 1 ? onSchemaRoute : { variables: 'TX:llm_schema', operator: `@rx ^(?:${names.join('|')})$` };
    for (const v of schema.values) out.push(...valueRules(v, gate, model, ids));
  }
  out.push(secRule({
    ...onSchemaRoute,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...deny(400), `msg:'LLM WAF: guided-decoding pattern longer than ${model.maxGuidedPatternLength} characters'`],
    chain: [{ variables: GUIDED_PATTERN_FIELDS.map(argsVariable).join('|'), operator: `@gt ${model.maxGuidedPatternLength}`, actions: ['t:none', 't:length'] }],
  }));
  return out;
}

/** The ctl actions that switch the CRS off on a schema route but for the named families. */
function crsSwitch(model: WafProfileModel): string[] {
  if (!model.crs) return [];
  const kept = model.schemaRouteCrsFamilies;
  if (kept.length === 0) return ['ctl:ruleRemoveByTag=OWASP_CRS'];
  return [...new Set(model.crsFamilies.map((f) => f.number))].filter((n) => !kept.includes(n)).sort().map((n) => `ctl:ruleRemoveById=${n}000-${n}999`);
}

function valueRules(v: RequestSchemaValue, gate: { variables: string; operator: string }, model: WafProfileModel, ids: RuleIds): string[] {
  const variables = v.paths.map(argsVariable).join('|');
  const shown = v.paths.join(', ');
  const refuse = (msg: string, operator: string, t: string[] = []) => secRule({
    ...gate,
    actions: [`id:${ids.take()}`, 'phase:2', 't:none', ...t, ...deny(400), `msg:'LLM WAF: ${msg}'`, "logdata:'%{MATCHED_VAR_NAME}'"],
    chain: [{ variables, operator, actions: [] }],
  });
  switch (v.kind) {
    case 'number':
      return [refuse(`${shown} must be a number`, '!@rx \\A(?:-?[0-9]{1,12}(?:\\.[0-9]{1,20})?(?:[eE][+-]?[0-9]{1,3})?|null)?\\z')];
    case 'boolean':
      return [refuse(`${shown} must be true or false`, '!@rx \\A(?:true|false|null)?\\z')];
    case 'integer': {
      const cap = v.costField ? model.costFieldCaps.find((c) => c.field === v.costField)?.max : v.max;
      const out = [refuse(`${shown} must be an integer`, `!@rx \\A(?:${v.minusOne ? '-1|' : ''}[0-9]{1,10}|null)?\\z`)];
      if (cap !== undefined) out.push(refuse(`${shown} above ${cap}`, `@gt ${cap}`));
      return out;
    }
    case 'identifier':
      return [refuse(`${shown} must be an identifier of at most ${v.max} characters (letters, digits, . _ : @ / + = -)`, `!@rx \\A[A-Za-z0-9._:@/+=-]{0,${v.max}}\\z`)];
    case 'enum':
      return [refuse(`${shown} must be one of ${(v.values ?? []).join(', ')}`, `!@rx \\A(?:${(v.values ?? []).map(escapeRegex).join('|')}|null)?\\z`)];
  }
}
