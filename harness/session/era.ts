// The modern era (revision 2026-07-28): no handshake. Every request carries the protocol version,
// the client's identity and its capabilities in `params._meta`; `server/discover` tells what the
// server supports. On stdio a client that speaks both eras probes with `server/discover` first and
// falls back to `initialize` on any other outcome (spec: basic/transports/stdio#backward-compatibility):
// - a DiscoverResult: the server is modern;
// - a recognized modern error (UnsupportedProtocolVersionError -32022, MissingRequiredClientCapability
//   -32021): modern, but not this version — never fall back;
// - any other error, or no answer in time: legacy.

import { TargetError } from '../errors.js';
import type { Peer } from '../jsonrpc/peer.js';
import { classify } from '../jsonrpc/message.js';
import {
  isJsonObject,
  isModern,
  type JsonObject,
  type ModernRevision,
  type Revision,
} from '../model/protocol.js';
import { TOOL_VERSION } from '../version.js';
import { handshake, type ServerHello } from './handshake.js';

export const META_PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
export const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';
export const META_CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
export const META_SERVER_INFO = 'io.modelcontextprotocol/serverInfo';

/** Error codes that only a modern server sends: they identify the era even when the version is refused. */
export const MODERN_ERROR_CODES: Readonly<Record<number, string>> = {
  [-32022]: 'UnsupportedProtocolVersionError',
  [-32021]: 'MissingRequiredClientCapabilityError',
};

/** What every modern request carries in `_meta`. The suite declares no optional client capability
 *  (an empty object): it cannot answer sampling or elicitation inputs, so no server should ask. */
export function modernMeta(revision: ModernRevision): JsonObject {
  return {
    [META_PROTOCOL_VERSION]: revision,
    [META_CLIENT_INFO]: { name: 'mcp-cancel-conformance', version: TOOL_VERSION },
    [META_CLIENT_CAPABILITIES]: {},
  };
}

/** Switches a session to the modern era: every request from now on carries the version in `_meta`. */
export function useModernEra(peer: Peer, revision: ModernRevision): void {
  peer.requestMeta = modernMeta(revision);
  peer.livenessMethod = 'server/discover';
  // Streamable HTTP of this revision has no notifications/cancelled: closing the request's stream is
  // the cancellation (a cancel for a request whose stream is not open is still POSTed, as written).
  peer.cancelsByClosing = peer.channel.transport === 'http';
}

export type DiscoverOutcome =
  | { kind: 'modern'; hello: ServerHello; supported: string[] }
  | { kind: 'refused'; code: number; name: string; supported: string[]; detail: string }
  | { kind: 'legacy'; why: string };

/** Reads a DiscoverResult into the hello the rest of the suite uses. */
function readDiscover(
  result: unknown,
  revision: ModernRevision,
  latencyMs: number,
): ServerHello & { supported: string[] } {
  const r = isJsonObject(result) ? result : {};
  const meta = isJsonObject(r._meta) ? r._meta : {};
  const info = meta[META_SERVER_INFO];
  const supported = Array.isArray(r.supportedVersions)
    ? r.supportedVersions.filter((v): v is string => typeof v === 'string')
    : [];
  return {
    protocolVersion: revision,
    latencyMs,
    serverInfo:
      isJsonObject(info) && typeof info.name === 'string'
        ? { name: info.name, version: typeof info.version === 'string' ? info.version : '' }
        : null,
    capabilities: isJsonObject(r.capabilities) ? r.capabilities : {},
    supported,
  };
}

/**
 * Sends `server/discover` at `revision` (switching the peer to the modern era) and classifies the
 * answer. `timeout` resolves when the suite stops waiting (the spec's "reasonable timeout").
 */
export async function probeDiscover(
  peer: Peer,
  revision: ModernRevision,
  timeout: Promise<unknown>,
): Promise<DiscoverOutcome> {
  useModernEra(peer, revision);
  const req = await peer.request('server/discover');
  const event = await Promise.race([req.response, timeout.then(() => null)]);
  if (!event) {
    const exit = peer.channel.exit;
    return {
      kind: 'legacy',
      why: exit
        ? `the target exited (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`}) without answering server/discover`
        : 'no answer to server/discover',
    };
  }
  const m = event.message;
  const latencyMs = Math.round(event.t - req.sentAt);
  if (classify(m) === 'error' && isJsonObject(m) && isJsonObject(m.error)) {
    const code = typeof m.error.code === 'number' ? m.error.code : NaN;
    const name = MODERN_ERROR_CODES[code];
    const detail = JSON.stringify(m.error).slice(0, 200);
    if (!name)
      return { kind: 'legacy', why: `server/discover was answered with a non-modern error ${detail}` };
    const data = isJsonObject(m.error.data) ? m.error.data : {};
    const supported = Array.isArray(data.supported)
      ? data.supported.filter((v): v is string => typeof v === 'string')
      : [];
    return { kind: 'refused', code, name, supported, detail };
  }
  if (classify(m) !== 'response' || !isJsonObject(m)) {
    return { kind: 'legacy', why: 'server/discover was answered with something that is not a response' };
  }
  const hello = readDiscover(m.result, revision, latencyMs);
  return { kind: 'modern', hello, supported: hello.supported };
}

/** The modern counterpart of the handshake, for rules: discover at `revision` or throw TargetError. */
export async function discover(
  peer: Peer,
  revision: ModernRevision,
  timeoutMs: number,
): Promise<ServerHello> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  try {
    const outcome = await probeDiscover(peer, revision, timeout);
    if (outcome.kind === 'modern') return outcome.hello;
    if (outcome.kind === 'refused')
      throw new TargetError(
        `the target refused server/discover at ${revision}: ${outcome.name} ${outcome.detail}`,
      );
    throw new TargetError(`${outcome.why} within ${timeoutMs} ms at revision ${revision}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a discover outcome means the revision cannot be tested, in one phrase. */
export function whyNotModern(outcome: DiscoverOutcome, revision: ModernRevision): string {
  if (outcome.kind === 'refused')
    return `refused with ${outcome.name}${outcome.supported.length ? `; it supports ${outcome.supported.join(', ')}` : ''}`;
  if (outcome.kind === 'legacy') return `${outcome.why}, so it is a legacy-era server`;
  return outcome.supported.length && !outcome.supported.includes(revision)
    ? `its DiscoverResult does not list ${revision} (${outcome.supported.join(', ')})`
    : 'supported';
}

/** Opens a session at `revision` on a fresh target: the handshake (legacy) or server/discover (modern). */
export function openSessionAt(peer: Peer, revision: Revision, timeoutMs: number): Promise<ServerHello> {
  return isModern(revision) ? discover(peer, revision, timeoutMs) : handshake(peer, revision, timeoutMs);
}
