/** What a statement is about: the report's sections, and how the diff words a change. @internal */
export type PolicyTopic = 'default-deny' | 'ingress-flow' | 'egress-flow' | 'grant' | 'role-rule' | 'exposure' | 'waf' | 'pod-security' | 'admission' | 'opt-out';

/**
 * One fact of the effective policy, derived from object content: who can reach what, who can do
 * what, what is exposed and how, what admission rejects, which controls were opted out of.
 * Statements are compared by `key` (built from object identities, never from file names).
 * @internal
 */
export interface PolicyStatement {
  readonly topic: PolicyTopic;
  /** The namespace it applies in; `''` for the whole cluster. */
  readonly namespace: string;
  /** What stays the same when the value changes, e.g. `grant|llm-serving|group ml-team|pods/exec`. */
  readonly key: string;
  /** The subject of the sentence, e.g. `group ml-team`, `monitoring → chat:9090`, `chat.example.com/v1`. */
  readonly subject: string;
  /** The values that may change: verbs granted, the WAF mode, a route's settings. */
  readonly values: string[];
  /** The line the report shows. */
  readonly text: string;
}

/** `namespace` as a reader says it. @internal */
export function scopeText(namespace: string): string {
  return namespace === '' ? 'every namespace' : namespace;
}
