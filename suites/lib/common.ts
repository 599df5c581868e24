// Small pieces several rules share: the preconditions of a mid-flight cancel, and crash outcomes.

import {
  describeMessage,
  isResponseFor,
  type Keyword,
  type Outcome,
  type RuleContext,
  type SlowCall,
} from '../../harness/api.js';

/** An inconclusive outcome when the slow call is not provably in flight, or already answered; else null. */
export function notInFlight(ctx: RuleContext, call: SlowCall): Outcome | null {
  const answered = ctx.serverMessages(call.fromSeq).find((e) => isResponseFor(e, call.req.id));
  if (answered) {
    return {
      kind: 'inconclusive',
      summary: `the slow tool answered before it could be cancelled (${describeMessage(answered.message)})`,
      evidence: [answered],
    };
  }
  if (!call.inFlight) {
    return {
      kind: 'inconclusive',
      summary: ctx.crashed()
        ? ctx.describeCrash()
        : 'no proof that the slow call was in flight: no progress and no answer to a ping',
    };
  }
  return null;
}

/** A violation for a target that ended by itself while the rule exercised it. */
export function crashed(
  ctx: RuleContext,
  expected: string,
  during: string,
  keyword?: Keyword,
  requirement?: string,
): Outcome {
  return {
    kind: 'violation',
    ...(keyword ? { keyword } : {}),
    ...(requirement ? { requirement } : {}),
    summary: `${ctx.describeCrash()} ${during}`,
    expected,
    actual: `${ctx.describeCrash()} ${during}`,
    evidence: ctx.serverMessages().slice(-1),
  };
}

/** Rounds a millisecond figure for summaries and metrics. */
export function ms(x: number): number {
  return Math.round(x);
}
