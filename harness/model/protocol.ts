// Shared vocabulary of the suite: protocol revisions, JSON-RPC shapes, spec keywords and verdicts.
// Each shape is one zod schema: the TypeScript type, the runtime check and the JSON Schema of the
// reports and case files that carry it all come from that one declaration.

import * as z from 'zod';

/** Every protocol revision the suite knows, oldest first. */
export const REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const;
export const Revision = z.enum(REVISIONS);
export type Revision = z.infer<typeof Revision>;

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

/** How the suite reaches the target: a child process's stdio, or Streamable HTTP. */
export const Transport = z.enum(['stdio', 'http']);
export type Transport = z.infer<typeof Transport>;

/** A JSON-RPC request id as MCP allows it: a string or an integer, never null. */
export const RequestId = z.union([z.string(), z.int()], { error: 'a string or an integer id' });
export type RequestId = z.infer<typeof RequestId>;

/** Any JSON value, as parsed from the wire. */
export const Json = z.json();
export type Json = z.infer<typeof Json>;
/** A JSON object: tool arguments, a message. */
export const JsonObject = z.record(z.string(), Json);
export type JsonObject = z.infer<typeof JsonObject>;

/** The four shapes a parsed JSON-RPC message can take, plus everything that is not one of them. */
export const MessageKind = z.enum(['request', 'notification', 'response', 'error', 'invalid']);
export type MessageKind = z.infer<typeof MessageKind>;

/**
 * A rule's level: the RFC 2119 keyword of the spec sentence it checks, which alone decides the verdict
 * of a violation; or INFORMATIVE, no keyword at all, for the suite's own measurements that no sentence
 * sets (their result is `info` with the figures, or `untestable`; never `warn` or `fail`).
 */
export const Keyword = z.enum(['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY', 'INFORMATIVE']);
export type Keyword = z.infer<typeof Keyword>;

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
/** What a rule's result says about the target (README "Verdicts"). */
export const Verdict = z.enum(VERDICTS);
export type Verdict = z.infer<typeof Verdict>;

/** The verdict of a violation of a sentence with this keyword: MUST fails, SHOULD warns, MAY informs
 *  (and an INFORMATIVE rule, which has no sentence to break, only ever informs). */
export function verdictFor(keyword: Keyword): Verdict {
  if (keyword === 'MUST' || keyword === 'MUST NOT') return 'fail';
  if (keyword === 'SHOULD' || keyword === 'SHOULD NOT') return 'warn';
  return 'info';
}

/** Ids are equal only when JSON type and value are equal (RULES.md §10 A6). */
export function sameId(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && (typeof a === 'string' || typeof a === 'number') && a === b;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
