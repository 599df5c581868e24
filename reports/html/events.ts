// What each transcript event is, for the timeline and the event list: its lane, its kind and a one-line label.

import type { TranscriptEvent } from '../../harness/model/transcript.js';
import type { Json } from '../../harness/model/protocol.js';
import { cut, LABEL_CAP } from './escape.js';

/** The lane an event is drawn in: who wrote it. */
type Lane = 'client' | 'server' | 'stderr' | 'harness';
/** The lanes, top to bottom. */
export const LANES: readonly Lane[] = ['client', 'server', 'stderr', 'harness'];
/** A lane's label ("notes" for the harness). */
export const LANE_LABEL: Record<Lane, string> = {
  client: 'client',
  server: 'server',
  stderr: 'stderr',
  harness: 'notes',
};

/** The kind of an event, for its colour. */
type Mark =
  'req' | 'notif' | 'cancel' | 'progress' | 'resp' | 'err' | 'srvreq' | 'stderr' | 'note' | 'exit' | 'bad';
/** The legend's words for each kind. */
export const MARK_LABEL: Record<Mark, string> = {
  req: 'request',
  notif: 'notification',
  cancel: 'notifications/cancelled',
  progress: 'progress notification',
  resp: 'result',
  err: 'error response',
  srvreq: 'request from the server',
  stderr: 'stderr line',
  note: 'harness note',
  exit: 'process ended',
  bad: 'not a JSON-RPC message',
};

/** The kinds in a fixed order: the page's data names a kind by its index here. */
export const MARKS = Object.keys(MARK_LABEL) as readonly Mark[];

type JsonObj = { [key: string]: Json };

// Why: narrows a parsed message to an object.
function obj(v: Json | undefined): JsonObj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null;
}

// Why: the lane an event is drawn in.
export function laneOf(e: TranscriptEvent): Lane {
  if (e.kind === 'stderr') return 'stderr';
  return e.dir === 'client' || e.dir === 'server' ? e.dir : 'harness';
}

// Why: what a message is, for its colour.
function messageMark(e: TranscriptEvent): Mark {
  const m = obj(e.message);
  if (!m) return Array.isArray(e.message) ? 'req' : 'bad';
  if (typeof m.method === 'string') {
    if (m.method === 'notifications/cancelled') return 'cancel';
    if (m.method === 'notifications/progress') return 'progress';
    if ('id' in m) return e.dir === 'server' ? 'srvreq' : 'req';
    return 'notif';
  }
  if ('error' in m) return 'err';
  return 'result' in m ? 'resp' : 'bad';
}

// Why: what an event is, for its colour and legend.
export function markOf(e: TranscriptEvent): Mark {
  if (e.kind === 'message') return messageMark(e);
  if (e.kind === 'stderr' || e.kind === 'note' || e.kind === 'exit') return e.kind;
  // A window the harness watched reads like its other notes (the timeline also shades its span).
  if (e.kind === 'window') return 'note';
  // HTTP facts (status, stream open and close) read like notes of the harness.
  if (e.kind === 'http') return 'note';
  // A sample of the target's processes, too (its line says what the operating system showed).
  if (e.kind === 'sample') return 'note';
  return 'bad';
}

// Why: the cancels the client sent are what every timeline is about.
export function isClientCancel(e: TranscriptEvent): boolean {
  return e.dir === 'client' && markOf(e) === 'cancel';
}

// Why: a few words on what a method call carries (tool name, progress value, cancelled id).
function methodDetail(method: string, params: Json | undefined): string {
  const p = obj(params);
  if (!p) return '';
  if (method === 'tools/call' && typeof p.name === 'string') return ` ${p.name}`;
  if (method === 'notifications/progress')
    return ` ${JSON.stringify(p.progress)}${p.total === undefined ? '' : `/${JSON.stringify(p.total)}`}`;
  if (method === 'notifications/cancelled') return ` of #${JSON.stringify(p.requestId) ?? '?'}`;
  return '';
}

// Why: a one-line description of a message: method and id, or result/error and id.
function describeMessage(message: Json | undefined): string {
  if (Array.isArray(message)) return `batch of ${message.length}`;
  const m = obj(message);
  if (!m) return JSON.stringify(message) ?? '(nothing)';
  const id = 'id' in m ? ` #${JSON.stringify(m.id)}` : '';
  if (typeof m.method === 'string') return `${m.method}${id}${methodDetail(m.method, m.params)}`;
  const error = obj(m.error);
  if (error) return `error${id} ${JSON.stringify(error.code)}: ${String(error.message ?? '')}`;
  if ('result' in m) return `result${id}`;
  return JSON.stringify(m);
}

// Why: the label of any event, cut to one line.
export function describe(e: TranscriptEvent): string {
  const text =
    e.kind === 'message'
      ? `${describeMessage(e.message)}${e.stream ? ` on ${e.stream}` : ''}`
      : `${e.kind === 'note' || e.kind === 'window' ? '' : `[${e.kind}] `}${e.text ?? ''}`;
  return cut(text.replace(/\s+/g, ' '), LABEL_CAP);
}

// Why: the id of an event's row in the list, the target of its marker's link.
export function eventAnchor(rid: string, e: TranscriptEvent): string {
  return `${rid}-e${e.seq}`;
}
