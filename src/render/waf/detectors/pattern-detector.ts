/**
 * One signature of a detector: a regular expression (PCRE and RE2 compatible)
 * run over request fields, after the listed transformations.
 */
export interface PatternSignature {
  /** Short name, shown in the log message. */
  readonly name: string;
  /** The operator, e.g. `@rx ...` or `@verifyCC ...`. */
  readonly operator: string;
  /** SecLang transformations, e.g. `t:lowercase`. */
  readonly transforms: string[];
  /**
   * A cheap necessary condition (`@pm` words or a regex with a literal or class start),
   * checked first so that the full signature runs only on fields that may match.
   */
  readonly prefilter: string;
  /**
   * A second necessary condition, `@pm` words one of which every match of `operator` contains,
   * checked on the fields the prefilter let through before `operator` runs: rarer words than
   * the prefilter's, so that ordinary prose that wakes the prefilter seldom reaches the regex.
   * It narrows nothing (every match contains one of its words); it only saves regex passes.
   * @default no second gate
   */
  readonly gate?: string;
  /**
   * A cheaper regular expression that matches wherever `operator` does (a superset), run on the
   * fields the gate let through before `operator` where regexes run one at a time (PCRE, Go's
   * regexp): `operator` then runs only on fields the screen matched. It narrows nothing. Union
   * passes on automata (RE2) leave it out: there the cost does not grow with the regex.
   * @default no screen
   */
  readonly screen?: string;
}

/**
 * How a class is checked cheaply: `tokens` and `numbers` classes share one candidate pass per
 * group (the union of their prefilters) before any signature runs; `phrases` signatures run
 * directly (they are few and combined).
 */
export type DetectorGroup = 'tokens' | 'numbers' | 'phrases';

/** A class of content the profile detects (one action per class). */
export interface DetectorClass {
  /** The group whose candidate pass guards the class. */
  readonly group: DetectorGroup;
  /** Identifier of the class (used in tx variable names and tags). */
  readonly key: string;
  /** Human title for log messages. */
  readonly title: string;
  /** Signatures; any match flags the class. */
  readonly signatures: PatternSignature[];
}
