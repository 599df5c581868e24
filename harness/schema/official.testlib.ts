// Test support, never shipped (tsconfig.build.json leaves *.testlib.ts out): the OFFICIAL MCP
// schemas, read from <clone>/../shared/spec/schema where the reference data sits beside the clone,
// compiled with ajv, and a verdict per message. Used to cross-check the project's own schemas and
// every message the conformant fixtures send.

import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject, type Revision } from '../model/protocol.js';

const here = dirname(fileURLToPath(import.meta.url));
/** `<clone>/../shared/spec/schema`: the reference data sits beside the clone, not inside it. */
export const OFFICIAL_DIR = resolve(here, '..', '..', '..', 'shared', 'spec', 'schema');
export const haveOfficial = existsSync(OFFICIAL_DIR);

// ---------------------------------------------------------------------------------------------------
// The official side: compile each revision's schema.json once, check values against named definitions.

/** Corrections of defects in a generated schema.json, where the revision's schema.ts (the source of
 *  truth) says otherwise. Each one is a documented divergence of the project's schemas and is tested
 *  on its own (the uncorrected file must really show the defect). */
export interface Corrections {
  /** 2026-07-28: schema.ts `JSONValue = string | number | boolean | null | JSONObject | JSONArray`;
   *  schema.json leaves out non-integer numbers and null. Corrected: any JSON value. */
  jsonValueIsAnyJson?: boolean;
}

export class OfficialSchema {
  private readonly ajv: Ajv | Ajv2020;
  private readonly pointer: string;
  private readonly names: Set<string>;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly document: unknown;

  constructor(revision: Revision, corrections: Corrections = {}) {
    const document: unknown = JSON.parse(
      readFileSync(resolve(OFFICIAL_DIR, revision, 'schema.json'), 'utf8'),
    );
    if (!isJsonObject(document)) throw new Error(`official schema for ${revision} is not an object`);
    const draft2020 = isJsonObject(document.$defs);
    const definitions = draft2020 ? document.$defs : document.definitions;
    if (!isJsonObject(definitions)) throw new Error(`official schema for ${revision} has no definitions`);
    if (corrections.jsonValueIsAnyJson === true) {
      if (!isJsonObject(definitions.JSONValue)) throw new Error(`${revision} has no JSONValue to correct`);
      definitions.JSONValue = {};
    }
    this.names = new Set(Object.keys(definitions));
    this.pointer = draft2020 ? '#/$defs/' : '#/definitions/';
    const options = { strict: false, validateFormats: false, allErrors: false };
    this.ajv = draft2020 ? new Ajv2020(options) : new Ajv(options);
    this.ajv.addSchema(document, 'official');
    this.document = document;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** Every member name any definition describes (the mutants add these at random places). */
  propertyNames(): string[] {
    const found = new Set<string>(['extra']);
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isJsonObject(node)) {
        if (isJsonObject(node.properties)) for (const key of Object.keys(node.properties)) found.add(key);
        Object.values(node).forEach(walk);
      }
    };
    walk(this.document);
    return [...found].sort();
  }

  check(name: string, value: unknown): boolean {
    let validate = this.compiled.get(name);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: `official${this.pointer}${name}` });
      this.compiled.set(name, validate);
    }
    return validate(value);
  }
}

/** Official definition of each method's request (the same name in every revision that has it). A
 *  request method sent as a notification (or the reverse) is just an unknown method of that kind. */
const OFFICIAL_REQUEST: { [method: string]: string } = {
  initialize: 'InitializeRequest',
  'server/discover': 'DiscoverRequest',
  'subscriptions/listen': 'SubscriptionsListenRequest',
  ping: 'PingRequest',
  'tools/list': 'ListToolsRequest',
  'tools/call': 'CallToolRequest',
  'sampling/createMessage': 'CreateMessageRequest',
  'elicitation/create': 'ElicitRequest',
  'roots/list': 'ListRootsRequest',
  'tasks/get': 'GetTaskRequest',
  'tasks/cancel': 'CancelTaskRequest',
  'tasks/result': 'GetTaskPayloadRequest',
  'tasks/list': 'ListTasksRequest',
};
const OFFICIAL_NOTIFICATION: { [method: string]: string } = {
  'notifications/cancelled': 'CancelledNotification',
  'notifications/progress': 'ProgressNotification',
  'notifications/message': 'LoggingMessageNotification',
  'notifications/initialized': 'InitializedNotification',
  'notifications/tasks/status': 'TaskStatusNotification',
  'notifications/subscriptions/acknowledged': 'SubscriptionsAcknowledgedNotification',
  'notifications/resources/updated': 'ResourceUpdatedNotification',
  'notifications/tools/list_changed': 'ToolListChangedNotification',
  'notifications/prompts/list_changed': 'PromptListChangedNotification',
  'notifications/resources/list_changed': 'ResourceListChangedNotification',
};

/** Official definition of the result that answers each method. */
const OFFICIAL_RESULT: { [method: string]: string } = {
  initialize: 'InitializeResult',
  'server/discover': 'DiscoverResult',
  'subscriptions/listen': 'SubscriptionsListenResult',
  ping: 'EmptyResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'sampling/createMessage': 'CreateMessageResult',
  'elicitation/create': 'ElicitResult',
  'roots/list': 'ListRootsResult',
  'tasks/get': 'GetTaskResult',
  'tasks/cancel': 'CancelTaskResult',
  'tasks/list': 'ListTasksResult',
};

/** Error responses the official schema defines by code. */
const CODED_ERRORS = [
  { code: -32022, definition: 'UnsupportedProtocolVersionError' },
  { code: -32021, definition: 'MissingRequiredClientCapabilityError' },
];

/** 2026-07-28: the methods whose official response schema is `InputRequiredResult | <own result>`. */
const INPUT_REQUIRED_CAPABLE = ['tools/call', 'prompts/get', 'resources/read'];

/** The official verdict: the envelope definition of the message's kind AND the method's definition
 *  (applied to the whole message for requests and notifications, to `result` for responses).
 *  `from`, when given, applies the direction: a revision whose schema has no ServerRequest union
 *  (2026-07-28) has no request a server may send. The error definitions with a fixed code
 *  (-32022, -32021) apply to an error response with that code. */
export function officialVerdict(
  official: OfficialSchema,
  message: unknown,
  requestMethod?: string,
  from?: 'server' | 'client',
): boolean {
  // A batch: the union accepts the array, and each element is judged like a single message (the
  // union alone would accept {"id":{},"method":…} as a notification: its JSONRPCNotification does
  // not forbid an id member, while JSON-RPC makes any message with an id a request).
  if (Array.isArray(message)) {
    return (
      official.check('JSONRPCMessage', message) &&
      message.every((element) => officialVerdict(official, element))
    );
  }
  if (!isJsonObject(message)) return official.check('JSONRPCMessage', message);
  if ('method' in message) {
    const request = 'id' in message;
    if (request && from === 'server' && !official.has('ServerRequest')) return false;
    const envelope = request ? 'JSONRPCRequest' : 'JSONRPCNotification';
    const table = request ? OFFICIAL_REQUEST : OFFICIAL_NOTIFICATION;
    const definition = typeof message.method === 'string' ? table[message.method] : undefined;
    const specific =
      definition !== undefined && official.has(definition) ? official.check(definition, message) : true;
    return official.check(envelope, message) && specific;
  }
  if ('result' in message) {
    const envelope = official.has('JSONRPCResultResponse') ? 'JSONRPCResultResponse' : 'JSONRPCResponse';
    let definition = requestMethod === undefined ? undefined : OFFICIAL_RESULT[requestMethod];
    const result = message.result;
    const taskShaped =
      isJsonObject(result) && 'task' in result && !('content' in result) && !('action' in result);
    if (
      taskShaped &&
      official.has('CreateTaskResult') &&
      ['tools/call', 'sampling/createMessage', 'elicitation/create'].includes(requestMethod ?? '')
    ) {
      definition = 'CreateTaskResult';
    }
    let specific =
      definition !== undefined && official.has(definition) ? official.check(definition, result) : true;
    if (official.has('InputRequiredResult') && INPUT_REQUIRED_CAPABLE.includes(requestMethod ?? '')) {
      specific = specific || official.check('InputRequiredResult', result);
    }
    return official.check(envelope, message) && specific;
  }
  if ('error' in message) {
    const envelope = official.check(
      official.has('JSONRPCErrorResponse') ? 'JSONRPCErrorResponse' : 'JSONRPCError',
      message,
    );
    const code = isJsonObject(message.error) ? message.error.code : undefined;
    const named = CODED_ERRORS.find((e) => e.code === code && official.has(e.definition));
    return envelope && (named === undefined || official.check(named.definition, message));
  }
  return official.check('JSONRPCMessage', message);
}

/** 2026-07-28, the official verdict on one branch of `InputRequiredResult | <own result>`: the branch
 *  the result's `resultType` names ("input_required" → InputRequiredResult, "complete", missing or
 *  not a string → the method's own result, any other string → the generic Result). The project's
 *  schemas judge such a result this way (MODERN_DECISIONS.resultTypePicksShape). */
export function officialBranchVerdict(
  official: OfficialSchema,
  message: unknown,
  requestMethod: string,
): boolean {
  if (!isJsonObject(message) || !('result' in message) || 'method' in message) {
    return officialVerdict(official, message, requestMethod);
  }
  const result = message.result;
  const type = isJsonObject(result) ? result.resultType : undefined;
  const own = OFFICIAL_RESULT[requestMethod];
  const branch =
    type === 'input_required'
      ? 'InputRequiredResult'
      : typeof type === 'string' && type !== 'complete'
        ? 'Result'
        : own !== undefined && official.has(own)
          ? own
          : 'Result';
  return official.check('JSONRPCResultResponse', message) && official.check(branch, result);
}
