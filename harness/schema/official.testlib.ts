// Test support, never shipped (tsconfig.build.json leaves *.testlib.ts out): the OFFICIAL MCP
// schemas, read from <clone>/../shared/spec/schema where the reference data sits beside the clone,
// compiled with ajv, and a verdict per message. Used to cross-check the project's own schemas and
// every message the conformant fixtures send.

import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject, type Revision } from '../types.js';

const here = dirname(fileURLToPath(import.meta.url));
/** `<clone>/../shared/spec/schema`: the reference data sits beside the clone, not inside it. */
export const OFFICIAL_DIR = resolve(here, '..', '..', '..', 'shared', 'spec', 'schema');
export const haveOfficial = existsSync(OFFICIAL_DIR);

// ---------------------------------------------------------------------------------------------------
// The official side: compile each revision's schema.json once, check values against named definitions.

export class OfficialSchema {
  private readonly ajv: Ajv | Ajv2020;
  private readonly pointer: string;
  private readonly names: Set<string>;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly document: unknown;

  constructor(revision: Revision) {
    const document: unknown = JSON.parse(
      readFileSync(resolve(OFFICIAL_DIR, revision, 'schema.json'), 'utf8'),
    );
    if (!isJsonObject(document)) throw new Error(`official schema for ${revision} is not an object`);
    const draft2020 = isJsonObject(document.$defs);
    const definitions = draft2020 ? document.$defs : document.definitions;
    if (!isJsonObject(definitions)) throw new Error(`official schema for ${revision} has no definitions`);
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
};

/** Official definition of the result that answers each method. */
const OFFICIAL_RESULT: { [method: string]: string } = {
  initialize: 'InitializeResult',
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

/** The official verdict: the envelope definition of the message's kind AND the method's definition
 *  (applied to the whole message for requests and notifications, to `result` for responses). */
export function officialVerdict(official: OfficialSchema, message: unknown, requestMethod?: string): boolean {
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
    const specific =
      definition !== undefined && official.has(definition) ? official.check(definition, result) : true;
    return official.check(envelope, message) && specific;
  }
  if ('error' in message) {
    return official.check(
      official.has('JSONRPCErrorResponse') ? 'JSONRPCErrorResponse' : 'JSONRPCError',
      message,
    );
  }
  return official.check('JSONRPCMessage', message);
}
