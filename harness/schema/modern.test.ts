// Self-test of the project's 2026-07-28 message schemas, the same way index.test.ts tests the legacy
// revisions: a corpus of samples whose project verdict must equal the OFFICIAL schema's verdict
// (reference data in ../shared/spec/schema, never copied into the project), every single-change
// variant and seeded random mutants of each sample judged alike, and each deliberate divergence
// (definitions.ts: ENVELOPE_DECISIONS, MODERN_DECISIONS) listed, recognised and shown to exist.

import { describe, expect, it } from 'vitest';
import { isJsonObject } from '../model/protocol.js';
import { seededRandom } from '../random.js';
import { INPUT_REQUIRED_METHODS, MODERN_DECISIONS } from './definitions.js';
import { validateClientMessage, validateServerMessage, type SchemaVerdict } from './index.js';
import {
  haveOfficial,
  OFFICIAL_DIR,
  OfficialSchema,
  officialBranchVerdict,
  officialVerdict,
} from './official.testlib.js';
import { dropUndefined, mutate, REPLACEMENTS, SWEEP_VALUES, variants } from './variants.testlib.js';

const R = '2026-07-28';

// ---------------------------------------------------------------------------------------------------
// Divergences: `valid` is the project's verdict; with a divergence the official verdict is the opposite.

const BOTH_OUTCOMES = 'JSON-RPC: a response never has both result and error';
const NULL_ID_PARSE_ERROR = 'JSON-RPC: a parse / invalid-request error has id null';
const REMOVED_METHOD = '2026-07-28 removed the method';
const RESULT_TYPE_PICKS_SHAPE = 'resultType picks the shape of a tools/call result';

interface Sample {
  name: string;
  from: 'server' | 'client';
  message: unknown;
  requestMethod?: string;
  valid: boolean;
  divergence?: string;
}

type Obj = { [key: string]: unknown };
const req = (method: string, params?: unknown, id: unknown = 1): Obj =>
  params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
const note = (method: string, params?: unknown): Obj =>
  params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
const ok = (result: unknown, id: unknown = 1): Obj => ({ jsonrpc: '2.0', id, result });
const fail = (error: unknown, id: unknown = 1): Obj => ({ jsonrpc: '2.0', id, error });
const text = (t = 'hi'): Obj => ({ type: 'text', text: t });

const PV = 'io.modelcontextprotocol/protocolVersion';
const CAPS = 'io.modelcontextprotocol/clientCapabilities';
const INFO = 'io.modelcontextprotocol/clientInfo';
const LEVEL = 'io.modelcontextprotocol/logLevel';
const SERVER_INFO = 'io.modelcontextprotocol/serverInfo';
const SUB = 'io.modelcontextprotocol/subscriptionId';

const meta = { [PV]: R, [CAPS]: {} };
const icon = { src: 'https://example.com/i.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'light' };
const fullMeta = {
  [PV]: R,
  [CAPS]: {
    experimental: { x: { a: 1 } },
    extensions: { 'io.modelcontextprotocol/tasks': {} },
    roots: {},
    sampling: { context: {}, tools: {} },
    elicitation: { form: {}, url: {} },
  },
  [INFO]: { name: 'suite', version: '0.1.0', title: 'Suite', description: 'd', icons: [icon] },
  [LEVEL]: 'debug',
  progressToken: 'p1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};
const serverInfo = { name: 'srv', version: '1.0.0' };
const complete = (result: Obj): Obj => ({ resultType: 'complete', ...result });
const discover = complete({
  supportedVersions: [R, '2025-11-25'],
  capabilities: { tools: { listChanged: true } },
  ttlMs: 3600000,
  cacheScope: 'public',
  _meta: { [SERVER_INFO]: serverInfo },
});
const fullDiscover = {
  ...discover,
  capabilities: {
    experimental: { x: {} },
    extensions: { 'io.modelcontextprotocol/tasks': { a: 1 } },
    logging: {},
    completions: {},
    prompts: { listChanged: true },
    resources: { subscribe: true, listChanged: false },
    tools: { listChanged: true },
  },
  instructions: 'Use the slow tool.',
  _meta: {
    [SERVER_INFO]: {
      name: 'srv',
      version: '1',
      title: 'Server',
      description: 'd',
      icons: [icon],
      websiteUrl: 'https://example.com',
    },
  },
};
const tool = { name: 'slow', inputSchema: { type: 'object' } };
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
  icons: [icon],
  _meta: { a: 1 },
};
const annotations = { audience: ['user'], priority: 0.5, lastModified: '2026-01-01T00:00:00Z' };
const fullCallResult = complete({
  content: [
    { type: 'text', text: 't', annotations, _meta: {} },
    { type: 'image', data: 'AA==', mimeType: 'image/png', annotations, _meta: {} },
    { type: 'audio', data: 'AA==', mimeType: 'audio/wav' },
    { type: 'resource_link', uri: 'file:///a', name: 'a', title: 'A', size: 3, icons: [icon] },
    { type: 'resource', resource: { uri: 'file:///a', mimeType: 'text/plain', text: 'x', _meta: {} } },
    { type: 'resource', resource: { uri: 'file:///b', blob: 'AA==' } },
  ],
  structuredContent: { ok: true },
  isError: false,
  _meta: { [SERVER_INFO]: serverInfo, other: 1 },
});
const elicitForm = {
  method: 'elicitation/create',
  params: {
    mode: 'form',
    message: 'Name?',
    requestedSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name', minLength: 1, default: 'x' },
        n: { type: 'number', minimum: 0.5, default: 1.5 },
        b: { type: 'boolean', default: true },
        c: { type: 'string', enum: ['a', 'b'] },
        m: { type: 'array', items: { type: 'string', enum: ['a'] } },
      },
      required: ['name'],
    },
  },
};
const sampling = {
  method: 'sampling/createMessage',
  params: {
    messages: [{ role: 'user', content: text() }],
    maxTokens: 10,
    systemPrompt: 's',
    includeContext: 'none',
    temperature: 0.5,
    stopSequences: ['x'],
    metadata: { k: 'v' },
    modelPreferences: { hints: [{ name: 'm' }], costPriority: 0.1 },
    tools: [tool],
    toolChoice: { mode: 'auto' },
  },
};
const inputRequired = {
  resultType: 'input_required',
  inputRequests: {
    name: elicitForm,
    llm: sampling,
    roots: { method: 'roots/list' },
    web: { method: 'elicitation/create', params: { mode: 'url', message: 'Sign in', url: 'https://x' } },
  },
  requestState: 'opaque-1',
  _meta: { [SERVER_INFO]: serverInfo },
};
const inputResponses = {
  name: { action: 'accept', content: { name: 'x', n: 2, m: ['a'] } },
  llm: { role: 'assistant', content: text(), model: 'm', stopReason: 'endTurn', _meta: {} },
  roots: { roots: [{ uri: 'file:///w', name: 'w', _meta: {} }] },
  web: { action: 'decline' },
};
const filter = {
  toolsListChanged: true,
  promptsListChanged: false,
  resourcesListChanged: true,
  resourceSubscriptions: ['file:///a'],
};

function corpus(): Sample[] {
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
  const call = { requestMethod: 'tools/call' };
  const list = { requestMethod: 'tools/list' };
  const disc = { requestMethod: 'server/discover' };
  const listen = { requestMethod: 'subscriptions/listen' };
  const removed = { divergence: REMOVED_METHOD };
  const picks = { ...call, divergence: RESULT_TYPE_PICKS_SHAPE };

  return [
    // ---- envelope ----
    S('result, string id', ok(complete({}), 'a-1'), true),
    S('result, id 0', ok(complete({}), 0), true),
    S('result, id null', ok(complete({}), null), false),
    S('result, float id', ok(complete({}), 1.5), false),
    S('result, jsonrpc 1.0', { jsonrpc: '1.0', id: 1, result: complete({}) }, false),
    S('result without resultType (no method known)', ok({}), false),
    S('result, resultType a number', ok({ resultType: 1 }), false),
    S('result, extension resultType', ok({ resultType: 'task', task: { taskId: 't' } }), true),
    S('result, serverInfo without version', ok(complete({ _meta: { [SERVER_INFO]: { name: 's' } } })), false),
    S('result, _meta with other keys', ok(complete({ _meta: { 'com.example/x': 1 } })), true),
    S(
      'result and error together',
      { jsonrpc: '2.0', id: 1, result: complete({}), error: { code: 1, message: 'x' } },
      false,
      { divergence: BOTH_OUTCOMES },
    ),
    S('neither result nor error', { jsonrpc: '2.0', id: 1 }, false),
    S('not an object', 'x', false),
    S('an array (no batches)', [ok(complete({}))], false),

    // ---- errors ----
    S('error, invalid params', fail({ code: -32602, message: 'Missing _meta' }), true),
    S('error, without id', { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } }, true),
    S('error, id null on parse error', fail({ code: -32700, message: 'Parse error' }, null), true, {
      divergence: NULL_ID_PARSE_ERROR,
    }),
    S('error, id null on method not found', fail({ code: -32601, message: 'x' }, null), false),
    S('error, code a string', fail({ code: '-32602', message: 'x' }), false),
    S('error, message missing', fail({ code: -32602 }), false),
    S(
      'unsupported protocol version',
      fail({ code: -32022, message: 'Unsupported', data: { supported: ['2025-11-25'], requested: R } }),
      true,
    ),
    S('unsupported protocol version, no data', fail({ code: -32022, message: 'Unsupported' }), false),
    S(
      'unsupported protocol version, requested missing',
      fail({ code: -32022, message: 'Unsupported', data: { supported: [] } }),
      false,
    ),
    S(
      'unsupported protocol version, supported a string',
      fail({ code: -32022, message: 'Unsupported', data: { supported: R, requested: R } }),
      false,
    ),
    S(
      'missing client capability',
      fail({
        code: -32021,
        message: 'Missing capability',
        data: { requiredCapabilities: { elicitation: { form: {} } } },
      }),
      true,
    ),
    S('missing client capability, no data', fail({ code: -32021, message: 'Missing capability' }), false),
    S(
      'missing client capability, capabilities not an object',
      fail({ code: -32021, message: 'Missing capability', data: { requiredCapabilities: 5 } }),
      false,
    ),
    S('header mismatch', fail({ code: -32020, message: 'Header mismatch' }), true),
    S('tools/call error', fail({ code: -32602, message: 'Unknown tool' }), true, call),

    // ---- server/discover ----
    S('discover result', ok(discover), true, disc),
    S('discover result, every member', ok(fullDiscover), true, disc),
    S('discover result, resultType missing', ok({ ...discover, resultType: undefined }), false, disc),
    S(
      'discover result, supportedVersions missing',
      ok({ ...discover, supportedVersions: undefined }),
      false,
      disc,
    ),
    S('discover result, supportedVersions a string', ok({ ...discover, supportedVersions: R }), false, disc),
    S('discover result, capabilities missing', ok({ ...discover, capabilities: undefined }), false, disc),
    S('discover result, ttlMs missing', ok({ ...discover, ttlMs: undefined }), false, disc),
    S('discover result, ttlMs negative', ok({ ...discover, ttlMs: -1 }), false, disc),
    S('discover result, ttlMs fractional', ok({ ...discover, ttlMs: 1.5 }), false, disc),
    S('discover result, ttlMs 0', ok({ ...discover, ttlMs: 0 }), true, disc),
    S('discover result, cacheScope shared', ok({ ...discover, cacheScope: 'shared' }), false, disc),
    S('discover result, cacheScope private', ok({ ...discover, cacheScope: 'private' }), true, disc),
    S('discover result, no serverInfo', ok({ ...discover, _meta: undefined }), true, disc),
    S(
      'discover result, listChanged a string',
      ok({ ...discover, capabilities: { tools: { listChanged: 'yes' } } }),
      false,
      disc,
    ),
    S(
      'discover result, tasks capability 5 (not core any more)',
      ok({ ...discover, capabilities: { tasks: 5 } }),
      true,
      disc,
    ),
    S(
      'discover result, extensions not a map of objects',
      ok({ ...discover, capabilities: { extensions: { x: 5 } } }),
      false,
      disc,
    ),
    S(
      'discover result, logging with a null member',
      ok({ ...discover, capabilities: { logging: { level: null, ratio: 0.5 } } }),
      true,
      disc,
    ),
    S('discover result, instructions a number', ok({ ...discover, instructions: 5 }), false, disc),

    // ---- tools/list ----
    S('tools/list result', ok(complete({ tools: [tool], ttlMs: 0, cacheScope: 'private' })), true, list),
    S(
      'tools/list result, every member',
      ok(
        complete({
          tools: [fullTool],
          nextCursor: 'c2',
          ttlMs: 60000,
          cacheScope: 'public',
          _meta: { [SERVER_INFO]: serverInfo },
        }),
      ),
      true,
      list,
    ),
    S('tools/list result, not cacheable', ok(complete({ tools: [tool] })), false, list),
    S(
      'tools/list result, resultType missing',
      ok({ tools: [tool], ttlMs: 0, cacheScope: 'public' }),
      false,
      list,
    ),
    S(
      'tools/list result, input_required',
      ok({ resultType: 'input_required', tools: [tool], ttlMs: 0, cacheScope: 'public' }),
      true,
      list,
    ),
    S(
      'tools/list result, inputSchema with any keywords',
      ok(
        complete({
          tools: [{ name: 'a', inputSchema: { type: 'object', properties: 5, anyOf: [{}] } }],
          ttlMs: 0,
          cacheScope: 'public',
        }),
      ),
      true,
      list,
    ),
    S(
      'tools/list result, inputSchema type array',
      ok(
        complete({ tools: [{ name: 'a', inputSchema: { type: 'array' } }], ttlMs: 0, cacheScope: 'public' }),
      ),
      false,
      list,
    ),
    S(
      'tools/list result, outputSchema of a string',
      ok(
        complete({
          tools: [{ ...tool, outputSchema: { type: 'string' } }],
          ttlMs: 0,
          cacheScope: 'public',
        }),
      ),
      true,
      list,
    ),
    S(
      'tools/list result, outputSchema $schema a number',
      ok(complete({ tools: [{ ...tool, outputSchema: { $schema: 7 } }], ttlMs: 0, cacheScope: 'public' })),
      false,
      list,
    ),
    S(
      'tools/list result, execution member (tasks left the core)',
      ok(complete({ tools: [{ ...tool, execution: 5 }], ttlMs: 0, cacheScope: 'public' })),
      true,
      list,
    ),

    // ---- tools/call ----
    S('tools/call result', ok(complete({ content: [text('done')] })), true, call),
    S('tools/call result, every member', ok(fullCallResult), true, call),
    S('tools/call result, resultType missing', ok({ content: [text()] }), false, call),
    S('tools/call result, resultType a number', ok({ resultType: 7, content: [text()] }), false, call),
    S('tools/call result, complete without content', ok(complete({})), false, picks),
    S('tools/call result, complete with bad content', ok(complete({ content: 'done' })), false, picks),
    S('tools/call result, isError a string', ok(complete({ content: [], isError: 'no' })), false, picks),
    S(
      'tools/call result, structuredContent an array',
      ok(complete({ content: [], structuredContent: [1] })),
      true,
      call,
    ),
    S(
      'tools/call result, structuredContent null',
      ok(complete({ content: [], structuredContent: null })),
      true,
      call,
    ),
    S('tools/call result, unknown block type', ok(complete({ content: [{ type: 'video' }] })), false, picks),
    S(
      'tools/call result, priority 2',
      ok(complete({ content: [{ ...text(), annotations: { priority: 2 } }] })),
      false,
      picks,
    ),
    S('tools/call result, input required', ok(inputRequired), true, call),
    S(
      'tools/call result, input required, state only',
      ok({ resultType: 'input_required', requestState: 's' }),
      true,
      call,
    ),
    S(
      'tools/call result, input required, unknown method',
      ok({ resultType: 'input_required', inputRequests: { a: { method: 'ping' } } }),
      false,
      call,
    ),
    S(
      'tools/call result, input required, requests an array',
      ok({ resultType: 'input_required', inputRequests: [elicitForm] }),
      false,
      call,
    ),
    S(
      'tools/call result, input required, sampling without maxTokens',
      ok({
        resultType: 'input_required',
        inputRequests: { a: { ...sampling, params: { ...sampling.params, maxTokens: undefined } } },
      }),
      false,
      call,
    ),
    S(
      'tools/call result, input required, url elicitation without url',
      ok({
        resultType: 'input_required',
        inputRequests: { a: { method: 'elicitation/create', params: { mode: 'url', message: 'm' } } },
      }),
      false,
      call,
    ),
    S(
      'tools/call result, input required, elicitation of a nested object',
      ok({
        resultType: 'input_required',
        inputRequests: {
          a: {
            method: 'elicitation/create',
            params: {
              message: 'm',
              requestedSchema: { type: 'object', properties: { o: { type: 'object' } } },
            },
          },
        },
      }),
      false,
      call,
    ),
    S(
      'tools/call result, input required, requestState a number',
      ok({ resultType: 'input_required', requestState: 5 }),
      false,
      call,
    ),
    S(
      'tools/call result, extension result type',
      ok({ resultType: 'task', task: { taskId: 't1' } }),
      true,
      call,
    ),

    // ---- subscriptions ----
    S(
      'subscriptions/listen result',
      ok(complete({ _meta: { [SUB]: 'sub-1', [SERVER_INFO]: serverInfo } })),
      true,
      listen,
    ),
    S('subscriptions/listen result, integer id', ok(complete({ _meta: { [SUB]: 7 } })), true, listen),
    S('subscriptions/listen result, no _meta', ok(complete({})), false, listen),
    S('subscriptions/listen result, no subscription id', ok(complete({ _meta: {} })), false, listen),
    S(
      'subscriptions/listen result, subscription id null',
      ok(complete({ _meta: { [SUB]: null } })),
      false,
      listen,
    ),
    S(
      'subscriptions acknowledged',
      note('notifications/subscriptions/acknowledged', { notifications: filter, _meta: { [SUB]: 1 } }),
      true,
    ),
    S('subscriptions acknowledged, no filter', note('notifications/subscriptions/acknowledged', {}), false),
    S(
      'subscriptions acknowledged, toolsListChanged a string',
      note('notifications/subscriptions/acknowledged', { notifications: { toolsListChanged: 'yes' } }),
      false,
    ),
    S('tools list changed', note('notifications/tools/list_changed', { _meta: { [SUB]: 'sub-1' } }), true),
    S('tools list changed, no params', note('notifications/tools/list_changed'), true),
    S(
      'tools list changed, subscription id null',
      note('notifications/tools/list_changed', { _meta: { [SUB]: null } }),
      false,
    ),
    S('prompts list changed', note('notifications/prompts/list_changed', { _meta: { [SUB]: 2 } }), true),
    S(
      'resources list changed, _meta a string',
      note('notifications/resources/list_changed', { _meta: 'x' }),
      false,
    ),
    S(
      'resource updated',
      note('notifications/resources/updated', { uri: 'file:///a', _meta: { [SUB]: 's' } }),
      true,
    ),
    S('resource updated, no uri', note('notifications/resources/updated', { _meta: { [SUB]: 's' } }), false),
    S(
      'subscription ended',
      note('notifications/cancelled', { requestId: 'listen-1', reason: 'shutting down' }),
      true,
    ),

    // ---- request-scoped notifications ----
    S(
      'progress',
      note('notifications/progress', { progressToken: 'p1', progress: 1, total: 2, message: 'm' }),
      true,
    ),
    S('progress, token float', note('notifications/progress', { progressToken: 1.5, progress: 1 }), false),
    S('progress, progress missing', note('notifications/progress', { progressToken: 'p' }), false),
    S('progress, no params', note('notifications/progress'), false),
    S('log message', note('notifications/message', { level: 'info', logger: 'l', data: { any: [1] } }), true),
    S('log message, level verbose', note('notifications/message', { level: 'verbose', data: 1 }), false),
    S('log message, data missing', note('notifications/message', { level: 'info' }), false),
    S('cancelled, no requestId', note('notifications/cancelled', { reason: 'x' }), false),
    S('cancelled, with an id member', { ...note('notifications/cancelled', { requestId: 1 }), id: 3 }, false),
    S('custom notification', note('com.example/thing', { a: 1 }), true),
    S(
      'elicitation complete (removed)',
      note('notifications/elicitation/complete', { elicitationId: 'e' }),
      false,
      removed,
    ),

    // ---- servers send no requests ----
    S('server request: ping', req('ping'), false),
    S('server request: sampling', req('sampling/createMessage', sampling.params), false),
    S('server request: elicitation', req('elicitation/create', elicitForm.params), false),
    S('server request: roots/list', req('roots/list'), false),
    S('server request: custom method', req('com.example/ask'), false),

    // ---- client requests ----
    C('discover', req('server/discover', { _meta: meta }, 'discover-1'), true),
    C('discover, every meta field', req('server/discover', { _meta: fullMeta }), true),
    C('discover, no params', req('server/discover'), false),
    C('discover, no _meta', req('server/discover', {}), false),
    C('discover, no protocol version', req('server/discover', { _meta: { [CAPS]: {} } }), false),
    C('discover, no client capabilities', req('server/discover', { _meta: { [PV]: R } }), false),
    C(
      'discover, protocol version a number',
      req('server/discover', { _meta: { ...meta, [PV]: 2026 } }),
      false,
    ),
    C(
      'discover, clientInfo without version',
      req('server/discover', { _meta: { ...meta, [INFO]: { name: 'c' } } }),
      false,
    ),
    C(
      'discover, log level verbose',
      req('server/discover', { _meta: { ...meta, [LEVEL]: 'verbose' } }),
      false,
    ),
    C(
      'discover, elicitation capability 5',
      req('server/discover', { _meta: { ...meta, [CAPS]: { elicitation: 5 } } }),
      false,
    ),
    C(
      'discover, roots.listChanged a string (roots is {} now)',
      req('server/discover', { _meta: { ...meta, [CAPS]: { roots: { listChanged: 'x' } } } }),
      true,
    ),
    C('tools/list', req('tools/list', { _meta: meta }), true),
    C('tools/list with cursor', req('tools/list', { cursor: 'c2', _meta: fullMeta }), true),
    C('tools/list, no params', req('tools/list'), false),
    C('tools/list, cursor a number', req('tools/list', { cursor: 5, _meta: meta }), false),
    C(
      'tools/call with progress token',
      req('tools/call', {
        name: 'slow',
        arguments: { seconds: 30 },
        _meta: { ...meta, progressToken: 'p1' },
      }),
      true,
    ),
    C('tools/call, no _meta', req('tools/call', { name: 'slow', arguments: {} }), false),
    C(
      'tools/call, progress token null',
      req('tools/call', { name: 'slow', _meta: { ...meta, progressToken: null } }),
      false,
    ),
    C('tools/call, name missing', req('tools/call', { _meta: meta }), false),
    C(
      'tools/call, arguments a string',
      req('tools/call', { name: 'slow', arguments: 'x', _meta: meta }),
      false,
    ),
    C(
      'tools/call retry with input responses',
      req('tools/call', {
        name: 'slow',
        arguments: {},
        inputResponses,
        requestState: 'opaque-1',
        _meta: fullMeta,
      }),
      true,
    ),
    C(
      'tools/call retry, answer of no known shape',
      req('tools/call', { name: 'slow', inputResponses: { a: { action: 'maybe' } }, _meta: meta }),
      false,
    ),
    C(
      'tools/call retry, requestState a number',
      req('tools/call', { name: 'slow', requestState: 1, _meta: meta }),
      false,
    ),
    C(
      'subscriptions/listen',
      req('subscriptions/listen', { notifications: filter, _meta: meta }, 'listen-1'),
      true,
    ),
    C('subscriptions/listen, no filter', req('subscriptions/listen', { _meta: meta }), false),
    C('custom request', req('com.example/x', { _meta: meta }), true),
    C('cancel', note('notifications/cancelled', { requestId: 'call-1', reason: 'timeout' }), true),
    C('cancel, requestId null', note('notifications/cancelled', { requestId: null }), false),
    C('cancel, no params', note('notifications/cancelled'), false),
    C('ping (removed)', req('ping', undefined, 'ping-1'), false, removed),
    C(
      'initialize (removed)',
      req('initialize', { protocolVersion: R, capabilities: {}, clientInfo: { name: 'c', version: '1' } }),
      false,
      removed,
    ),
    C('logging/setLevel (removed)', req('logging/setLevel', { level: 'info', _meta: meta }), false, removed),
    C(
      'resources/subscribe (removed)',
      req('resources/subscribe', { uri: 'file:///a', _meta: meta }),
      false,
      removed,
    ),
    C('initialized (removed)', note('notifications/initialized'), false, removed),
    C('roots list changed (removed)', note('notifications/roots/list_changed'), false, removed),
  ].map((sample) => ({ ...sample, message: dropUndefined(sample.message) }));
}

function verdictOf(sample: Sample): SchemaVerdict {
  const validate = sample.from === 'server' ? validateServerMessage : validateClientMessage;
  return validate(
    R,
    sample.message,
    sample.requestMethod === undefined ? {} : { requestMethod: sample.requestMethod },
  );
}

// ---------------------------------------------------------------------------------------------------
// Recognising the documented divergences in a changed message.

function bothOutcomes(message: unknown): boolean {
  return isJsonObject(message) && !('method' in message) && 'result' in message && 'error' in message;
}

function nullIdParseError(message: unknown): boolean {
  return (
    isJsonObject(message) &&
    !('method' in message) &&
    !('result' in message) &&
    message.id === null &&
    isJsonObject(message.error) &&
    (message.error.code === -32700 || message.error.code === -32600)
  );
}

function removedMethod(message: unknown, from: 'server' | 'client'): boolean {
  if (!isJsonObject(message) || typeof message.method !== 'string') return false;
  const list: readonly string[] =
    'id' in message ? MODERN_DECISIONS.removedRequests : MODERN_DECISIONS.removedNotifications[from];
  return list.includes(message.method) && !('id' in message && from === 'server');
}

/** Is a disagreement between the project (`mine`) and the official schema (`theirs`) documented? */
function explained(
  official: OfficialSchema,
  sample: Sample,
  value: unknown,
  mine: boolean,
  theirs: boolean,
): boolean {
  if (bothOutcomes(value) && !mine && theirs) return true;
  if (nullIdParseError(value) && mine && !theirs) return true;
  if (removedMethod(value, sample.from) && !mine && theirs) return true;
  // resultType picks the branch: the project must then agree with the official branch it picked.
  const method = sample.requestMethod;
  if (method !== undefined && INPUT_REQUIRED_METHODS.includes(method)) {
    return mine === officialBranchVerdict(official, value, method);
  }
  return false;
}

/** Extra values for the changes: the 2026-07-28 words and codes a change most likely trips over. */
const MODERN_VALUES = ['complete', 'input_required', -32022, -32021, { [PV]: R, [CAPS]: {} }];

// ---------------------------------------------------------------------------------------------------

describe.skipIf(!haveOfficial)(
  `2026-07-28: cross-check with the official schema${haveOfficial ? '' : ` (SKIPPED: no reference schemas at ${OFFICIAL_DIR})`}`,
  () => {
    const samples = corpus();
    let official: OfficialSchema | undefined;
    const officialSchema = (): OfficialSchema =>
      (official ??= new OfficialSchema(R, { jsonValueIsAnyJson: MODERN_DECISIONS.jsonValueIsAnyJson }));

    it(`has a corpus of ${samples.length} samples with unique names`, () => {
      expect(new Set(samples.map((s) => s.name)).size).toBe(samples.length);
      expect(samples.length).toBeGreaterThan(100);
    });

    it.each(samples.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
      const mine = verdictOf(sample);
      const theirs = officialVerdict(officialSchema(), sample.message, sample.requestMethod, sample.from);
      const expectedOfficial = sample.divergence === undefined ? sample.valid : !sample.valid;
      expect({ official: theirs }, 'official schema verdict').toEqual({ official: expectedOfficial });
      expect({ valid: mine.valid, errors: mine.errors }, `project verdict (${mine.schema})`).toEqual({
        valid: sample.valid,
        errors: sample.valid ? [] : expect.arrayContaining([expect.any(String)]),
      });
    });

    it('every one-change variant of every sample agrees with the official schema', () => {
      const disagreements: string[] = [];
      let checked = 0;
      for (const sample of samples) {
        for (const { value, how } of variants(sample.message, [...SWEEP_VALUES, ...MODERN_VALUES])) {
          const mine = verdictOf({ ...sample, message: value }).valid;
          const theirs = officialVerdict(officialSchema(), value, sample.requestMethod, sample.from);
          checked++;
          if (mine !== theirs && !explained(officialSchema(), sample, value, mine, theirs)) {
            disagreements.push(
              `${sample.name} / ${how}: project ${mine}, official ${theirs}: ${JSON.stringify(value)}`,
            );
          }
        }
      }
      expect(checked).toBeGreaterThan(10000);
      expect(disagreements.slice(0, 10)).toEqual([]);
    });

    const SEED = Number(process.env.SCHEMA_FUZZ_SEED ?? 20260728);
    const MUTANTS_PER_SAMPLE = Number(process.env.SCHEMA_FUZZ_MUTANTS ?? 40);
    it(`${MUTANTS_PER_SAMPLE} mutants of every sample agree with the official schema (seed ${SEED})`, () => {
      const random = seededRandom(SEED);
      const members = officialSchema().propertyNames();
      const pool = [...REPLACEMENTS, ...MODERN_VALUES];
      const disagreements: string[] = [];
      let checked = 0;
      for (const sample of samples) {
        for (let i = 0; i < MUTANTS_PER_SAMPLE; i++) {
          let { value, how } = mutate(sample.message, random, members, pool);
          for (let step = Math.floor(random() * 3); step > 0; step--) {
            const next = mutate(value, random, members, pool);
            value = next.value;
            how = `${how}; ${next.how}`;
          }
          const mine = verdictOf({ ...sample, message: value }).valid;
          const theirs = officialVerdict(officialSchema(), value, sample.requestMethod, sample.from);
          checked++;
          if (mine !== theirs && !explained(officialSchema(), sample, value, mine, theirs)) {
            disagreements.push(
              `${sample.name} / ${how}: project ${mine}, official ${theirs}: ${JSON.stringify(value)}`,
            );
          }
        }
      }
      expect(checked).toBeGreaterThan(4000);
      expect(disagreements.slice(0, 10)).toEqual([]);
    });

    describe('the documented divergences exist in the official schema as described', () => {
      it('schema.json leaves null and fractions out of JSONValue (schema.ts allows them)', () => {
        const raw = new OfficialSchema(R);
        expect(raw.check('ServerCapabilities', { logging: { level: null } })).toBe(false);
        expect(raw.check('ServerCapabilities', { logging: { ratio: 0.5 } })).toBe(false);
        expect(raw.check('ServerCapabilities', { logging: { level: 'x', n: 1 } })).toBe(true);
        expect(officialSchema().check('ServerCapabilities', { logging: { level: null, ratio: 0.5 } })).toBe(
          true,
        );
      });

      it('the official tools/call response accepts a "complete" result without content', () => {
        const raw = new OfficialSchema(R);
        expect(raw.check('CallToolResultResponse', ok(complete({})))).toBe(true);
        expect(raw.check('CallToolResult', complete({}))).toBe(false);
        expect(validateServerMessage(R, ok(complete({})), { requestMethod: 'tools/call' }).valid).toBe(false);
      });

      it('the official schema no longer defines the removed methods, so its envelope accepts them', () => {
        const raw = new OfficialSchema(R);
        for (const name of ['PingRequest', 'InitializeRequest', 'SetLevelRequest', 'SubscribeRequest']) {
          expect(raw.has(name), name).toBe(false);
        }
        for (const method of MODERN_DECISIONS.removedRequests) {
          expect(raw.check('JSONRPCRequest', req(method)), method).toBe(true);
          expect(raw.check('ClientRequest', req(method, { _meta: meta })), method).toBe(false);
          expect(validateClientMessage(R, req(method, { _meta: meta })).valid, method).toBe(false);
        }
      });

      it('the official schema has no ServerRequest: servers send no requests', () => {
        const raw = new OfficialSchema(R);
        expect(raw.has('ServerRequest')).toBe(false);
        expect(raw.has('ServerNotification') && raw.has('ServerResult')).toBe(true);
      });
    });
  },
);

describe('2026-07-28: targeted verdicts', () => {
  it('a CallToolResult without resultType is invalid and says why', () => {
    expect(validateServerMessage(R, ok({ content: [text()] }), { requestMethod: 'tools/call' })).toEqual({
      valid: false,
      schema: 'CallToolResult response',
      errors: ["/result: must have required property 'resultType'"],
    });
  });

  it('the same result is fine for 2025-11-25 (resultType is new)', () => {
    expect(
      validateServerMessage('2025-11-25', ok({ content: [text()] }), { requestMethod: 'tools/call' }).valid,
    ).toBe(true);
  });

  it('a DiscoverResult sample is valid, and each required member is needed', () => {
    expect(validateServerMessage(R, ok(discover), { requestMethod: 'server/discover' })).toEqual({
      valid: true,
      schema: 'DiscoverResult response',
      errors: [],
    });
    for (const member of ['resultType', 'supportedVersions', 'capabilities', 'ttlMs', 'cacheScope']) {
      const verdict = validateServerMessage(R, ok({ ...discover, [member]: undefined }), {
        requestMethod: 'server/discover',
      });
      expect(verdict.errors, member).toEqual([`/result: must have required property '${member}'`]);
    }
  });

  it('an UnsupportedProtocolVersion error (-32022) needs data.supported and data.requested', () => {
    const good = fail({
      code: -32022,
      message: 'Unsupported protocol version',
      data: { supported: ['2025-11-25'], requested: R },
    });
    expect(validateServerMessage(R, good)).toEqual({
      valid: true,
      schema: 'JSON-RPC error response',
      errors: [],
    });
    expect(
      validateServerMessage(R, fail({ code: -32022, message: 'x', data: { requested: R } })).errors,
    ).toEqual(["/error/data: must have required property 'supported'"]);
    // Before 2026-07-28 the code means nothing special.
    expect(validateServerMessage('2025-11-25', fail({ code: -32022, message: 'x' })).valid).toBe(true);
  });

  it('a request from the server is invalid, whatever its method', () => {
    for (const method of ['ping', 'sampling/createMessage', 'elicitation/create', 'roots/list', 'x/y']) {
      expect(validateServerMessage(R, req(method, {})), method).toEqual({
        valid: false,
        schema: 'JSON-RPC request (servers send none in 2026-07-28)',
        errors: [
          '/: servers send no requests in 2026-07-28 (they ask for input with an InputRequiredResult)',
        ],
      });
    }
    expect(validateServerMessage('2025-11-25', req('ping')).valid).toBe(true);
  });

  it('a ping from the client is invalid at 2026-07-28 only', () => {
    expect(validateClientMessage(R, req('ping'))).toEqual({
      valid: false,
      schema: 'JSON-RPC request (method removed in 2026-07-28)',
      errors: ['/method: must not be used: 2026-07-28 removed this method'],
    });
    expect(validateClientMessage('2025-11-25', req('ping')).valid).toBe(true);
  });

  it('a client request needs params._meta with protocol version and capabilities', () => {
    expect(validateClientMessage(R, req('tools/call', { name: 'slow', _meta: { [PV]: R } })).errors).toEqual([
      "/params/_meta: must have required property 'io.modelcontextprotocol/clientCapabilities'",
    ]);
  });

  it('resultType picks the shape of a tools/call result and names it', () => {
    const verdict = (result: Obj): SchemaVerdict =>
      validateServerMessage(R, ok(result), { requestMethod: 'tools/call' });
    expect(verdict(inputRequired).schema).toBe('InputRequiredResult response');
    expect(verdict(complete({ content: [] })).schema).toBe('CallToolResult response');
    expect(verdict({ content: [] }).schema).toBe('CallToolResult response');
    expect(verdict({ resultType: 'task' }).schema).toBe('Result response');
    expect(
      verdict({ resultType: 'input_required', inputRequests: { a: { method: 'ping' } } }).errors,
    ).toEqual([
      '/result/inputRequests/a/method: must be sampling/createMessage, roots/list or elicitation/create',
    ]);
  });

  it('change notifications name their own definition and check the subscription id', () => {
    const changed = validateServerMessage(
      R,
      note('notifications/tools/list_changed', { _meta: { [SUB]: 1.5 } }),
    );
    expect(changed).toEqual({
      valid: false,
      schema: 'ToolListChangedNotification',
      errors: ['/params/_meta/io.modelcontextprotocol~1subscriptionId: must be a string or an integer'],
    });
  });
});
