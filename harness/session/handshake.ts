// The legacy `initialize` handshake (revisions 2024-11-05 … 2025-11-25): initialize → result →
// notifications/initialized. Readiness is the handshake itself, never a delay.

import { Peer } from '../jsonrpc/peer.js';
import { classify } from '../jsonrpc/message.js';
import { TargetError } from '../errors.js';
import { within } from '../timing.js';
import { isJsonObject, type JsonObject, type Revision } from '../model/protocol.js';
import { TOOL_VERSION } from '../version.js';

export interface ServerHello {
  protocolVersion: string;
  /** From the initialize write to its answer, in ms (start-up included for a fresh target). */
  latencyMs: number;
  serverInfo: { name: string; version: string } | null;
  capabilities: JsonObject;
}

/** The client capabilities the suite declares: it can answer sampling, elicitation and roots. */
export function clientCapabilities(revision: Revision): JsonObject {
  const caps: JsonObject = { sampling: {}, roots: { listChanged: false } };
  if (revision >= '2025-06-18') caps.elicitation = {};
  return caps;
}

/** The `initialize` request params for a revision. */
export function initializeParams(revision: Revision): JsonObject {
  return {
    protocolVersion: revision,
    capabilities: clientCapabilities(revision),
    clientInfo: { name: 'mcp-cancel-conformance', version: TOOL_VERSION },
  };
}

/** Reads the server's answer to initialize; throws TargetError naming what was wrong. */
export function readHello(result: unknown, latencyMs = 0): ServerHello {
  if (!isJsonObject(result) || typeof result.protocolVersion !== 'string') {
    throw new TargetError(
      `the target answered initialize without a protocolVersion: ${JSON.stringify(result).slice(0, 200)}`,
    );
  }
  const info = result.serverInfo;
  const serverInfo =
    isJsonObject(info) && typeof info.name === 'string'
      ? { name: info.name, version: typeof info.version === 'string' ? info.version : '' }
      : null;
  return {
    protocolVersion: result.protocolVersion,
    latencyMs,
    serverInfo,
    capabilities: isJsonObject(result.capabilities) ? result.capabilities : {},
  };
}

/** Explains why a target did not complete a handshake: exit code and the last stderr lines. */
export function whyNoHandshake(peer: Peer, waitedMs: number): string {
  const exit = peer.channel.exit;
  const tail = peer.channel.stderrTail().slice(-3).join(' | ');
  const how = exit
    ? `the target exited (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`}) before answering initialize`
    : `the target did not answer initialize within ${waitedMs} ms`;
  return tail ? `${how}; last stderr: ${tail}` : `${how}; it wrote nothing to stderr`;
}

/** Performs the handshake at `revision`; throws TargetError when it does not complete in `timeoutMs`. */
export async function handshake(peer: Peer, revision: Revision, timeoutMs: number): Promise<ServerHello> {
  const req = await peer.request('initialize', initializeParams(revision));
  const event = await within(req.response, timeoutMs, () => null);
  if (!event) throw new TargetError(whyNoHandshake(peer, timeoutMs));
  const m = event.message;
  if (classify(m) === 'error' && isJsonObject(m) && isJsonObject(m.error)) {
    throw new TargetError(
      `the target rejected initialize (revision ${revision}): ${JSON.stringify(m.error).slice(0, 200)}`,
    );
  }
  const hello = readHello(isJsonObject(m) ? m.result : undefined, Math.round(event.t - req.sentAt));
  await peer.notify('notifications/initialized');
  return hello;
}
