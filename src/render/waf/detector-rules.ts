import { REQUEST_DETECTORS } from './detectors/detector-catalogue';
import { PatternSignature } from './detectors/pattern-detector';
import { deny, passAndLog, WAF_PROFILE_TAG } from './profile-actions';
import { RuleIds } from './rule-ids';
import { actionText, comment, escapeRegex, secRule } from './seclang';
import { WafProfileModel } from '../../model/waf-profile-model';
import { DetectorAction } from '../../options/waf/detector-action';

/**
 * Sensitive data and prompt injection in request fields (ids 73300-73599). Detection rules are
 * nolog; the enforcement rule of each class logs the class, the field name and a masked hint.
 * @param verifyCc whether the engine has the `@verifyCC` operator (Luhn check)
 * @param regexAutomata whether the engine's regular expressions are automata (RE2, as
 * coraza-proxy-wasm runs them), where a union of signatures costs one pass whatever its size: then
 * the union of every group's signatures runs first, once over every field, and a request it does
 * not match skips the groups' passes; then the union of a group's signatures runs once over the
 * fields its prefilter let through (for phrases, over every field), and each signature runs only
 * when the union hit. A field that matches a union matches a signature, so only requests flagged
 * anyway pay for the groups' unions and the signatures.
 * Backtracking engines (PCRE in libmodsecurity) pay for every branch of a union at every position:
 * there each signature runs behind its own prefilter and gate.
 * @internal
 */
export function detectorRules(model: WafProfileModel, verifyCc: boolean, regexAutomata = false): string[] {
  const ids = new RuleIds(73300, 73599);
  const out = [comment([
    'Sensitive data and prompt injection in request fields.',
    'Detection rules are nolog (the matched value never reaches a log); the enforcement',
    'rule logs the class, the field name and a masked hint.',
  ].join('\n'))];
  // One candidate pass per group over every field (the union of the group's prefilters);
  // signatures run only when their group has a candidate. Both engines scan `@pm` lists fast
  // enough; number shapes start with a digit class, which Go's regexp cannot skip to, so their
  // candidate regex runs only on the fields that have a digit (a byte-range check, cheap on both).
  const active = model.detectors.map((d) => ({ cls: REQUEST_DETECTORS[d.key], action: d.action }));
  // On automata, one pass of every group's signatures joined comes first: a request where no field
  // matches it cannot set any group's candidate flag, so the groups' own passes are skipped.
  const allSignatures = active.flatMap((d) => d.cls.signatures).filter((sig) => verifyCc || !sig.operator.startsWith('@verifyCC'));
  const allUnion = regexAutomata ? unionOperator(allSignatures) : undefined;
  if (allUnion) {
    out.push(secRule({
      variables: 'ARGS',
      operator: allUnion,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', 'setvar:tx.llm_candidate=1', `tag:${WAF_PROFILE_TAG}`],
    }));
    out.push(secRule({
      variables: '&TX:llm_candidate',
      operator: '@eq 0',
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `skipAfter:${CANDIDATES_END}`],
    }));
  }
  for (const group of ['tokens', 'numbers'] as const) {
    const sigs = active.filter((d) => d.cls.group === group).flatMap((d) => d.cls.signatures)
      .filter((sig) => verifyCc || !sig.operator.startsWith('@verifyCC'));
    if (sigs.length === 0) continue;
    const candidate = candidateOperator(sigs.map((sig) => sig.prefilter));
    const flag = `setvar:tx.llm_candidate_${group}=1`;
    const union = regexAutomata ? unionOperator(sigs) : undefined;
    // On automata, the union of the signatures narrows the prefilter's hits before any signature runs.
    const narrow = (last: string[]) => (union ? [{ variables: 'MATCHED_VARS', operator: union, actions: last }] : []);
    if (candidate.startsWith('@pm ')) {
      out.push(secRule({
        variables: 'ARGS',
        operator: candidate,
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', ...(union ? [] : [flag]), `tag:${WAF_PROFILE_TAG}`],
        chain: narrow([flag]),
      }));
    } else {
      out.push(secRule({
        variables: 'ARGS',
        operator: '@validateByteRange 0-47,58-255',
        actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `tag:${WAF_PROFILE_TAG}`],
        // On automata the union costs what the prefilter regex would, so it replaces it.
        chain: union ? narrow([flag]) : [{ variables: 'MATCHED_VARS', operator: candidate, actions: [flag] }],
      }));
    }
  }
  const phrasesUnion = regexAutomata ? unionOperator(active.filter((d) => d.cls.group === 'phrases').flatMap((d) => d.cls.signatures)) : undefined;
  if (phrasesUnion) {
    out.push(secRule({
      variables: 'ARGS',
      operator: phrasesUnion,
      actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', 'setvar:tx.llm_candidate_phrases=1', `tag:${WAF_PROFILE_TAG}`],
    }));
  }
  if (allUnion) out.push(`SecMarker "${CANDIDATES_END}"`);
  for (const { cls, action } of active) {
    for (const sig of cls.signatures) {
      if (!verifyCc && sig.operator.startsWith('@verifyCC')) continue;
      const detect = [
        ...sig.transforms,
        `setvar:tx.llm_${cls.key}=1`,
        `setvar:tx.llm_${cls.key}_field=%{MATCHED_VAR_NAME}`,
        `setvar:tx.llm_${cls.key}_signature=${sig.name}`,
      ];
      if (cls.group === 'phrases' && phrasesUnion) {
        out.push(secRule({
          variables: 'TX:llm_candidate_phrases',
          operator: '@eq 1',
          actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `tag:${WAF_PROFILE_TAG}`],
          chain: [{ variables: 'ARGS', operator: sig.operator, actions: detect }],
        }));
      } else if (cls.group === 'phrases') {
        // One Aho-Corasick pass with the words every match contains, then the signature on the hits.
        out.push(secRule({
          variables: 'ARGS',
          operator: sig.prefilter,
          actions: [`id:${ids.take()}`, 'phase:2', 't:none', 'pass', 'nolog', `tag:${WAF_PROFILE_TAG}`],
          chain: [
            // A rarer necessary condition on the same fields before the regex (see PatternSignature.gate).
            ...(sig.gate ? [{ variables: 'MATCHED_VARS', operator: sig.gate, actions: [] }] : []),
            // A cheaper superset of the regex on those fields (see PatternSignature.screen).
            ...(sig.screen ? [{ variables: 'MATCHED_VARS', operator: sig.screen, actions: [] }] : []),
            { variables: 'MATCHED_VARS', operator: sig.operator, actions: detect },
          ],
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
    const enforce = action === DetectorAction.BLOCK ? deny(403) : passAndLog();
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

/** The marker after the groups' candidate passes, where a request no signature can match skips to. */
const CANDIDATES_END = 'LLM_WAF_END_DETECTOR_CANDIDATES';

/**
 * One `@rx` operator that matches where any of the signatures matches (case-insensitive ones as
 * `(?i:...)` groups), or undefined when a signature is not a regex on the untransformed field.
 * @internal
 */
export function unionOperator(sigs: PatternSignature[]): string | undefined {
  if (sigs.length === 0 || !sigs.every((sig) => sig.operator.startsWith('@rx ') && sig.transforms.every((t) => t === 't:none'))) return undefined;
  const branches = sigs.map((sig) => sig.operator.slice(4)).map((rx) => (rx.startsWith('(?i)') ? `(?i:${rx.slice(4)})` : `(?:${rx})`));
  return `@rx ${branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`}`;
}

/**
 * The union of prefilters: one `@pm` list, or a regex alternation when any prefilter is a regex.
 * @internal
 */
export function candidateOperator(prefilters: string[]): string {
  const pm = prefilters.filter((p) => p.startsWith('@pm '));
  const rx = prefilters.filter((p) => p.startsWith('@rx '));
  if (rx.length === 0) return `@pm ${[...new Set(pm.flatMap((p) => p.slice(4).split(' ')))].join(' ')}`;
  const words = [...new Set(pm.flatMap((p) => p.slice(4).split(' ')))].map(escapeRegex);
  const parts = [...new Set(rx.map((p) => p.slice(4)))];
  if (words.length > 0) parts.push(`(?i)(?:${words.join('|')})`.replace('(?i)', ''));
  return `@rx ${words.length > 0 ? '(?i)' : ''}(?:${parts.join('|')})`;
}
