// The project's own JSON Schemas for the MCP messages the suite inspects, written by hand from the
// specification (schema.ts of each revision) and kept deliberately small: only the messages a
// cancellation suite sends or receives are described in depth, everything else is checked at the
// JSON-RPC envelope level. One builder serves every revision, 2024-11-05 to 2026-07-28; each
// difference between revisions is one `since(...)` switch, so a reader sees in one place what
// changed when. 2026-07-28 (`r26` below) is the stateless revision: no handshake, every client
// request carries its version and capabilities in `params._meta`, every result a `resultType`,
// servers never send requests (they ask for input with an InputRequiredResult), tasks left the core.
//
// Strictness follows the official schemas: objects accept members they do not describe, and
// `format` is never enforced (the official files only use it as an annotation). Where this project
// is deliberately stricter or looser than the official schema, the switch says so and why
// (see `ENVELOPE_DECISIONS` and `MODERN_DECISIONS` below; harness/schema/index.test.ts and
// harness/schema/modern.test.ts check every divergence).

import { REVISIONS, type Revision } from '../model/protocol.js';

/** A JSON Schema (draft-07 vocabulary plus the annotation keyword `hint`) as a plain object. */
export type JsonSchema = { [keyword: string]: unknown };

/** Where the definitions live inside one revision's schema document. */
export const DEFINITIONS_POINTER = '#/definitions/';

/** Revisions for which this file has message schemas: all of them. */
export const MESSAGE_SCHEMA_REVISIONS: readonly Revision[] = REVISIONS;

// Why this project's envelope differs from the official schemas (both directions are tested).
export const ENVELOPE_DECISIONS = {
  /** JSON-RPC 2.0 §5: "Either the result member or error member MUST be included, but both members
   *  MUST NOT be included" (MCP ≤2025-06-18 repeats it as a MUST NOT). The official schemas do not
   *  forbid the second member; this project rejects a response that carries both. */
  resultXorError: true,
  /** JSON-RPC 2.0 §5: a response to a request whose id could not be read (Parse error -32700,
   *  Invalid Request -32600) "MUST be Null". MCP imports JSON-RPC, so such an error response is
   *  accepted in every revision although the official schemas reject `id: null` everywhere.
   *  Any other error response with `id: null` is rejected. */
  nullIdErrorCodes: [-32700, -32600] as const,
  /** JSON-RPC 2.0 §6: an empty batch array is not a valid batch (2025-03-26, the only revision with
   *  batches). The official schema accepts `[]`. */
  rejectEmptyBatch: true,
} as const;

// Where the 2026-07-28 schemas differ from the official schema.json on purpose (both directions are
// tested in harness/schema/modern.test.ts).
export const MODERN_DECISIONS = {
  /** Methods the revision removed (changelog: "Remove `ping`, `logging/setLevel`, …", the
   *  `initialize` handshake, `resources/subscribe`/`unsubscribe`, `notifications/elicitation/complete`).
   *  The official schema just no longer defines them, so its generic envelope accepts them; this
   *  project rejects them, since a peer that sends one is speaking an older revision. */
  removedRequests: ['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'resources/unsubscribe'],
  removedNotifications: {
    client: ['notifications/initialized', 'notifications/roots/list_changed'],
    server: ['notifications/elicitation/complete'],
  },
  /** "Servers return an `InputRequiredResult` (`resultType: "input_required"`)" and "`"complete"` for
   *  ordinary results". The official response schema of a request that may need input is the union
   *  InputRequiredResult | CallToolResult; since InputRequiredResult requires nothing but
   *  `resultType`, that union accepts any `{"resultType":"complete"}` without content. Here
   *  `resultType` picks the shape: "input_required" → InputRequiredResult, "complete" → the
   *  method's own result, any other value (an extension's, e.g. the tasks extension's "task") →
   *  the generic Result. */
  resultTypePicksShape: true,
  /** schema.ts says `JSONValue = string | number | boolean | null | JSONObject | JSONArray`; the
   *  generated schema.json leaves out non-integer numbers and null. Capability objects and sampling
   *  metadata follow schema.ts (any JSON values). */
  jsonValueIsAnyJson: true,
} as const;

/** MCP methods answered with an InputRequiredResult when the server needs client input (MRTR). */
export const INPUT_REQUIRED_METHODS: readonly string[] = ['tools/call', 'prompts/get', 'resources/read'];

const ref = (name: string): JsonSchema => ({ $ref: DEFINITIONS_POINTER + name });
const STRING: JsonSchema = { type: 'string' };
const NUMBER: JsonSchema = { type: 'number' };
const INTEGER: JsonSchema = { type: 'integer' };
const BOOLEAN: JsonSchema = { type: 'boolean' };
const ANY_OBJECT: JsonSchema = { type: 'object' };
const ANY: JsonSchema = {};
const stringArray: JsonSchema = { type: 'array', items: STRING };
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const constant = (value: string): JsonSchema => ({ const: value });
const oneOfStrings = (...values: string[]): JsonSchema => ({ enum: values });
const fraction: JsonSchema = { type: 'number', minimum: 0, maximum: 1 };

/** An object schema; members mapped to `undefined` are left out (revision switches use that). */
function object(members: { [name: string]: JsonSchema | undefined }, required: string[] = []): JsonSchema {
  const properties: { [name: string]: JsonSchema } = {};
  for (const [name, schema] of Object.entries(members)) if (schema !== undefined) properties[name] = schema;
  return required.length > 0 ? { type: 'object', properties, required } : { type: 'object', properties };
}

/** An object whose every member value must match `values`. */
const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });

/** Dispatch on a string tag: the tag must be one of `cases`, and each case applies its own schema.
 *  Equivalent to the official `anyOf` over shapes that each fix the tag with `const`, with shorter errors. */
function tagged(tag: string, cases: { [value: string]: string }, hint: string): JsonSchema {
  return {
    type: 'object',
    required: [tag],
    properties: { [tag]: { enum: Object.keys(cases), hint } },
    allOf: Object.entries(cases).map(([value, definition]) => ({
      if: { properties: { [tag]: { const: value } }, required: [tag] },
      then: ref(definition),
    })),
  };
}

/** Every definition for one revision, keyed by name (names follow the spec's type names). */
export function messageDefinitions(revision: Revision): { [name: string]: JsonSchema } {
  const at = REVISIONS.indexOf(revision);
  const since = (first: Revision): boolean => at >= REVISIONS.indexOf(first);
  const when = (condition: boolean, schema: JsonSchema): JsonSchema | undefined =>
    condition ? schema : undefined;
  /** `_meta` on content, resources, roots and tools: described from 2025-06-18 (free-form before). */
  const itemMeta = when(since('2025-06-18'), ref('Meta'));
  const r1125 = since('2025-11-25'); // 2025-11-25: icons, tool use in sampling, URL elicitation (and tasks)
  const r26 = since('2026-07-28'); // 2026-07-28: stateless; resultType; per-request _meta; no tasks
  const tasks = r1125 && !r26; // tasks were core in 2025-11-25 only (an extension from 2026-07-28)

  const defs: { [name: string]: JsonSchema } = {};

  // ---- Primitives -------------------------------------------------------------------------
  defs.RequestId = { type: ['string', 'integer'], hint: 'must be a string or an integer' };
  defs.ProgressToken = { type: ['string', 'integer'], hint: 'must be a string or an integer' };
  defs.Meta = ANY_OBJECT;
  defs.Role = oneOfStrings('user', 'assistant');
  defs.LoggingLevel = oneOfStrings(
    'debug',
    'info',
    'notice',
    'warning',
    'error',
    'critical',
    'alert',
    'emergency',
  );

  // ---- JSON-RPC envelope ----------------------------------------------------------------------
  // Until 2025-06-18 the envelope itself types `params._meta` (and its progressToken); from
  // 2025-11-25 the envelope only says "params is an object" and each known method types `_meta`.
  const metaWithToken = object({ progressToken: ref('ProgressToken') });
  if (r26) {
    // "Client requests carry the following `io.modelcontextprotocol/*` fields in `_meta`; fields
    // marked as required MUST be included on every request": protocolVersion, clientCapabilities.
    defs.RequestMeta = object(
      {
        progressToken: ref('ProgressToken'),
        'io.modelcontextprotocol/protocolVersion': STRING,
        'io.modelcontextprotocol/clientCapabilities': ref('ClientCapabilities'),
        'io.modelcontextprotocol/clientInfo': ref('Implementation'),
        'io.modelcontextprotocol/logLevel': ref('LoggingLevel'),
      },
      ['io.modelcontextprotocol/protocolVersion', 'io.modelcontextprotocol/clientCapabilities'],
    );
    defs.NotificationMeta = object({ 'io.modelcontextprotocol/subscriptionId': ref('RequestId') });
    defs.ResultMeta = object({ 'io.modelcontextprotocol/serverInfo': ref('Implementation') });
  }
  /** `params._meta` of a described request: from 2026-07-28 required, with version and capabilities. */
  const requestMeta = r26 ? ref('RequestMeta') : metaWithToken;
  const withRequestMeta = (...required: string[]): string[] => (r26 ? [...required, '_meta'] : required);
  const notificationMeta = r26 ? ref('NotificationMeta') : ref('Meta');
  const resultMeta = r26 ? ref('ResultMeta') : ref('Meta');
  /** Every 2026-07-28 result says what it is: "complete", "input_required" or an extension's type. */
  const resultType = when(r26, STRING);
  const withResultType = (...required: string[]): string[] => (r26 ? [...required, 'resultType'] : required);
  /** CacheableResult (2026-07-28: discover and list results): a freshness hint and who may cache. */
  const cacheable = {
    ttlMs: { type: 'integer', minimum: 0 },
    cacheScope: oneOfStrings('public', 'private'),
  };
  defs.RequestParams = r26 ? object({ _meta: requestMeta }, ['_meta']) : object({ _meta: metaWithToken });
  defs.NotificationParams = object({ _meta: notificationMeta });
  defs.EnvelopeRequestParams = r1125 ? ANY_OBJECT : ref('RequestParams');
  defs.EnvelopeNotificationParams = r1125 ? ANY_OBJECT : ref('NotificationParams');
  const jsonrpc: JsonSchema = { const: '2.0', hint: 'must be "2.0"' };
  defs.Request = object(
    { jsonrpc, id: ref('RequestId'), method: STRING, params: ref('EnvelopeRequestParams') },
    ['jsonrpc', 'id', 'method'],
  );
  defs.Notification = object({ jsonrpc, method: STRING, params: ref('EnvelopeNotificationParams') }, [
    'jsonrpc',
    'method',
  ]);
  defs.Result = object({ _meta: resultMeta, resultType }, withResultType());
  const absent = (why: string): JsonSchema => ({ not: {}, hint: `must not be present (${why})` });
  const xor = ENVELOPE_DECISIONS.resultXorError ? absent('a response has either result or error') : undefined;
  defs.ResultResponse = object({ jsonrpc, id: ref('RequestId'), result: ref('Result'), error: xor }, [
    'jsonrpc',
    'id',
    'result',
  ]);
  defs.ErrorObject = object({ code: INTEGER, message: STRING, data: ANY }, ['code', 'message']);
  if (r26) {
    // The two 2026-07-28 errors whose `data` the schema fixes (HeaderMismatch, -32020, has none).
    const errorData = (code: number, data: JsonSchema): JsonSchema => ({
      if: { properties: { code: { const: code } }, required: ['code'] },
      then: object({ data }, ['data']),
    });
    defs.UnsupportedProtocolVersionData = object({ supported: stringArray, requested: STRING }, [
      'supported',
      'requested',
    ]);
    defs.MissingRequiredClientCapabilityData = object({ requiredCapabilities: ref('ClientCapabilities') }, [
      'requiredCapabilities',
    ]);
    defs.ErrorObject = {
      ...defs.ErrorObject,
      allOf: [
        errorData(-32022, ref('UnsupportedProtocolVersionData')),
        errorData(-32021, ref('MissingRequiredClientCapabilityData')),
      ],
    };
  }
  // The id of an error response: required until 2025-06-18; from 2025-11-25 it may be left out
  // "in error cases where the ID could not be read due a malformed request".
  defs.ErrorResponse = {
    ...object(
      { jsonrpc, error: ref('ErrorObject'), result: xor },
      r1125 ? ['jsonrpc', 'error'] : ['jsonrpc', 'id', 'error'],
    ),
    if: { properties: { id: { type: 'null' } }, required: ['id'] },
    then: {
      properties: {
        error: {
          properties: {
            code: {
              enum: [...ENVELOPE_DECISIONS.nullIdErrorCodes],
              hint: 'an error response may have id null only for a parse error (-32700) or invalid request (-32600)',
            },
          },
        },
      },
    },
    else: { properties: { id: ref('RequestId') } },
  };

  // ---- Content ----------------------------------------------------------------------------------
  defs.Annotations = object({
    audience: arrayOf(ref('Role')),
    priority: fraction,
    lastModified: when(since('2025-06-18'), STRING),
  });
  defs.Icon = object(
    { src: STRING, mimeType: STRING, sizes: stringArray, theme: oneOfStrings('light', 'dark') },
    ['src'],
  );
  const icons = when(r1125, arrayOf(ref('Icon')));
  defs.TextContent = object(
    { type: constant('text'), text: STRING, annotations: ref('Annotations'), _meta: itemMeta },
    ['type', 'text'],
  );
  const binary = (tag: string): JsonSchema =>
    object(
      {
        type: constant(tag),
        data: STRING,
        mimeType: STRING,
        annotations: ref('Annotations'),
        _meta: itemMeta,
      },
      ['type', 'data', 'mimeType'],
    );
  defs.ImageContent = binary('image');
  if (since('2025-03-26')) defs.AudioContent = binary('audio');
  defs.TextResourceContents = object({ uri: STRING, mimeType: STRING, text: STRING, _meta: itemMeta }, [
    'uri',
    'text',
  ]);
  defs.BlobResourceContents = object({ uri: STRING, mimeType: STRING, blob: STRING, _meta: itemMeta }, [
    'uri',
    'blob',
  ]);
  defs.EmbeddedResource = object(
    {
      type: constant('resource'),
      // Not a tagged union: an object with both `text` and `blob` matches when either shape fits.
      resource: {
        anyOf: [ref('TextResourceContents'), ref('BlobResourceContents')],
        hint: 'must be text or blob resource contents',
      },
      annotations: ref('Annotations'),
      _meta: itemMeta,
    },
    ['type', 'resource'],
  );
  if (since('2025-06-18')) {
    defs.ResourceLink = object(
      {
        type: constant('resource_link'),
        uri: STRING,
        name: STRING,
        title: STRING,
        description: STRING,
        mimeType: STRING,
        size: INTEGER,
        annotations: ref('Annotations'),
        icons,
        _meta: ref('Meta'),
      },
      ['type', 'uri', 'name'],
    );
  }
  const blockKinds: { [tag: string]: string } = { text: 'TextContent', image: 'ImageContent' };
  if (since('2025-03-26')) blockKinds.audio = 'AudioContent';
  if (since('2025-06-18')) blockKinds.resource_link = 'ResourceLink';
  blockKinds.resource = 'EmbeddedResource';
  defs.ContentBlock = tagged('type', blockKinds, `must be one of the content types of ${revision}`);

  // ---- Lifecycle ---------------------------------------------------------------------------------
  defs.Implementation = object(
    {
      name: STRING,
      version: STRING,
      title: when(since('2025-06-18'), STRING),
      description: when(r1125, STRING),
      icons,
      websiteUrl: when(r1125, STRING),
    },
    ['name', 'version'],
  );
  const flags = (...names: string[]): JsonSchema =>
    object(Object.fromEntries(names.map((n) => [n, BOOLEAN])));
  defs.ServerCapabilities = object({
    experimental: mapOf(ANY_OBJECT),
    logging: ANY_OBJECT,
    completions: when(since('2025-03-26'), ANY_OBJECT),
    prompts: flags('listChanged'),
    resources: flags('listChanged', 'subscribe'),
    tools: flags('listChanged'),
    tasks: when(
      tasks,
      object({
        list: ANY_OBJECT,
        cancel: ANY_OBJECT,
        requests: object({ tools: object({ call: ANY_OBJECT }) }),
      }),
    ),
    extensions: when(r26, mapOf(ANY_OBJECT)),
  });
  defs.ClientCapabilities = object({
    experimental: mapOf(ANY_OBJECT),
    // 2026-07-28: `roots: {}` (notifications/roots/list_changed is gone, and with it listChanged).
    roots: r26 ? ANY_OBJECT : flags('listChanged'),
    sampling: r1125 ? object({ context: ANY_OBJECT, tools: ANY_OBJECT }) : ANY_OBJECT,
    elicitation: when(
      since('2025-06-18'),
      r1125 ? object({ form: ANY_OBJECT, url: ANY_OBJECT }) : ANY_OBJECT,
    ),
    tasks: when(
      tasks,
      object({
        list: ANY_OBJECT,
        cancel: ANY_OBJECT,
        requests: object({
          sampling: object({ createMessage: ANY_OBJECT }),
          elicitation: object({ create: ANY_OBJECT }),
        }),
      }),
    ),
    extensions: when(r26, mapOf(ANY_OBJECT)),
  });
  // 2026-07-28 has no handshake: what InitializeResult said, DiscoverResult and each result's _meta say.
  if (r26) {
    defs.DiscoverResult = object(
      {
        supportedVersions: stringArray,
        capabilities: ref('ServerCapabilities'),
        instructions: STRING,
        ...cacheable,
        resultType,
        _meta: resultMeta,
      },
      withResultType('supportedVersions', 'capabilities', 'ttlMs', 'cacheScope'),
    );
  } else {
    defs.InitializeParams = object(
      {
        protocolVersion: STRING,
        capabilities: ref('ClientCapabilities'),
        clientInfo: ref('Implementation'),
        _meta: when(r1125, metaWithToken),
      },
      ['protocolVersion', 'capabilities', 'clientInfo'],
    );
    defs.InitializeResult = object(
      {
        protocolVersion: STRING,
        capabilities: ref('ServerCapabilities'),
        serverInfo: ref('Implementation'),
        instructions: STRING,
        _meta: ref('Meta'),
      },
      ['protocolVersion', 'capabilities', 'serverInfo'],
    );
  }

  // ---- Utilities: cancellation, progress, logging -----------------------------------------------
  // `requestId` is required in every revision except 2025-11-25, whose generated schema made it
  // optional (a leftover of a withdrawn `taskId` alternative; the doc comment still says it MUST be
  // provided for non-task requests — judging that is the rules' job, not the schema's). 2026-07-28
  // requires it again. (In 2026-07-28 a server sends it only to end a subscriptions/listen stream;
  // which request it names is the rules' business, the shape is the same.)
  defs.CancelledParams = object(
    { requestId: ref('RequestId'), reason: STRING, _meta: when(r1125, notificationMeta) },
    tasks ? [] : ['requestId'],
  );
  defs.ProgressParams = object(
    {
      progressToken: ref('ProgressToken'),
      progress: NUMBER,
      total: NUMBER,
      message: when(since('2025-03-26'), STRING),
      _meta: when(r1125, notificationMeta),
    },
    ['progressToken', 'progress'],
  );
  defs.LoggingMessageParams = object(
    { level: ref('LoggingLevel'), logger: STRING, data: ANY, _meta: when(r1125, notificationMeta) },
    ['level', 'data'],
  );

  // ---- Tools ---------------------------------------------------------------------------------------
  // 2026-07-28 loosens both tool schemas to "any JSON Schema 2020-12 keywords": the input schema
  // must still be an object schema, the output schema need not say so.
  const objectSchema = r26
    ? object({ $schema: STRING, type: constant('object') }, ['type'])
    : object(
        {
          $schema: when(r1125, STRING),
          type: constant('object'),
          properties: mapOf(ANY_OBJECT),
          required: stringArray,
        },
        ['type'],
      );
  const outputSchema = r26 ? object({ $schema: STRING }) : objectSchema;
  if (since('2025-03-26')) {
    defs.ToolAnnotations = object({
      title: STRING,
      readOnlyHint: BOOLEAN,
      destructiveHint: BOOLEAN,
      idempotentHint: BOOLEAN,
      openWorldHint: BOOLEAN,
    });
  }
  defs.Tool = object(
    {
      name: STRING,
      title: when(since('2025-06-18'), STRING),
      description: STRING,
      inputSchema: objectSchema,
      outputSchema: when(since('2025-06-18'), outputSchema),
      annotations: when(since('2025-03-26'), ref('ToolAnnotations')),
      execution: when(tasks, object({ taskSupport: oneOfStrings('forbidden', 'optional', 'required') })),
      icons,
      _meta: itemMeta,
    },
    ['name', 'inputSchema'],
  );
  defs.PaginatedParams = object({ cursor: STRING, _meta: when(r1125, requestMeta) }, withRequestMeta());
  defs.ListToolsResult = object(
    {
      tools: arrayOf(ref('Tool')),
      nextCursor: STRING,
      ...(r26 ? cacheable : {}),
      resultType,
      _meta: resultMeta,
    },
    withResultType('tools', ...(r26 ? ['ttlMs', 'cacheScope'] : [])),
  );
  defs.CallToolParams = object(
    {
      name: STRING,
      arguments: ANY_OBJECT,
      task: when(tasks, ref('TaskMetadata')),
      // 2026-07-28 (multi round-trip requests): the retry carries the answers and the server's state.
      inputResponses: when(r26, ref('InputResponses')),
      requestState: when(r26, STRING),
      _meta: when(r1125, requestMeta),
    },
    withRequestMeta('name'),
  );
  defs.CallToolResult = object(
    {
      content: arrayOf(ref('ContentBlock')),
      isError: BOOLEAN,
      // 2026-07-28: "structuredContent to allow any JSON value".
      structuredContent: r26 ? ANY : when(since('2025-06-18'), ANY_OBJECT),
      resultType,
      _meta: resultMeta,
    },
    withResultType('content'),
  );

  // ---- Client features the server may request: sampling, elicitation, roots ---------------------
  defs.ModelPreferences = object({
    hints: arrayOf(object({ name: STRING })),
    costPriority: fraction,
    speedPriority: fraction,
    intelligencePriority: fraction,
  });
  if (r1125) {
    defs.ToolUseContent = object(
      { type: constant('tool_use'), id: STRING, name: STRING, input: ANY_OBJECT, _meta: ref('Meta') },
      ['type', 'id', 'name', 'input'],
    );
    defs.ToolResultContent = object(
      {
        type: constant('tool_result'),
        toolUseId: STRING,
        content: arrayOf(ref('ContentBlock')),
        structuredContent: r26 ? ANY : ANY_OBJECT,
        isError: BOOLEAN,
        _meta: ref('Meta'),
      },
      ['type', 'toolUseId', 'content'],
    );
  }
  const samplingKinds: { [tag: string]: string } = { text: 'TextContent', image: 'ImageContent' };
  if (since('2025-03-26')) samplingKinds.audio = 'AudioContent';
  if (r1125) Object.assign(samplingKinds, { tool_use: 'ToolUseContent', tool_result: 'ToolResultContent' });
  defs.SamplingContentBlock = tagged(
    'type',
    samplingKinds,
    `must be one of the sampling content types of ${revision}`,
  );
  // 2025-11-25: a sampling message holds one block or an array of blocks.
  defs.SamplingContent = r1125
    ? {
        anyOf: [ref('SamplingContentBlock'), arrayOf(ref('SamplingContentBlock'))],
        hint: 'must be a content block or an array of them',
      }
    : ref('SamplingContentBlock');
  defs.SamplingMessage = object(
    { role: ref('Role'), content: ref('SamplingContent'), _meta: when(r1125, ref('Meta')) },
    ['role', 'content'],
  );
  defs.CreateMessageParams = object(
    {
      messages: arrayOf(ref('SamplingMessage')),
      maxTokens: INTEGER,
      systemPrompt: STRING,
      includeContext: oneOfStrings('none', 'thisServer', 'allServers'),
      temperature: NUMBER,
      stopSequences: stringArray,
      metadata: ANY_OBJECT,
      modelPreferences: ref('ModelPreferences'),
      tools: when(r1125, arrayOf(ref('Tool'))),
      toolChoice: when(r1125, object({ mode: oneOfStrings('auto', 'required', 'none') })),
      task: when(tasks, ref('TaskMetadata')),
      _meta: when(tasks, metaWithToken),
    },
    ['messages', 'maxTokens'],
  );
  defs.CreateMessageResult = object(
    {
      role: ref('Role'),
      content: ref('SamplingContent'),
      model: STRING,
      stopReason: STRING,
      _meta: ref('Meta'),
    },
    ['role', 'content', 'model'],
  );
  defs.ListRootsResult = object(
    {
      roots: arrayOf(object({ uri: STRING, name: STRING, _meta: itemMeta }, ['uri'])),
      _meta: when(!r26, ref('Meta')),
    },
    ['roots'],
  );
  if (since('2025-06-18')) addElicitation(defs, r1125, r26, metaWithToken);

  // ---- Tasks (2025-11-25 only) ---------------------------------------------------------------------
  if (tasks) {
    defs.TaskMetadata = object({ ttl: INTEGER });
    defs.Task = object(
      {
        taskId: STRING,
        status: oneOfStrings('working', 'input_required', 'completed', 'failed', 'cancelled'),
        statusMessage: STRING,
        createdAt: STRING,
        lastUpdatedAt: STRING,
        ttl: { type: ['integer', 'null'] },
        pollInterval: INTEGER,
      },
      ['taskId', 'status', 'createdAt', 'lastUpdatedAt', 'ttl'],
    );
    defs.TaskIdParams = object({ taskId: STRING }, ['taskId']);
    defs.CreateTaskResult = object({ task: ref('Task'), _meta: ref('Meta') }, ['task']);
    defs.TaskResult = { allOf: [ref('Result'), ref('Task')] };
    defs.ListTasksResult = object({ tasks: arrayOf(ref('Task')), nextCursor: STRING, _meta: ref('Meta') }, [
      'tasks',
    ]);
    defs.TaskStatusParams = { allOf: [ref('NotificationParams'), ref('Task')] };
  }

  if (r26) addModern(defs, resultMeta);
  addMessages(defs, r26);
  return defs;
}

/** Elicitation (2025-06-18+): a form described by a flat schema of primitives; 2025-11-25 adds URL mode. */
function addElicitation(
  defs: { [name: string]: JsonSchema },
  r1125: boolean,
  r26: boolean,
  metaWithToken: JsonSchema,
): void {
  // 2026-07-28: an elicitation travels inside an InputRequiredResult, without task, _meta or (URL
  // mode) elicitationId.
  const tasks = r1125 && !r26;
  const described = { title: STRING, description: STRING };
  const withDefault = (schema: JsonSchema): JsonSchema | undefined => (r1125 ? schema : undefined);
  defs.StringSchema = object(
    {
      type: constant('string'),
      ...described,
      minLength: INTEGER,
      maxLength: INTEGER,
      format: oneOfStrings('email', 'uri', 'date', 'date-time'),
      default: withDefault(STRING),
    },
    ['type'],
  );
  defs.NumberSchema = object(
    {
      type: oneOfStrings('number', 'integer'),
      ...described,
      minimum: NUMBER,
      maximum: NUMBER,
      default: withDefault(NUMBER),
    },
    ['type'],
  );
  defs.BooleanSchema = object({ type: constant('boolean'), ...described, default: BOOLEAN }, ['type']);
  const choices = arrayOf(object({ const: STRING, title: STRING }, ['const', 'title']));
  const enumVariants = r1125
    ? [
        // untitled single select, titled single select, untitled multi, titled multi, legacy enumNames
        object({ type: constant('string'), ...described, enum: stringArray, default: STRING }, [
          'type',
          'enum',
        ]),
        object({ type: constant('string'), ...described, oneOf: choices, default: STRING }, [
          'type',
          'oneOf',
        ]),
        object(
          {
            type: constant('array'),
            ...described,
            minItems: INTEGER,
            maxItems: INTEGER,
            items: object({ type: constant('string'), enum: stringArray }, ['type', 'enum']),
            default: stringArray,
          },
          ['type', 'items'],
        ),
        object(
          {
            type: constant('array'),
            ...described,
            minItems: INTEGER,
            maxItems: INTEGER,
            items: object({ anyOf: choices }, ['anyOf']),
            default: stringArray,
          },
          ['type', 'items'],
        ),
        object(
          {
            type: constant('string'),
            ...described,
            enum: stringArray,
            enumNames: stringArray,
            default: STRING,
          },
          ['type', 'enum'],
        ),
      ]
    : [
        object({ type: constant('string'), ...described, enum: stringArray, enumNames: stringArray }, [
          'type',
          'enum',
        ]),
      ];
  defs.PrimitiveSchemaDefinition = {
    anyOf: [ref('StringSchema'), ref('NumberSchema'), ref('BooleanSchema'), ...enumVariants],
    hint: 'must be a string, number, boolean or enum field schema',
  };
  const requestedSchema = object(
    {
      $schema: r1125 ? STRING : undefined,
      type: constant('object'),
      properties: mapOf(ref('PrimitiveSchemaDefinition')),
      required: stringArray,
    },
    ['type', 'properties'],
  );
  const formParams = object(
    {
      mode: r1125 ? constant('form') : undefined,
      message: STRING,
      requestedSchema,
      task: tasks ? ref('TaskMetadata') : undefined,
      _meta: tasks ? metaWithToken : undefined,
    },
    ['message', 'requestedSchema'],
  );
  if (r1125) {
    defs.ElicitFormParams = formParams;
    defs.ElicitUrlParams = object(
      {
        mode: constant('url'),
        message: STRING,
        elicitationId: tasks ? STRING : undefined,
        url: STRING,
        task: tasks ? ref('TaskMetadata') : undefined,
        _meta: tasks ? metaWithToken : undefined,
      },
      tasks ? ['mode', 'message', 'elicitationId', 'url'] : ['mode', 'message', 'url'],
    );
    // URL mode when `mode` says so, form mode otherwise (`mode` may be omitted for forms).
    defs.ElicitParams = {
      if: { properties: { mode: { const: 'url' } }, required: ['mode'] },
      then: ref('ElicitUrlParams'),
      else: ref('ElicitFormParams'),
    };
  } else {
    defs.ElicitParams = formParams;
  }
  const answer: JsonSchema = r1125
    ? {
        anyOf: [{ type: ['string', 'integer', 'boolean'] }, stringArray],
        hint: 'must be a string, integer, boolean or array of strings',
      }
    : { type: ['string', 'integer', 'boolean'] };
  defs.ElicitResult = object(
    {
      action: oneOfStrings('accept', 'decline', 'cancel'),
      content: mapOf(answer),
      _meta: r26 ? undefined : ref('Meta'),
    },
    ['action'],
  );
}

/** 2026-07-28 only: multi round-trip requests, subscriptions, change notifications. */
function addModern(defs: { [name: string]: JsonSchema }, resultMeta: JsonSchema): void {
  // Multi round-trip requests: the server answers "input_required" with the requests it needs
  // answered (sampling, roots, elicitation, keyed by names it picks) and opaque state; the client
  // retries the original request with the answers under the same keys.
  const embedded = (method: string, params: JsonSchema, paramsRequired: boolean): JsonSchema =>
    object({ method: constant(method), params }, paramsRequired ? ['method', 'params'] : ['method']);
  defs.InputCreateMessageRequest = embedded('sampling/createMessage', ref('CreateMessageParams'), true);
  defs.InputListRootsRequest = embedded('roots/list', object({ _meta: ref('Meta') }), false);
  defs.InputElicitRequest = embedded('elicitation/create', ref('ElicitParams'), true);
  defs.InputRequest = tagged(
    'method',
    {
      'sampling/createMessage': 'InputCreateMessageRequest',
      'roots/list': 'InputListRootsRequest',
      'elicitation/create': 'InputElicitRequest',
    },
    'must be sampling/createMessage, roots/list or elicitation/create',
  );
  defs.InputRequiredResult = object(
    {
      inputRequests: mapOf(ref('InputRequest')),
      requestState: STRING,
      resultType: STRING,
      _meta: resultMeta,
    },
    ['resultType'],
  );
  // The answers carry no method: each key names the request it answers, so the shape is untagged.
  defs.InputResponse = {
    anyOf: [ref('CreateMessageResult'), ref('ListRootsResult'), ref('ElicitResult')],
    hint: 'must be a sampling, roots or elicitation result',
  };
  defs.InputResponses = mapOf(ref('InputResponse'));

  // Subscriptions: the client opts in to change notifications on one long-lived request; the
  // server acknowledges, tags each notification with the subscription id, and ends the stream
  // with notifications/cancelled or a result.
  defs.SubscriptionFilter = object({
    toolsListChanged: BOOLEAN,
    promptsListChanged: BOOLEAN,
    resourcesListChanged: BOOLEAN,
    resourceSubscriptions: stringArray,
  });
  defs.SubscriptionsListenParams = object(
    { notifications: ref('SubscriptionFilter'), _meta: ref('RequestMeta') },
    ['notifications', '_meta'],
  );
  defs.SubscriptionsListenResult = object(
    {
      resultType: STRING,
      _meta: object(
        {
          'io.modelcontextprotocol/serverInfo': ref('Implementation'),
          'io.modelcontextprotocol/subscriptionId': ref('RequestId'),
        },
        ['io.modelcontextprotocol/subscriptionId'],
      ),
    },
    ['resultType', '_meta'],
  );
  defs.SubscriptionsAcknowledgedParams = object(
    { notifications: ref('SubscriptionFilter'), _meta: ref('NotificationMeta') },
    ['notifications'],
  );
  defs.ResourceUpdatedParams = object({ uri: STRING, _meta: ref('NotificationMeta') }, ['uri']);
}

/** Whole-message definitions: the envelope of the kind plus the method's own params or result. */
function addMessages(defs: { [name: string]: JsonSchema }, r26: boolean): void {
  const request = (params: string | null, paramsRequired: boolean): JsonSchema => ({
    allOf: [
      ref('Request'),
      ...(params === null ? [] : [object({ params: ref(params) }, paramsRequired ? ['params'] : [])]),
    ],
  });
  const notification = (params: string | null, paramsRequired: boolean): JsonSchema => ({
    allOf: [
      ref('Notification'),
      ...(params === null ? [] : [object({ params: ref(params) }, paramsRequired ? ['params'] : [])]),
    ],
  });
  const response = (result: string): JsonSchema => ({
    allOf: [ref('ResultResponse'), object({ result: ref(result) })],
  });
  const has = (name: string): boolean => name in defs;

  if (r26) {
    // Client → server. Every described request carries params (its `_meta` is required).
    defs.DiscoverRequest = request('RequestParams', true);
    defs.ListToolsRequest = request('PaginatedParams', true);
    defs.CallToolRequest = request('CallToolParams', true);
    defs.SubscriptionsListenRequest = request('SubscriptionsListenParams', true);
    // Methods 2026-07-28 removed (MODERN_DECISIONS.removedRequests / removedNotifications).
    const removed: JsonSchema = {
      not: {},
      hint: 'must not be used: 2026-07-28 removed this method',
    };
    defs.RemovedRequest = { allOf: [ref('Request'), object({ method: removed })] };
    defs.RemovedNotification = { allOf: [ref('Notification'), object({ method: removed })] };
    // "Servers return an InputRequiredResult … which replaces the previous approach of sending
    // server-initiated requests": the official schema has no ServerRequest any more.
    defs.ServerRequest = {
      not: {},
      hint: 'servers send no requests in 2026-07-28 (they ask for input with an InputRequiredResult)',
    };
  } else {
    defs.InitializeRequest = request('InitializeParams', true);
    defs.PingRequest = request('RequestParams', false);
    defs.ListToolsRequest = request('PaginatedParams', false);
    defs.CallToolRequest = request('CallToolParams', true);
    defs.CreateMessageRequest = request('CreateMessageParams', true);
    defs.ListRootsRequest = request('RequestParams', false);
    if (has('ElicitParams')) defs.ElicitRequest = request('ElicitParams', true);
  }
  if (has('Task')) {
    defs.GetTaskRequest = request('TaskIdParams', true);
    defs.CancelTaskRequest = request('TaskIdParams', true);
    defs.GetTaskPayloadRequest = request('TaskIdParams', true);
    defs.ListTasksRequest = request('PaginatedParams', false);
  }

  defs.CancelledNotification = notification('CancelledParams', true);
  defs.ProgressNotification = notification('ProgressParams', true);
  defs.LoggingMessageNotification = notification('LoggingMessageParams', true);
  if (!r26) defs.InitializedNotification = notification('NotificationParams', false);
  if (has('Task')) defs.TaskStatusNotification = notification('TaskStatusParams', true);
  if (r26) {
    defs.SubscriptionsAcknowledgedNotification = notification('SubscriptionsAcknowledgedParams', true);
    defs.ResourceUpdatedNotification = notification('ResourceUpdatedParams', true);
    defs.ListChangedNotification = notification('NotificationParams', false);
  }

  // (`ResultResponse` itself is the envelope: it already applies the generic `Result`.)
  for (const result of [
    'InitializeResult',
    'DiscoverResult',
    'ListToolsResult',
    'CallToolResult',
    'InputRequiredResult',
    'SubscriptionsListenResult',
    'CreateMessageResult',
    'ListRootsResult',
    'ElicitResult',
    'CreateTaskResult',
    'TaskResult',
    'ListTasksResult',
  ]) {
    // (2026-07-28: sampling, roots and elicitation results only travel inside a retried request.)
    const embeddedOnly = r26 && ['CreateMessageResult', 'ListRootsResult', 'ElicitResult'].includes(result);
    if (has(result) && !embeddedOnly) defs[`${result}Response`] = response(result);
  }
}
