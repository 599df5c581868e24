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
//
// 2026-07-28 (see MODERN_DECISIONS in definitions.ts):
// - a request from the server is invalid whatever its method (servers send none in that revision);
// - a method the revision removed (ping, initialize, notifications/initialized, …) is invalid;
// - the answer to a request that may need client input (tools/call, prompts/get, resources/read) is
//   judged by its `resultType`: "input_required" → InputRequiredResult, "complete" (or missing or not
//   a string) → the method's own result, any other string (an extension's) → the generic Result.

import { isJsonObject, type JsonObject, type Revision } from '../model/protocol.js';
import { ERROR_LINE_LIMIT, errorLines, hasDefinition, validatorFor } from './compile.js';
import { ENVELOPE_DECISIONS, INPUT_REQUIRED_METHODS, MODERN_DECISIONS } from './definitions.js';

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
const listChanged = (name: string): Choice => ({ definition: 'ListChangedNotification', name });

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
    'server/discover': same('DiscoverRequest'),
    'subscriptions/listen': same('SubscriptionsListenRequest'),
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
    'notifications/subscriptions/acknowledged': same('SubscriptionsAcknowledgedNotification'),
    'notifications/resources/updated': same('ResourceUpdatedNotification'),
    'notifications/tools/list_changed': listChanged('ToolListChangedNotification'),
    'notifications/prompts/list_changed': listChanged('PromptListChangedNotification'),
    'notifications/resources/list_changed': listChanged('ResourceListChangedNotification'),
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
    'server/discover': resultOf('DiscoverResult'),
    'subscriptions/listen': resultOf('SubscriptionsListenResult'),
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

const SERVER_REQUEST: Choice = {
  definition: 'ServerRequest',
  name: 'JSON-RPC request (servers send none in 2026-07-28)',
};
const removed = (kind: string): Choice => ({
  definition: `Removed${kind === 'request' ? 'Request' : 'Notification'}`,
  name: `JSON-RPC ${kind} (method removed in 2026-07-28)`,
});
const INPUT_REQUIRED: Choice = resultOf('InputRequiredResult');

function validateMessage(
  sender: Sender,
  revision: Revision,
  message: unknown,
  requestMethod: string | undefined,
): SchemaVerdict {
  if (Array.isArray(message)) return validateBatch(sender, revision, message);
  if (!isJsonObject(message)) {
    return { valid: false, schema: 'JSON-RPC message', errors: ['/: must be a JSON object'] };
  }
  const choice = choose(sender, revision, message, requestMethod);
  if (choice === null) {
    return {
      valid: false,
      schema: 'JSON-RPC message',
      errors: ['/: must have a method (request or notification) or a result or error (response)'],
    };
  }
  const validate = validatorFor(revision, choice.definition);
  const valid = validate(message);
  return { valid, schema: choice.name, errors: valid ? [] : errorLines(validate.errors) };
}

function choose(
  sender: Sender,
  revision: Revision,
  message: JsonObject,
  requestMethod: string | undefined,
): Choice | null {
  const known = (choice: Choice | undefined, fallback: Choice): Choice =>
    choice !== undefined && hasDefinition(revision, choice.definition) ? choice : fallback;
  const modern = hasDefinition(revision, 'ServerRequest');
  if ('method' in message) {
    const method = typeof message.method === 'string' ? message.method : '';
    if ('id' in message) {
      if (modern && sender === 'server') return SERVER_REQUEST;
      if (modern && (MODERN_DECISIONS.removedRequests as readonly string[]).includes(method)) {
        return removed('request');
      }
      return known(REQUESTS[sender][method], { definition: 'Request', name: 'JSON-RPC request' });
    }
    if (modern && (MODERN_DECISIONS.removedNotifications[sender] as readonly string[]).includes(method)) {
      return removed('notification');
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
    const picks = modern && MODERN_DECISIONS.resultTypePicksShape;
    if (picks && INPUT_REQUIRED_METHODS.includes(requestMethod) && isJsonObject(result)) {
      const type = result.resultType;
      if (type === 'input_required') return INPUT_REQUIRED;
      if (typeof type === 'string' && type !== 'complete') return GENERIC_RESULT;
      return own;
    }
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
function validateBatch(sender: Sender, revision: Revision, batch: unknown[]): SchemaVerdict {
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
    const verdict = validateMessage(sender, revision, element, undefined);
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
