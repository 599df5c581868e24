// Self-test of the project's message schemas. Part 1 cross-checks them against the OFFICIAL schemas
// (reference data in ../shared/spec/schema, never copied into the project): for a corpus of sample
// messages per revision, the project's verdict must equal the official verdict for the
// corresponding definitions, except for the documented, deliberate divergences (which must then
// differ exactly as documented). Part 2 unit-tests the envelope corner cases and the verdict format.

import { describe, expect, it } from 'vitest';
import {
  LEGACY_REVISIONS,
  REVISIONS,
  isJsonObject,
  type LegacyRevision,
  type Revision,
} from '../model/protocol.js';
import { validateClientMessage, validateServerMessage, type SchemaVerdict } from './index.js';

import { seededRandom } from '../random.js';
import { haveOfficial, OFFICIAL_DIR, OfficialSchema, officialVerdict } from './official.testlib.js';
import { dropUndefined, mutate, variants } from './variants.testlib.js';

// ---------------------------------------------------------------------------------------------------
// The corpus. `valid` is the project's expected verdict; `divergence` names a deliberate difference
// from the official schema (the official verdict is then the opposite).

interface Sample {
  name: string;
  from: 'server' | 'client';
  message: unknown;
  requestMethod?: string;
  valid: boolean;
  divergence?: string;
}

const BOTH_OUTCOMES = 'JSON-RPC: a response never has both result and error';
const NULL_ID_PARSE_ERROR = 'JSON-RPC: a parse / invalid-request error has id null';
const EMPTY_BATCH = 'JSON-RPC: an empty batch is invalid';

const req = (method: string, params?: unknown, id: unknown = 1): { [key: string]: unknown } =>
  params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
const note = (method: string, params?: unknown): { [key: string]: unknown } =>
  params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
const ok = (result: unknown, id: unknown = 1): { [key: string]: unknown } => ({ jsonrpc: '2.0', id, result });
const fail = (error: unknown, id: unknown = 1): { [key: string]: unknown } => ({ jsonrpc: '2.0', id, error });
const text = (t = 'hi'): { [key: string]: unknown } => ({ type: 'text', text: t });
const task = {
  taskId: 't1',
  status: 'working',
  createdAt: '2025-11-25T00:00:00Z',
  lastUpdatedAt: '2025-11-25T00:00:01Z',
  ttl: null,
};
const initializeResult = {
  protocolVersion: '2025-06-18',
  capabilities: { tools: { listChanged: true }, logging: {} },
  serverInfo: { name: 'srv', version: '1.0.0' },
};
const initializeParams = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'suite', version: '0.1.0' },
};
const samplingParams = { messages: [{ role: 'user', content: text() }], maxTokens: 10 };
const elicitParams = {
  message: 'Name?',
  requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
};

const icon = { src: 'https://example.com/i.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' };
const fullInitializeResult = {
  protocolVersion: '2025-11-25',
  capabilities: {
    experimental: { x: {} },
    logging: {},
    completions: {},
    prompts: { listChanged: true },
    resources: { subscribe: true, listChanged: false },
    tools: { listChanged: true },
    tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
  },
  serverInfo: {
    name: 'srv',
    version: '1',
    title: 'Server',
    description: 'd',
    icons: [icon],
    websiteUrl: 'https://example.com',
  },
  instructions: 'i',
  _meta: { a: 1 },
};
const fullTool = {
  name: 'slow',
  title: 'Slow',
  description: 'sleeps',
  inputSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { s: { type: 'number' } },
    required: ['s'],
  },
  outputSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
  annotations: {
    title: 'Slow',
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  execution: { taskSupport: 'optional' },
  icons: [icon],
  _meta: { a: 1 },
};
const annotations = { audience: ['user', 'assistant'], priority: 0.5, lastModified: '2025-01-01T00:00:00Z' };
const fullCallResult = {
  content: [
    { type: 'text', text: 't', annotations, _meta: {} },
    { type: 'image', data: 'AA==', mimeType: 'image/png', annotations, _meta: {} },
    {
      type: 'resource',
      resource: { uri: 'file:///a', mimeType: 'text/plain', text: 'x', _meta: {} },
      annotations,
      _meta: {},
    },
    { type: 'resource', resource: { uri: 'file:///b', blob: 'AA==' } },
  ],
  structuredContent: { ok: true },
  isError: false,
  _meta: { a: 1 },
};
const fullSamplingParams = {
  messages: [
    { role: 'user', content: text() },
    { role: 'assistant', content: { type: 'image', data: 'AA==', mimeType: 'image/png' } },
  ],
  maxTokens: 100,
  systemPrompt: 's',
  includeContext: 'thisServer',
  temperature: 0.2,
  stopSequences: ['x'],
  metadata: { k: 'v' },
  modelPreferences: {
    hints: [{ name: 'claude' }],
    costPriority: 0.1,
    speedPriority: 0.2,
    intelligencePriority: 0.9,
  },
  tools: [fullTool],
  toolChoice: { mode: 'auto' },
  task: { ttl: 1000 },
  _meta: { progressToken: 'p' },
};
const fullElicitParams = {
  message: 'Tell me',
  requestedSchema: {
    type: 'object',
    properties: {
      s: {
        type: 'string',
        title: 'S',
        description: 'd',
        minLength: 1,
        maxLength: 9,
        format: 'email',
        default: 'a@b.c',
      },
      n: { type: 'integer', title: 'N', minimum: 0, maximum: 9, default: 3 },
      b: { type: 'boolean', title: 'B', default: true },
      e: { type: 'string', enum: ['a', 'b'], enumNames: ['A', 'B'] },
      t: { type: 'string', oneOf: [{ const: 'a', title: 'A' }] },
    },
    required: ['s'],
  },
  _meta: { progressToken: 1 },
};
const fullInitializeParams = {
  protocolVersion: '2025-11-25',
  capabilities: {
    experimental: { x: {} },
    roots: { listChanged: true },
    sampling: { context: {}, tools: {} },
    elicitation: { form: {}, url: {} },
    tasks: {
      list: {},
      cancel: {},
      requests: { sampling: { createMessage: {} }, elicitation: { create: {} } },
    },
  },
  clientInfo: { name: 'suite', version: '0.1.0', title: 'Suite', icons: [icon] },
  _meta: { progressToken: 'i' },
};

function corpus(revision: LegacyRevision): Sample[] {
  const since = (first: Revision): boolean => REVISIONS.indexOf(revision) >= REVISIONS.indexOf(first);
  const r03 = since('2025-03-26');
  const r06 = since('2025-06-18');
  const r11 = since('2025-11-25');
  const batches = revision === '2025-03-26';
  const S = (name: string, message: unknown, valid: boolean, extra: Partial<Sample> = {}): Sample => ({
    name,
    from: 'server',
    message,
    valid,
    ...extra,
  });
  const C = (name: string, message: unknown, valid: boolean, extra: Partial<Sample> = {}): Sample => ({
    name,
    from: 'client',
    message,
    valid,
    ...extra,
  });
  const tools = { requestMethod: 'tools/call' };
  const list = { requestMethod: 'tools/list' };
  const init = { requestMethod: 'initialize' };

  return [
    // ---- envelope: requests ----
    S('ping, integer id', req('ping'), true),
    S('ping, string id', req('ping', undefined, 'a-1'), true),
    S('ping, id 0', req('ping', undefined, 0), true),
    S('ping, empty string id', req('ping', undefined, ''), true),
    S('ping, negative id', req('ping', undefined, -7), true),
    S('ping, integer id beyond 2^53', req('ping', undefined, 2 ** 53 + 2), true),
    S('request, id null', req('ping', undefined, null), false),
    S('request, float id', req('ping', undefined, 1.5), false),
    S('request, object id', req('ping', undefined, {}), false),
    S('request, boolean id', req('ping', undefined, true), false),
    S('request, jsonrpc 1.0', { jsonrpc: '1.0', id: 1, method: 'ping' }, false),
    S('request, no jsonrpc', { id: 1, method: 'ping' }, false),
    S('request, method not a string', { jsonrpc: '2.0', id: 1, method: 5 }, false),
    S('request, params an array', req('custom/thing', [1, 2]), false),
    S('request, unknown method with params', req('custom/thing', { anything: [1] }), true),
    S('request, unknown method, _meta not an object', req('custom/thing', { _meta: 5 }), r11),
    S(
      'request, unknown method, progressToken null',
      req('custom/thing', { _meta: { progressToken: null } }),
      r11,
    ),
    // ---- envelope: notifications ----
    S('notification, unknown method', note('notifications/custom', { x: 1 }), true),
    S('notification, no params', note('notifications/tools/list_changed'), true),
    S('notification, params a string', note('notifications/custom', 'x'), false),
    S('notification, _meta not an object', note('notifications/custom', { _meta: 5 }), r11),
    // ---- envelope: responses ----
    S('result, no request method', ok({}), true),
    S('result, extra members', ok({ anything: 1, _meta: { a: 1 } }), true),
    S('result, _meta not an object', ok({ _meta: [] }), false),
    S('result is an array', ok([]), false),
    S('result is null', ok(null), false),
    S('result, id null', ok({}, null), false),
    S('result, no id', { jsonrpc: '2.0', result: {} }, false),
    S('result, float id', ok({}, 2.5), false),
    S('result and error', { jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'x' } }, false, {
      divergence: BOTH_OUTCOMES,
    }),
    S('error response', fail({ code: -32601, message: 'Method not found' }), true),
    S(
      'error response with data',
      fail({ code: 0, message: 'Request cancelled', data: { any: true } }, 'x'),
      true,
    ),
    S('error, float code', fail({ code: -32000.5, message: 'x' }), false),
    S('error, string code', fail({ code: '-32000', message: 'x' }), false),
    S('error, no message', fail({ code: -32000 }), false),
    S('error, message not a string', fail({ code: -32000, message: 7 }), false),
    S('error, error is a string', fail('boom'), false),
    S('error, id null, parse error', fail({ code: -32700, message: 'Parse error' }, null), true, {
      divergence: NULL_ID_PARSE_ERROR,
    }),
    S('error, id null, invalid request', fail({ code: -32600, message: 'Invalid Request' }, null), true, {
      divergence: NULL_ID_PARSE_ERROR,
    }),
    S('error, id null, other code', fail({ code: -32601, message: 'x' }, null), false),
    S('error, no id, parse error', { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } }, r11),
    S('error, no id, other code', { jsonrpc: '2.0', error: { code: -32603, message: 'x' } }, r11),
    S('error, float id', fail({ code: -32603, message: 'x' }, 1.5), false),
    // ---- envelope: not a message ----
    S('a number', 42, false),
    S('a string', 'ping', false),
    S('null', null, false),
    S('no method, result or error', { jsonrpc: '2.0', id: 1 }, false),
    C('batch of a request and a notification', [req('ping'), note('notifications/initialized')], batches),
    C('empty batch', [], false, batches ? { divergence: EMPTY_BATCH } : {}),
    C('batch mixing a request and a response', [req('ping'), ok({})], false),
    C('batch with an invalid element', [{ jsonrpc: '2.0', id: 1, method: 5 }], false),
    C('batch with a null-id request', [req('ping', undefined, null)], false),
    S('batch of responses', [ok({}, 1), fail({ code: -32601, message: 'x' }, 2)], batches),

    // ---- notifications/progress ----
    S('progress', note('notifications/progress', { progressToken: 'p1', progress: 1 }), true),
    S(
      'progress, integer token, total',
      note('notifications/progress', { progressToken: 3, progress: 1, total: 10 }),
      true,
    ),
    S(
      'progress, fractional values',
      note('notifications/progress', { progressToken: 3, progress: 0.25, total: 1.5 }),
      true,
    ),
    S('progress as string', note('notifications/progress', { progressToken: 'p1', progress: '5' }), false),
    S('progress missing', note('notifications/progress', { progressToken: 'p1' }), false),
    S('progress token missing', note('notifications/progress', { progress: 1 }), false),
    S('progress token null', note('notifications/progress', { progressToken: null, progress: 1 }), false),
    S('progress token float', note('notifications/progress', { progressToken: 1.5, progress: 1 }), false),
    S(
      'progress total as string',
      note('notifications/progress', { progressToken: 1, progress: 1, total: '10' }),
      false,
    ),
    S('progress without params', note('notifications/progress'), false),
    S(
      'progress with message',
      note('notifications/progress', { progressToken: 1, progress: 1, message: 'half' }),
      true,
    ),
    S(
      'progress message not a string',
      note('notifications/progress', { progressToken: 1, progress: 1, message: 5 }),
      !r03,
    ),
    S(
      'progress _meta not an object',
      note('notifications/progress', { progressToken: 1, progress: 1, _meta: 5 }),
      false,
    ),

    // ---- notifications/cancelled (both directions) ----
    S('cancelled', note('notifications/cancelled', { requestId: 1, reason: 'timeout' }), true),
    S('cancelled, string id, no reason', note('notifications/cancelled', { requestId: 'abc' }), true),
    S('cancelled, requestId missing', note('notifications/cancelled', { reason: 'x' }), r11),
    S('cancelled, empty params', note('notifications/cancelled', {}), r11),
    S('cancelled, requestId null', note('notifications/cancelled', { requestId: null }), false),
    S('cancelled, requestId float', note('notifications/cancelled', { requestId: 1.5 }), false),
    S('cancelled, requestId object', note('notifications/cancelled', { requestId: {} }), false),
    S('cancelled, reason a number', note('notifications/cancelled', { requestId: 1, reason: 42 }), false),
    S('cancelled, no params', note('notifications/cancelled'), false),
    S('cancelled, _meta not an object', note('notifications/cancelled', { requestId: 1, _meta: 'x' }), false),
    S('cancelled, with an id (a request)', req('notifications/cancelled', { requestId: 2 }), true),
    C('client cancelled', note('notifications/cancelled', { requestId: 0, reason: 'user' }), true),
    C('client cancelled, extra members', note('notifications/cancelled', { requestId: 0, extra: [1] }), true),
    C('client cancelled, requestId missing', note('notifications/cancelled', {}), r11),
    C('client cancelled, requestId "7" string', note('notifications/cancelled', { requestId: '7' }), true),

    // ---- notifications/message ----
    S('log message', note('notifications/message', { level: 'info', data: { a: 1 } }), true),
    S(
      'log message, logger and string data',
      note('notifications/message', { level: 'warning', logger: 'x', data: 's' }),
      true,
    ),
    S('log message, data null', note('notifications/message', { level: 'debug', data: null }), true),
    S('log message, unknown level', note('notifications/message', { level: 'verbose', data: 1 }), false),
    S('log message, data missing', note('notifications/message', { level: 'info' }), false),
    S(
      'log message, logger a number',
      note('notifications/message', { level: 'info', data: 1, logger: 5 }),
      false,
    ),

    // ---- server requests ----
    S('sampling', req('sampling/createMessage', samplingParams), true),
    S(
      'sampling, maxTokens float',
      req('sampling/createMessage', { ...samplingParams, maxTokens: 1.5 }),
      false,
    ),
    S('sampling, messages missing', req('sampling/createMessage', { maxTokens: 10 }), false),
    S('sampling, no params', req('sampling/createMessage'), false),
    S(
      'sampling, role system',
      req('sampling/createMessage', { ...samplingParams, messages: [{ role: 'system', content: text() }] }),
      false,
    ),
    S(
      'sampling, audio content',
      req('sampling/createMessage', {
        ...samplingParams,
        messages: [{ role: 'user', content: { type: 'audio', data: 'AA==', mimeType: 'audio/wav' } }],
      }),
      r03,
    ),
    S(
      'sampling, content array',
      req('sampling/createMessage', { ...samplingParams, messages: [{ role: 'user', content: [text()] }] }),
      r11,
    ),
    S(
      'sampling, costPriority 2',
      req('sampling/createMessage', { ...samplingParams, modelPreferences: { costPriority: 2 } }),
      false,
    ),
    S(
      'sampling, includeContext bogus',
      req('sampling/createMessage', { ...samplingParams, includeContext: 'bogus' }),
      false,
    ),
    S(
      'sampling, progress token',
      req('sampling/createMessage', { ...samplingParams, _meta: { progressToken: 'p' } }),
      true,
    ),
    S('sampling, tools not an array', req('sampling/createMessage', { ...samplingParams, tools: 5 }), !r11),
    S('elicitation', req('elicitation/create', elicitParams), true),
    S('elicitation, requestedSchema missing', req('elicitation/create', { message: 'x' }), !r06),
    S(
      'elicitation, nested object field',
      req('elicitation/create', {
        message: 'x',
        requestedSchema: { type: 'object', properties: { a: { type: 'object' } } },
      }),
      !r06,
    ),
    S(
      'elicitation, enum field',
      req('elicitation/create', {
        message: 'x',
        requestedSchema: { type: 'object', properties: { c: { type: 'string', enum: ['a', 'b'] } } },
      }),
      true,
    ),
    S(
      'elicitation, multi-select field',
      req('elicitation/create', {
        message: 'x',
        requestedSchema: {
          type: 'object',
          properties: { c: { type: 'array', items: { type: 'string', enum: ['a'] } } },
        },
      }),
      !r06 || r11,
    ),
    S(
      'elicitation, url mode',
      req('elicitation/create', {
        mode: 'url',
        message: 'x',
        elicitationId: 'e1',
        url: 'https://example.com',
      }),
      !r06 || r11,
    ),
    S(
      'elicitation, url mode without url',
      req('elicitation/create', { mode: 'url', message: 'x', elicitationId: 'e1' }),
      !r06,
    ),
    S('roots/list', req('roots/list'), true),
    S('roots/list, progressToken null', req('roots/list', { _meta: { progressToken: null } }), false),
    S('ping with progress token', req('ping', { _meta: { progressToken: 'x' } }), true),
    S('tasks/get request', req('tasks/get', { taskId: 't1' }), true),
    S('tasks/get request, taskId missing', req('tasks/get', {}), !r11),

    // ---- server results ----
    S('initialize result', ok(initializeResult), true, init),
    S(
      'initialize result, serverInfo missing',
      ok({ ...initializeResult, serverInfo: undefined }),
      false,
      init,
    ),
    S(
      'initialize result, version missing',
      ok({ ...initializeResult, serverInfo: { name: 'srv' } }),
      false,
      init,
    ),
    S(
      'initialize result, listChanged a string',
      ok({ ...initializeResult, capabilities: { tools: { listChanged: 'yes' } } }),
      false,
      init,
    ),
    S(
      'initialize result, serverInfo.title a number',
      ok({ ...initializeResult, serverInfo: { name: 's', version: '1', title: 5 } }),
      !r06,
      init,
    ),
    S(
      'initialize result, completions true',
      ok({ ...initializeResult, capabilities: { completions: true } }),
      !r03,
      init,
    ),
    S(
      'initialize result, tasks capability 5',
      ok({ ...initializeResult, capabilities: { tasks: 5 } }),
      !r11,
      init,
    ),
    S('initialize result, instructions', ok({ ...initializeResult, instructions: 'be nice' }), true, init),
    S(
      'initialize result, protocolVersion a number',
      ok({ ...initializeResult, protocolVersion: 2025 }),
      false,
      init,
    ),
    S('ping result', ok({}), true, { requestMethod: 'ping' }),
    S('ping result, extra members', ok({ pong: true }), true, { requestMethod: 'ping' }),
    S('ping result, _meta a number', ok({ _meta: 5 }), false, { requestMethod: 'ping' }),
    S('tools/list result', ok({ tools: [{ name: 'slow', inputSchema: { type: 'object' } }] }), true, list),
    S('tools/list result, empty', ok({ tools: [], nextCursor: 'n' }), true, list),
    S('tools/list result, inputSchema missing', ok({ tools: [{ name: 'slow' }] }), false, list),
    S(
      'tools/list result, inputSchema type array',
      ok({ tools: [{ name: 'slow', inputSchema: { type: 'array' } }] }),
      false,
      list,
    ),
    S('tools/list result, tools missing', ok({}), false, list),
    S('tools/list result, nextCursor a number', ok({ tools: [], nextCursor: 5 }), false, list),
    S(
      'tools/list result, readOnlyHint a string',
      ok({ tools: [{ name: 'a', inputSchema: { type: 'object' }, annotations: { readOnlyHint: 'yes' } }] }),
      !r03,
      list,
    ),
    S(
      'tools/list result, outputSchema not an object schema',
      ok({ tools: [{ name: 'a', inputSchema: { type: 'object' }, outputSchema: { type: 'string' } }] }),
      !r06,
      list,
    ),
    S('tools/call result', ok({ content: [text('done')] }), true, tools),
    S('tools/call result, empty content, isError', ok({ content: [], isError: true }), true, tools),
    S('tools/call result, content missing', ok({ isError: false }), false, tools),
    S('tools/call result, content a string', ok({ content: 'done' }), false, tools),
    S('tools/call result, isError a string', ok({ content: [], isError: 'no' }), false, tools),
    S(
      'tools/call result, image',
      ok({ content: [{ type: 'image', data: 'AA==', mimeType: 'image/png' }] }),
      true,
      tools,
    ),
    S(
      'tools/call result, image without mimeType',
      ok({ content: [{ type: 'image', data: 'AA==' }] }),
      false,
      tools,
    ),
    S(
      'tools/call result, audio',
      ok({ content: [{ type: 'audio', data: 'AA==', mimeType: 'audio/wav' }] }),
      r03,
      tools,
    ),
    S(
      'tools/call result, resource link',
      ok({ content: [{ type: 'resource_link', uri: 'file:///a', name: 'a' }] }),
      r06,
      tools,
    ),
    S(
      'tools/call result, resource link, every member',
      ok({
        content: [
          {
            type: 'resource_link',
            uri: 'file:///a',
            name: 'a',
            title: 'A',
            description: 'd',
            mimeType: 'text/plain',
            size: 10,
            annotations,
            icons: [icon],
            _meta: {},
          },
        ],
      }),
      r06,
      tools,
    ),
    S(
      'tools/call result, audio, every member',
      ok({ content: [{ type: 'audio', data: 'AA==', mimeType: 'audio/wav', annotations, _meta: {} }] }),
      r03,
      tools,
    ),
    S(
      'tools/call result, embedded text resource',
      ok({ content: [{ type: 'resource', resource: { uri: 'file:///a', text: 'x' } }] }),
      true,
      tools,
    ),
    S(
      'tools/call result, embedded blob resource',
      ok({ content: [{ type: 'resource', resource: { uri: 'file:///a', blob: 'AA==' } }] }),
      true,
      tools,
    ),
    S(
      'tools/call result, resource without text or blob',
      ok({ content: [{ type: 'resource', resource: { uri: 'file:///a' } }] }),
      false,
      tools,
    ),
    S('tools/call result, unknown block type', ok({ content: [{ type: 'video', url: 'x' }] }), false, tools),
    S('tools/call result, text block without text', ok({ content: [{ type: 'text' }] }), false, tools),
    S('tools/call result, block without type', ok({ content: [{ text: 'x' }] }), false, tools),
    S(
      'tools/call result, priority 2',
      ok({ content: [{ ...text(), annotations: { priority: 2 } }] }),
      false,
      tools,
    ),
    S(
      'tools/call result, audience bot',
      ok({ content: [{ ...text(), annotations: { audience: ['bot'] } }] }),
      false,
      tools,
    ),
    S('tools/call result, structuredContent', ok({ content: [], structuredContent: { a: 1 } }), true, tools),
    S(
      'tools/call result, structuredContent a number',
      ok({ content: [], structuredContent: 5 }),
      !r06,
      tools,
    ),
    S('tools/call result, block _meta a string', ok({ content: [{ ...text(), _meta: 'x' }] }), !r06, tools),
    S('tools/call result, task created', ok({ task }), r11, tools),
    S('tools/call result, task without status', ok({ task: { ...task, status: undefined } }), false, tools),
    S('tools/call error', fail({ code: -32602, message: 'Unknown tool' }), true, tools),
    S('tasks/get result', ok({ ...task, status: 'cancelled' }), true, { requestMethod: 'tasks/get' }),
    S('tasks/get result, bad status', ok({ ...task, status: 'stopped' }), !r11, {
      requestMethod: 'tasks/get',
    }),
    S('tasks/cancel result, ttl a string', ok({ ...task, ttl: '1' }), !r11, {
      requestMethod: 'tasks/cancel',
    }),
    S('task status notification', note('notifications/tasks/status', { ...task, status: 'completed' }), true),
    S(
      'task status notification, taskId missing',
      note('notifications/tasks/status', { ...task, taskId: undefined }),
      !r11,
    ),

    // ---- rich, valid-everywhere messages (every optional member filled: the mutants start here) ----
    S('initialize result, every member', ok(fullInitializeResult), true, init),
    S(
      'tools/list result, every member',
      ok({ tools: [fullTool], nextCursor: 'c2', _meta: { a: 1 } }),
      true,
      list,
    ),
    S('tools/call result, every member', ok(fullCallResult), true, tools),
    S('sampling, every member', req('sampling/createMessage', fullSamplingParams), true),
    S('elicitation, every field kind', req('elicitation/create', fullElicitParams), true),
    S(
      'progress, every member',
      note('notifications/progress', { progressToken: 'p', progress: 2, total: 4, message: 'm', _meta: {} }),
      true,
    ),
    S(
      'tasks/list result',
      ok({ tasks: [{ ...task, pollInterval: 500, statusMessage: 's' }], nextCursor: 'n' }),
      true,
      {
        requestMethod: 'tasks/list',
      },
    ),
    C('initialize, every capability', req('initialize', fullInitializeParams), true),
    C(
      'sampling result, every member',
      ok({ role: 'assistant', content: text(), model: 'm', stopReason: 'endTurn', _meta: {} }),
      true,
      {
        requestMethod: 'sampling/createMessage',
      },
    ),
    C(
      'sampling result, tool use (2025-11-25)',
      ok({
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'u1', name: 'slow', input: {} }],
        model: 'm',
      }),
      r11,
      {
        requestMethod: 'sampling/createMessage',
      },
    ),
    S(
      'sampling, tool result message (2025-11-25)',
      req('sampling/createMessage', {
        ...samplingParams,
        messages: [
          {
            role: 'user',
            content: { type: 'tool_result', toolUseId: 'u1', content: [text()], isError: false },
          },
        ],
      }),
      r11,
    ),
    C(
      'roots result, every member',
      ok({ roots: [{ uri: 'file:///x', name: 'x', _meta: {} }], _meta: {} }),
      true,
      { requestMethod: 'roots/list' },
    ),

    // ---- client messages ----
    C('initialize', req('initialize', initializeParams), true),
    C(
      'initialize, clientInfo missing',
      req('initialize', { ...initializeParams, clientInfo: undefined }),
      false,
    ),
    C('initialize, no params', req('initialize'), false),
    C(
      'initialize, roots.listChanged a string',
      req('initialize', { ...initializeParams, capabilities: { roots: { listChanged: 'x' } } }),
      false,
    ),
    C(
      'initialize, elicitation capability 5',
      req('initialize', { ...initializeParams, capabilities: { elicitation: 5 } }),
      !r06,
    ),
    C(
      'initialize, sampling.tools 5',
      req('initialize', { ...initializeParams, capabilities: { sampling: { tools: 5 } } }),
      !r11,
    ),
    C('initialized', note('notifications/initialized'), true),
    C('initialized, empty params', note('notifications/initialized', {}), true),
    C(
      'tools/call with progress token',
      req('tools/call', { name: 'slow', arguments: { seconds: 30 }, _meta: { progressToken: 'p1' } }),
      true,
    ),
    C(
      'tools/call, integer progress token',
      req('tools/call', { name: 'slow', _meta: { progressToken: 7 } }, 'call-1'),
      true,
    ),
    C(
      'tools/call, progress token float',
      req('tools/call', { name: 'slow', _meta: { progressToken: 1.5 } }),
      false,
    ),
    C(
      'tools/call, progress token null',
      req('tools/call', { name: 'slow', _meta: { progressToken: null } }),
      false,
    ),
    C('tools/call, _meta a string', req('tools/call', { name: 'slow', _meta: 'x' }), false),
    C('tools/call, name missing', req('tools/call', { arguments: {} }), false),
    C('tools/call, arguments a string', req('tools/call', { name: 'slow', arguments: 'x' }), false),
    C('tools/call, no params', req('tools/call'), false),
    C('tools/call, task-augmented', req('tools/call', { name: 'slow', task: { ttl: 60000 } }), true),
    C('tools/call, task ttl a string', req('tools/call', { name: 'slow', task: { ttl: 'x' } }), !r11),
    C('tools/list', req('tools/list'), true),
    C('tools/list with cursor', req('tools/list', { cursor: 'n' }), true),
    C('tools/list, cursor a number', req('tools/list', { cursor: 5 }), false),
    C('ping', req('ping', undefined, 'ping-1'), true),
    C('tasks/cancel', req('tasks/cancel', { taskId: 't1' }), true),
    C('tasks/cancel, taskId missing', req('tasks/cancel', {}), !r11),
    C('sampling result', ok({ role: 'assistant', content: text(), model: 'm' }), true, {
      requestMethod: 'sampling/createMessage',
    }),
    C('sampling result, model missing', ok({ role: 'assistant', content: text() }), false, {
      requestMethod: 'sampling/createMessage',
    }),
    C(
      'sampling result, stopReason a number',
      ok({ role: 'assistant', content: text(), model: 'm', stopReason: 5 }),
      false,
      {
        requestMethod: 'sampling/createMessage',
      },
    ),
    C('sampling result, task created', ok({ task }), r11, { requestMethod: 'sampling/createMessage' }),
    C('elicitation result', ok({ action: 'accept', content: { name: 'x', n: 3, b: true } }), true, {
      requestMethod: 'elicitation/create',
    }),
    C('elicitation result, action maybe', ok({ action: 'maybe' }), !r06, {
      requestMethod: 'elicitation/create',
    }),
    C('elicitation result, array answer', ok({ action: 'accept', content: { c: ['a'] } }), !r06 || r11, {
      requestMethod: 'elicitation/create',
    }),
    C('elicitation result, object answer', ok({ action: 'accept', content: { c: {} } }), !r06, {
      requestMethod: 'elicitation/create',
    }),
    C('roots result', ok({ roots: [{ uri: 'file:///x', name: 'x' }] }), true, {
      requestMethod: 'roots/list',
    }),
    C('roots result, uri missing', ok({ roots: [{ name: 'x' }] }), false, { requestMethod: 'roots/list' }),
    C('roots result, roots missing', ok({}), false, { requestMethod: 'roots/list' }),
    C('client ping result', ok({}), true, { requestMethod: 'ping' }),
    C('client error response', fail({ code: -1, message: 'User rejected sampling request' }), true, {
      requestMethod: 'sampling/createMessage',
    }),
  ].map((sample) => ({ ...sample, message: dropUndefined(sample.message) }));
}

function verdictOf(sample: Sample, revision: Revision): SchemaVerdict {
  const validate = sample.from === 'server' ? validateServerMessage : validateClientMessage;
  return validate(
    revision,
    sample.message,
    sample.requestMethod === undefined ? undefined : { requestMethod: sample.requestMethod },
  );
}

/** The documented divergences where the project rejects what the official schema accepts. */
function knownDivergence(message: unknown): boolean {
  if (Array.isArray(message)) return message.length === 0 || message.some(knownDivergence);
  return isJsonObject(message) && !('method' in message) && 'result' in message && 'error' in message;
}

/** The documented divergence where the project accepts what the official schema rejects. */
function nullIdParseError(message: unknown): boolean {
  if (Array.isArray(message)) return message.some(nullIdParseError);
  return (
    isJsonObject(message) &&
    !('method' in message) &&
    !('result' in message) &&
    message.id === null &&
    isJsonObject(message.error) &&
    (message.error.code === -32700 || message.error.code === -32600)
  );
}

/** A batch element with both a method and a result/error: the project judges it as a call (by its
 *  method); the official union may take it as either. Nonsense either way, so not compared. */
function garbageBatchElement(message: unknown): boolean {
  return (
    Array.isArray(message) &&
    message.some((m) => isJsonObject(m) && 'method' in m && ('result' in m || 'error' in m))
  );
}

/** Is a disagreement between the project (`mine`) and the official schema one of the documented ones? */
function explained(value: unknown, mine: boolean, theirs: boolean): boolean {
  return (
    (knownDivergence(value) && !mine && theirs) ||
    (nullIdParseError(value) && mine && !theirs) ||
    garbageBatchElement(value)
  );
}

// ---------------------------------------------------------------------------------------------------

describe.skipIf(!haveOfficial)(
  `cross-check with the official schemas${haveOfficial ? '' : ` (SKIPPED: no reference schemas at ${OFFICIAL_DIR})`}`,
  () => {
    for (const revision of LEGACY_REVISIONS) {
      describe(revision, () => {
        const samples = corpus(revision);
        let official: OfficialSchema | undefined;
        const officialSchema = (): OfficialSchema => (official ??= new OfficialSchema(revision));

        it(`has a corpus of ${samples.length} samples with unique names`, () => {
          expect(new Set(samples.map((s) => s.name)).size).toBe(samples.length);
          expect(samples.length).toBeGreaterThan(100);
        });

        it.each(samples.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
          const mine = verdictOf(sample, revision);
          const theirs = officialVerdict(officialSchema(), sample.message, sample.requestMethod);
          const expectedOfficial = sample.divergence === undefined ? sample.valid : !sample.valid;
          expect({ official: theirs }, 'official schema verdict').toEqual({ official: expectedOfficial });
          expect({ valid: mine.valid, errors: mine.errors }, `project verdict (${mine.schema})`).toEqual({
            valid: sample.valid,
            errors: sample.valid ? [] : expect.arrayContaining([expect.any(String)]),
          });
        });
      });
    }

    // Exhaustive single changes: every member of every sample removed, and every value replaced by
    // each value of a small pool of JSON types; each variant must get the official verdict.
    describe('single-change sweep', () => {
      for (const revision of LEGACY_REVISIONS) {
        it(`${revision}: every one-change variant of every sample agrees with the official schema`, () => {
          const official = new OfficialSchema(revision);
          const disagreements: string[] = [];
          let checked = 0;
          for (const sample of corpus(revision)) {
            for (const { value, how } of variants(sample.message)) {
              const mine = verdictOf({ ...sample, message: value }, revision).valid;
              const theirs = officialVerdict(official, value, sample.requestMethod);
              checked++;
              if (mine !== theirs && !explained(value, mine, theirs)) {
                disagreements.push(
                  `${sample.name} / ${how}: project ${mine}, official ${theirs}: ${JSON.stringify(value)}`,
                );
              }
            }
          }
          expect(checked).toBeGreaterThan(5000);
          expect(disagreements.slice(0, 10)).toEqual([]);
        });
      }
    });

    // Mutation fuzzing: every corpus sample, bent at random places (a member removed, a value
    // replaced by another JSON type, a member added), must still get the official verdict.
    describe('mutants', () => {
      const SEED = Number(process.env.SCHEMA_FUZZ_SEED ?? 20251125);
      const MUTANTS_PER_SAMPLE = Number(process.env.SCHEMA_FUZZ_MUTANTS ?? 40);
      for (const revision of LEGACY_REVISIONS) {
        it(`${revision}: ${MUTANTS_PER_SAMPLE} mutants of every sample agree with the official schema (seed ${SEED})`, () => {
          const official = new OfficialSchema(revision);
          const random = seededRandom(SEED + REVISIONS.indexOf(revision));
          const members = official.propertyNames();
          const disagreements: string[] = [];
          let checked = 0;
          for (const sample of corpus(revision)) {
            for (let i = 0; i < MUTANTS_PER_SAMPLE; i++) {
              // One to three changes in a row.
              let { value, how } = mutate(sample.message, random, members);
              for (let step = Math.floor(random() * 3); step > 0; step--) {
                const next = mutate(value, random, members);
                value = next.value;
                how = `${how}; ${next.how}`;
              }
              const mine = verdictOf({ ...sample, message: value }, revision).valid;
              const theirs = officialVerdict(official, value, sample.requestMethod);
              checked++;
              if (mine !== theirs && !explained(value, mine, theirs)) {
                disagreements.push(
                  `${sample.name} / ${how}: project ${mine}, official ${theirs}: ${JSON.stringify(value)}`,
                );
              }
            }
          }
          expect(checked).toBeGreaterThan(1000);
          expect(disagreements.slice(0, 10)).toEqual([]);
        });
      }
    });

    it('the official 2025-11-25 schema makes CancelledNotificationParams.requestId optional (and only that one)', () => {
      for (const revision of LEGACY_REVISIONS) {
        const official = new OfficialSchema(revision);
        const params = revision === '2025-11-25' ? 'CancelledNotificationParams' : 'CancelledNotification';
        const value = revision === '2025-11-25' ? {} : { method: 'notifications/cancelled', params: {} };
        expect(official.check(params, value), revision).toBe(revision === '2025-11-25');
      }
    });
  },
);

describe('verdicts: names and error lines', () => {
  it('names the definition applied', () => {
    const r = '2025-06-18';
    expect(
      validateServerMessage(r, note('notifications/progress', { progressToken: 1, progress: 1 })).schema,
    ).toBe('ProgressNotification');
    expect(validateServerMessage(r, ok({ content: [] }), { requestMethod: 'tools/call' }).schema).toBe(
      'CallToolResult response',
    );
    expect(validateServerMessage(r, ok({}), { requestMethod: 'ping' }).schema).toBe('EmptyResult response');
    expect(validateServerMessage(r, ok({})).schema).toBe('Result response');
    expect(validateServerMessage(r, ok({}), { requestMethod: 'resources/list' }).schema).toBe(
      'Result response',
    );
    expect(validateServerMessage(r, fail({ code: 1, message: 'x' })).schema).toBe('JSON-RPC error response');
    expect(validateServerMessage(r, req('custom/x')).schema).toBe('JSON-RPC request');
    expect(validateServerMessage(r, note('custom/x')).schema).toBe('JSON-RPC notification');
    expect(validateServerMessage(r, 5).schema).toBe('JSON-RPC message');
    expect(validateServerMessage('2025-11-25', ok({ task }), { requestMethod: 'tools/call' }).schema).toBe(
      'CreateTaskResult response',
    );
    expect(validateServerMessage('2025-06-18', ok({ task }), { requestMethod: 'tools/call' }).schema).toBe(
      'CallToolResult response',
    );
  });

  it('writes short lines with JSON pointers', () => {
    const verdict = validateServerMessage('2025-06-18', ok({ content: 'x' }), {
      requestMethod: 'tools/call',
    });
    expect(verdict).toEqual({
      valid: false,
      schema: 'CallToolResult response',
      errors: ['/result/content: must be array'],
    });
    expect(validateServerMessage('2025-06-18', req('ping', undefined, null)).errors).toEqual([
      '/id: must be a string or an integer',
    ]);
    expect(
      validateServerMessage(
        '2024-11-05',
        note('notifications/progress', { progressToken: 'a', progress: '1' }),
      ).errors,
    ).toEqual(['/params/progress: must be number']);
    expect(validateServerMessage('2024-11-05', ok({}, 1)).errors).toEqual([]);
    expect(
      validateServerMessage('2024-11-05', {
        jsonrpc: '2.0',
        id: 1,
        result: {},
        error: { code: 1, message: 'x' },
      }).errors,
    ).toEqual(['/error: must not be present (a response has either result or error)']);
    expect(validateServerMessage('2024-11-05', { jsonrpc: '1.0', id: 1, method: 'ping' }).errors).toEqual([
      '/jsonrpc: must be "2.0"',
    ]);
    expect(validateServerMessage('2025-06-18', 'x').errors).toEqual(['/: must be a JSON object']);
  });

  it('replaces the errors of failed alternatives by one line', () => {
    const verdict = validateServerMessage(
      '2025-06-18',
      ok({ content: [{ type: 'resource', resource: { uri: 'a' } }] }),
      { requestMethod: 'tools/call' },
    );
    expect(verdict.errors).toEqual(['/result/content/0/resource: must be text or blob resource contents']);
    const tagged = validateServerMessage(
      '2024-11-05',
      ok({ content: [{ type: 'audio', data: '', mimeType: 'a' }] }),
      {
        requestMethod: 'tools/call',
      },
    );
    expect(tagged.errors).toEqual(['/result/content/0/type: must be one of the content types of 2024-11-05']);
  });

  it('caps the error lines at five', () => {
    const verdict = validateServerMessage(
      '2025-06-18',
      ok({
        content: [
          { type: 'text' },
          { type: 'text' },
          { type: 'text' },
          { type: 'text' },
          { type: 'text' },
          { type: 'text' },
        ],
      }),
      { requestMethod: 'tools/call' },
    );
    expect(verdict.errors).toHaveLength(5);
    expect(verdict.errors[4]).toBe('… and 2 more');
  });
});

describe('envelope corner cases', () => {
  const legacy = LEGACY_REVISIONS;

  it.each(legacy)('%s: a notification must not carry an id (with one it is a request)', (r) => {
    const withNullId = {
      jsonrpc: '2.0',
      id: null,
      method: 'notifications/cancelled',
      params: { requestId: 1 },
    };
    expect(validateServerMessage(r, withNullId)).toMatchObject({ valid: false, schema: 'JSON-RPC request' });
    expect(validateClientMessage(r, { ...withNullId, id: 9 })).toMatchObject({
      valid: true,
      schema: 'JSON-RPC request',
    });
  });

  it.each(legacy)(
    '%s: ids are string or integer: 0, "", negative, 2^53+ pass; 1.5, true, null, [] fail',
    (r) => {
      for (const id of [0, '', -1, 2 ** 60, 'x'])
        expect(validateServerMessage(r, ok({}, id)).valid, String(id)).toBe(true);
      for (const id of [1.5, true, null, [], {}])
        expect(validateServerMessage(r, ok({}, id)).valid, JSON.stringify(id)).toBe(false);
    },
  );

  it.each(legacy)('%s: a response has result or error, not both, not neither', (r) => {
    expect(
      validateServerMessage(r, { jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'x' } }).valid,
    ).toBe(false);
    expect(validateServerMessage(r, { jsonrpc: '2.0', id: 1 })).toMatchObject({
      valid: false,
      schema: 'JSON-RPC message',
    });
  });

  it.each(legacy)('%s: id null only on parse / invalid-request errors', (r) => {
    expect(validateServerMessage(r, fail({ code: -32700, message: 'Parse error' }, null)).valid).toBe(true);
    expect(validateServerMessage(r, fail({ code: -32600, message: 'Invalid Request' }, null)).valid).toBe(
      true,
    );
    expect(validateServerMessage(r, fail({ code: -32602, message: 'x' }, null)).valid).toBe(false);
    expect(validateServerMessage(r, ok({}, null)).valid).toBe(false);
  });

  it('an error response may omit its id from 2025-11-25 on only', () => {
    const noId = { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } };
    expect(legacy.map((r) => validateServerMessage(r, noId).valid)).toEqual([false, false, false, true]);
  });

  it('batches exist in 2025-03-26 only, must be non-empty, uniform, flat', () => {
    const batch = [req('ping'), note('notifications/cancelled', { requestId: 0 })];
    expect(legacy.map((r) => validateClientMessage(r, batch).valid)).toEqual([false, true, false, false]);
    expect(validateClientMessage('2025-03-26', [])).toMatchObject({
      valid: false,
      errors: ['/: a batch must not be empty'],
    });
    expect(validateClientMessage('2025-03-26', [req('ping'), ok({})]).valid).toBe(false);
    expect(validateClientMessage('2025-03-26', [[req('ping')]]).errors).toEqual([
      '/0: must be a JSON object (batches do not nest)',
    ]);
    expect(validateClientMessage('2025-03-26', [req('ping'), req('ping', undefined, null)]).errors).toEqual([
      '/1/id: must be a string or an integer',
    ]);
  });

  it('methods sent in the wrong direction or absent from the revision get the envelope only', () => {
    expect(validateServerMessage('2025-06-18', req('initialize')).schema).toBe('JSON-RPC request');
    expect(validateClientMessage('2025-06-18', req('sampling/createMessage')).schema).toBe(
      'JSON-RPC request',
    );
    expect(validateServerMessage('2025-03-26', req('elicitation/create', {})).schema).toBe(
      'JSON-RPC request',
    );
    expect(validateServerMessage('2025-06-18', req('elicitation/create', {})).schema).toBe('ElicitRequest');
    expect(validateServerMessage('2025-06-18', req('tasks/get', {})).schema).toBe('JSON-RPC request');
    expect(validateServerMessage('2025-11-25', req('tasks/get', {})).schema).toBe('GetTaskRequest');
  });

  it('gives the same verdict twice (compiled validators are cached, not stateful)', () => {
    const message = note('notifications/progress', { progressToken: 'p', progress: 'x' });
    expect(validateServerMessage('2025-11-25', message)).toEqual(
      validateServerMessage('2025-11-25', message),
    );
  });
});
