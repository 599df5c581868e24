// Shared vocabulary of the suite: protocol revisions, JSON-RPC shapes, spec keywords and verdicts.
// Everything here is plain data so that suites/, reports/ and the harness agree on one model.

/** Every protocol revision the suite knows, oldest first. */
export const REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const;
export type Revision = (typeof REVISIONS)[number];

/** Revisions that open a session with the `initialize` handshake. */
export const LEGACY_REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'] as const;
export type LegacyRevision = (typeof LEGACY_REVISIONS)[number];

/** Revisions without a handshake: every request carries its version in `_meta`; `server/discover` exists. */
export const MODERN_REVISIONS = ['2026-07-28'] as const;
export type ModernRevision = (typeof MODERN_REVISIONS)[number];

/** The newest revision of each era: what a default run tests, each where the target speaks it. */
export const NEWEST_LEGACY: LegacyRevision = '2025-11-25';
export const NEWEST_MODERN: ModernRevision = '2026-07-28';

/** True for a revision of the modern era (no initialize, per-request `_meta`, no ping). */
export function isModern(revision: string): revision is ModernRevision {
  return (MODERN_REVISIONS as readonly string[]).includes(revision);
}

export type Transport = 'stdio' | 'http';

/** A JSON-RPC request id as MCP allows it: a string or an integer, never null. */
export type RequestId = string | number;

/** Any JSON value, as parsed from the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The four shapes a parsed JSON-RPC message can take, plus everything that is not one of them. */
export type MessageKind = 'request' | 'notification' | 'response' | 'error' | 'invalid';

/** RFC 2119 keyword of the spec sentence a rule checks; it alone decides the verdict of a violation. */
export type Keyword = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY';

export const VERDICTS = [
  'pass',
  'fail',
  'warn',
  'info',
  'untestable',
  'not-applicable',
  'inconclusive',
  'error',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Ids are equal only when JSON type and value are equal (RULES.md §10 A6). */
export function sameId(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && (typeof a === 'string' || typeof a === 'number') && a === b;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
