// What an exploration invariant is: one property every program must keep, judged under the rules it
// names (rule objects from suites/, never id strings). The invariants themselves live in
// suites/invariants/, one file each; exploration runs the list it is given (ExploreEnv.invariants).

import type { Discovery } from '../model/report.js';
import type { RuleSpec } from '../rule.js';
import type { Keyword, Revision } from '../model/protocol.js';
import type { Execution } from './execution.js';

/** A broken invariant: the rule it breaks, the words of the verdict, and the events that prove it. */
export interface Violation {
  rule: string;
  invariant: string;
  /** Another keyword than the rule's own, only where RULES.md §10 decides so. */
  keyword?: Keyword;
  requirement?: string;
  /** The rule whose quoted sentence sets that other keyword (quoted from the catalog when folded). */
  requirementOf?: string;
  summary: string;
  expected: string;
  actual: string;
  evidence: number[];
}

/** What a check returns for one break: the rule object it breaks (and, for another keyword, the rule
 *  whose sentence sets it); checkInvariants turns them into ids. */
export type Break = Omit<Violation, 'rule' | 'invariant' | 'requirementOf'> & {
  rule: RuleSpec;
  requirementOf?: RuleSpec;
};

export interface InvariantSpec {
  /** Stable id (kebab-case), shown in findings and case files. */
  id: string;
  /** The property, in one sentence (README "Exploration"). */
  text: string;
  /** The rules a break is judged under. */
  rules: readonly RuleSpec[];
  /** Why a break is judged under those rules. */
  why: string;
  /** The breaks of this invariant in one execution, in order. */
  check(x: Execution, on: { revision: Revision; discovery: Discovery }): Break[];
}

/** Declares an invariant; the identity function gives invariant files one typed shape. */
export function defineInvariant(spec: InvariantSpec): InvariantSpec {
  return spec;
}

/**
 * Checks every invariant against one execution; violations in the order of `invariants` (their
 * precedence: the first one fixes the rule the shrinker keeps breaking). A check that judges under a
 * rule it does not name is a bug of the suite, and throws.
 */
export function checkInvariants(
  invariants: readonly InvariantSpec[],
  x: Execution,
  revision: Revision,
  discovery: Discovery,
): Violation[] {
  return invariants.flatMap((inv) =>
    inv.check(x, { revision, discovery }).map((b): Violation => {
      if (!inv.rules.includes(b.rule))
        throw new Error(`invariant ${inv.id} judged under ${b.rule.id}, which it does not name`);
      const { rule, requirementOf, ...rest } = b;
      return {
        ...rest,
        rule: rule.id,
        invariant: inv.id,
        ...(requirementOf ? { requirementOf: requirementOf.id } : {}),
      };
    }),
  );
}
