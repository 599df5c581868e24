// The cancels CANCEL-IGNORE-INVALID sends. Each names nothing that is in flight (RULES.md §10 A6:
// ids match only when JSON type and value are equal), so a conformant server ignores every one of
// them; whether a half-valid cancel should "work" never decides a verdict here.

import type { Json, JsonObject, RequestId } from '../../harness/api.js';

export interface InvalidCancel {
  /** What is wrong with it, for summaries. */
  label: string;
  message: JsonObject;
}

const cancel = (params?: Json, extra: JsonObject = {}): JsonObject => ({
  jsonrpc: '2.0',
  method: 'notifications/cancelled',
  ...(params === undefined ? {} : { params }),
  ...extra,
});

/** Ids at the edges of what JSON-RPC and MCP allow, used both as unknown ids and as live ids. */
export const EDGE_IDS: RequestId[] = [0, '', -1, Number.MAX_SAFE_INTEGER, 'ünïcødé ✓ 🚀 id', '1'];

/**
 * The invalid cancels, given the live request ids (`liveInt` an integer id in flight, `liveStr` a
 * numeric-looking string id in flight) and `completed`, the id of a request already answered.
 */
export function invalidCancels(liveInt: number, liveStr: string, completed: RequestId): InvalidCancel[] {
  const reason = 'mcp-cancel-conformance: this cancel must be ignored';
  return [
    { label: 'an id never used', message: cancel({ requestId: 987654321, reason }) },
    {
      label: 'a string id never used',
      message: cancel({ requestId: 'never-used-by-mcp-cancel-conformance', reason }),
    },
    {
      label: `the id of a completed request (${JSON.stringify(completed)})`,
      message: cancel({ requestId: completed, reason }),
    },
    {
      label: `"${liveInt}" (a string) while integer ${liveInt} is in flight`,
      message: cancel({ requestId: String(liveInt), reason }),
    },
    {
      label: `${Number(liveStr)} (an integer) while string "${liveStr}" is in flight`,
      message: cancel({ requestId: Number(liveStr), reason }),
    },
    ...EDGE_IDS.map((id) => ({
      label: `the unused edge id ${JSON.stringify(id)}`,
      message: cancel({ requestId: id, reason }),
    })),
    { label: 'requestId null', message: cancel({ requestId: null, reason }) },
    { label: 'requestId an object', message: cancel({ requestId: { id: liveInt }, reason }) },
    { label: `requestId a float (${liveInt + 0.5})`, message: cancel({ requestId: liveInt + 0.5, reason }) },
    { label: 'requestId a boolean', message: cancel({ requestId: true, reason }) },
    { label: 'requestId an array', message: cancel({ requestId: [liveInt], reason }) },
    { label: 'no requestId', message: cancel({ reason }) },
    { label: 'no params', message: cancel() },
    { label: 'params an array', message: cancel([liveInt]) },
    { label: 'a non-string reason', message: cancel({ requestId: 424242, reason: 42 }) },
    {
      label: 'extra members in the envelope and in params',
      message: cancel({ requestId: 434343, reason, extra: { nested: true } }, { extra: 1 }),
    },
  ];
}
