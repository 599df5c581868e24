// An exploration environment without the full suite (replay, tests): one probe session at a revision
// finds the slow tool and sizes the windows, exactly as the runner's probe does before the rules.

import { SessionContext } from '../context.js';
import { TargetError } from '../errors.js';
import { openSessionAt } from '../session/era.js';
import { probeTarget, type ToolRequest } from '../session/probe.js';
import type { TargetCommand } from '../target/resolve.js';
import type { TargetSpec } from '../target/spec.js';
import { scaledBudgets } from '../timing.js';
import { Transcript } from '../transcript.js';
import type { Revision } from '../model/protocol.js';
import type { ExploreEnv } from './execute.js';
import type { InvariantSpec } from './invariant.js';

/** Probes the target at `revision` and returns what a program needs to run against it. */
export async function probeEnv(
  command: TargetCommand,
  revision: Revision,
  timeScale: number,
  slowTool: ToolRequest | null,
  invariants: readonly InvariantSpec[],
): Promise<ExploreEnv> {
  const budgets = scaledBudgets(timeScale);
  const target: TargetSpec = { kind: 'stdio', command };
  const peer = await SessionContext.open(target, new Transcript(), budgets, revision);
  try {
    const hello = await openSessionAt(peer, revision, budgets.startup);
    if (hello.protocolVersion !== revision)
      throw new TargetError(`the target answered initialize with ${hello.protocolVersion}, not ${revision}`);
    const probe = await probeTarget(peer, hello.capabilities, {
      budgets,
      initializeMs: hello.latencyMs,
      slowTool,
      requestTool: null,
    });
    return { target, revision, budgets, discovery: probe.discovery, timeScale, invariants };
  } finally {
    await peer.channel.close();
  }
}
