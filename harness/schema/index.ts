// Schema validation of single MCP messages, per protocol revision, with the project's own schemas
// (harness/schema/definitions.ts). The caller says who sent the message; the message's shape picks
// the kind (request, notification, response); the method, or for a response the method of the
// request it answers, picks the definition. Methods the project does not describe are checked at the
// JSON-RPC envelope level only.
//
// Envelope decisions (JSON-RPC 2.0 wins where the official schemas are silent or narrower; see
// ENVELOPE_DECISIONS in definitions.ts):
// - a request id is a string or an integer, never null; a notification has no id member;
// - a response has `result` or `error`, never both (every revision);
// - an error response id is a string or integer; `null` only for a parse error (-32700) or an invalid
//   request (-32600) as JSON-RPC requires; 2025-11-25 also allows leaving the id out;
// - batches (arrays) exist in 2025-03-26 only: non-empty, all requests/notifications or all responses.
// Revision 2026-07-28 has no message schemas yet: its messages are checked at the envelope level and
// the verdict's `schema` says so.

import { isJsonObject, type JsonObject, type LegacyRevision, type Revision } from '../types.js';
import { ERROR_LINE_LIMIT, errorLines, hasDefinition, validatorFor } from './compile.js';
import { ENVELOPE_DECISIONS, MESSAGE_SCHEMA_REVISIONS } from './definitions.js';

// What a schema check says about one message: the definition applied and, if invalid, why.
export interface SchemaVerdict {
  valid: boolean;
  schema: string;
  errors: string[];
}

// Validates one message the TARGET (an MCP server) sent, as parsed JSON. `requestMethod` is the method
// of the client request that a response answers, when the caller knows it.
export function validateServerMessage(
  revision: Revision,
  message: unknown,
  context?: { requestMethod?: string },
): SchemaVerdict {
  return validateMessage('server', revision, message, context?.requestMethod);
}

// Validates one message a client sent (the suite checks its own traffic with it). `requestMethod` is
// the method of the server request that a response answers, when known.
export function validateClientMessage(
  revision: Revision,
  message: unknown,
  context?: { requestMethod?: string },
): SchemaVerdict {
  return validateMessage('client', revision, message, context?.requestMethod);
}

type Sender = 'server' | 'client';
interface Choice {
  definition: string;
  name: string;
}

const TASK_REQUESTS: { [method: string]: Choice } = {
  'tasks/get': { definition: 'GetTaskRequest', name: 'GetTaskRequest' },
  'tasks/cancel': { definition: 'CancelTaskRequest', name: 'CancelTaskRequest' },
  'tasks/result': { definition: 'GetTaskPayloadRequest', name: 'GetTaskPayloadRequest' },
  'tasks/list': { definition: 'ListTasksRequest', name: 'ListTasksRequest' },
};
const same = (definition: string): Choice => ({ definition, name: definition });

/** Requests each side may send that the project describes. */
const REQUESTS: { [sender in Sender]: { [method: string]: Choice } } = {
  server: {
    ping: same('PingRequest'),
    'sampling/createMessage': same('CreateMessageRequest'),
    'elicitation/create': same('ElicitRequest'),
    'roots/list': same('ListRootsRequest'),
    ...TASK_REQUESTS,
  },
  client: {
    initialize: same('InitializeRequest'),
    ping: same('PingRequest'),
    'tools/list': same('ListToolsRequest'),
    'tools/call': same('CallToolRequest'),
    ...TASK_REQUESTS,
  },
};

/** Notifications each side may send that the project describes. */
const NOTIFICATIONS: { [sender in Sender]: { [method: string]: Choice } } = {
  server: {
    'notifications/cancelled': same('CancelledNotification'),
    'notifications/progress': same('ProgressNotification'),
    'notifications/message': same('LoggingMessageNotification'),
    'notifications/tasks/status': same('TaskStatusNotification'),
  },
  client: {
    'notifications/cancelled': same('CancelledNotification'),
    'notifications/progress': same('ProgressNotification'),
    'notifications/initialized': same('InitializedNotification'),
    'notifications/tasks/status': same('TaskStatusNotification'),
  },
};

const TASK_RESULTS: { [method: string]: Choice } = {
  'tasks/get': { definition: 'TaskResultResponse', name: 'GetTaskResult response' },
  'tasks/cancel': { definition: 'TaskResultResponse', name: 'CancelTaskResult response' },
  'tasks/list': { definition: 'ListTasksResultResponse', name: 'ListTasksResult response' },
};
const resultOf = (result: string): Choice => ({
  definition: `${result}Response`,
  name: `${result} response`,
});
const EMPTY_RESULT: Choice = { definition: 'ResultResponse', name: 'EmptyResult response' };
const GENERIC_RESULT: Choice = { definition: 'ResultResponse', name: 'Result response' };

/** Results each side sends, by the method of the request (from the other side) they answer. */
const RESULTS: { [sender in Sender]: { [method: string]: Choice } } = {
  server: {
    initialize: resultOf('InitializeResult'),
    ping: EMPTY_RESULT,
    'tools/list': resultOf('ListToolsResult'),
    'tools/call': resultOf('CallToolResult'),
    ...TASK_RESULTS,
  },
  client: {
    ping: EMPTY_RESULT,
    'sampling/createMessage': resultOf('CreateMessageResult'),
    'elicitation/create': resultOf('ElicitResult'),
    'roots/list': resultOf('ListRootsResult'),
    ...TASK_RESULTS,
  },
};

/** 2025-11-25: a task-augmented request is answered with CreateTaskResult instead of its own result.
 *  Told apart by shape: a `task` member and no member the method's own result requires. */
const TASK_AUGMENTABLE: { [method: string]: string } = {
  'tools/call': 'content',
  'sampling/createMessage': 'content',
  'elicitation/create': 'action',
};

function isLegacy(revision: Revision): revision is LegacyRevision {
  return (MESSAGE_SCHEMA_REVISIONS as readonly Revision[]).includes(revision);
}

function validateMessage(
  sender: Sender,
  revision: Revision,
  message: unknown,
  requestMethod: string | undefined,
): SchemaVerdict {
  // The modern revision shares 2025-11-25's JSON-RPC envelope; only the envelope is checked for it.
  const schemas: LegacyRevision = isLegacy(revision) ? revision : '2025-11-25';
  const envelopeOnly = !isLegacy(revision);
  if (Array.isArray(message)) return validateBatch(sender, revision, schemas, message);
  if (!isJsonObject(message)) {
    return { valid: false, schema: 'JSON-RPC message', errors: ['/: must be a JSON object'] };
  }
  const choice = choose(sender, schemas, message, requestMethod, envelopeOnly);
  if (choice === null) {
    return {
      valid: false,
      schema: 'JSON-RPC message',
      errors: ['/: must have a method (request or notification) or a result or error (response)'],
    };
  }
  const validate = validatorFor(schemas, choice.definition);
  const valid = validate(message);
  const schema = envelopeOnly
    ? `${choice.name} (envelope only: no ${revision} message schemas yet)`
    : choice.name;
  return { valid, schema, errors: valid ? [] : errorLines(validate.errors) };
}

function choose(
  sender: Sender,
  revision: LegacyRevision,
  message: JsonObject,
  requestMethod: string | undefined,
  envelopeOnly: boolean,
): Choice | null {
  const known = (choice: Choice | undefined, fallback: Choice): Choice =>
    !envelopeOnly && choice !== undefined && hasDefinition(revision, choice.definition) ? choice : fallback;
  if ('method' in message) {
    const method = typeof message.method === 'string' ? message.method : '';
    if ('id' in message) {
      return known(REQUESTS[sender][method], { definition: 'Request', name: 'JSON-RPC request' });
    }
    return known(NOTIFICATIONS[sender][method], {
      definition: 'Notification',
      name: 'JSON-RPC notification',
    });
  }
  if ('result' in message) {
    if (requestMethod === undefined) return GENERIC_RESULT;
    const augmented = TASK_AUGMENTABLE[requestMethod];
    const result = message.result;
    const own = known(RESULTS[sender][requestMethod], GENERIC_RESULT);
    if (augmented !== undefined && isJsonObject(result) && 'task' in result && !(augmented in result)) {
      return known(resultOf('CreateTaskResult'), own);
    }
    return own;
  }
  if ('error' in message) return { definition: 'ErrorResponse', name: 'JSON-RPC error response' };
  return null;
}

/** 2025-03-26 batches: each element validated on its own (responses generically: a batch answers
 *  several requests, so one `requestMethod` cannot describe it). */
function validateBatch(
  sender: Sender,
  revision: Revision,
  schemas: LegacyRevision,
  batch: unknown[],
): SchemaVerdict {
  const schema = 'JSON-RPC batch';
  if (revision !== '2025-03-26') {
    return {
      valid: false,
      schema: 'JSON-RPC message',
      errors: [`/: must be a JSON object (${revision} has no batches)`],
    };
  }
  if (batch.length === 0 && ENVELOPE_DECISIONS.rejectEmptyBatch) {
    return { valid: false, schema, errors: ['/: a batch must not be empty'] };
  }
  // Uniform: all calls (requests, notifications) or all responses. Elements that are not objects are
  // reported on their own; one that has a method and a result/error (garbage: judged as a call by
  // its method, below) counts on both sides.
  const objects = batch.filter(isJsonObject);
  const allCalls = objects.every((m) => 'method' in m);
  const allResponses = objects.every((m) => 'result' in m || 'error' in m);
  const errors: string[] = [];
  if (!allCalls && !allResponses) {
    errors.push('/: a batch holds either requests and notifications or responses, not both');
  }
  batch.forEach((element, index) => {
    if (Array.isArray(element)) {
      errors.push(`/${index}: must be a JSON object (batches do not nest)`);
      return;
    }
    const verdict = validateMessage(sender, schemas, element, undefined);
    for (const line of verdict.errors) {
      if (line.startsWith('…')) errors.push(line);
      else errors.push(`/${index}${line.startsWith('/:') ? line.slice(1) : line}`);
    }
  });
  const limit = ERROR_LINE_LIMIT;
  const lines =
    errors.length > limit
      ? [...errors.slice(0, limit - 1), `… and ${errors.length - limit + 1} more`]
      : errors;
  return { valid: errors.length === 0, schema, errors: lines };
}
