// Tasks as the task rules drive them: create a task with the task tool, ask its status (tasks/get),
// cancel it (tasks/cancel), and read the task's status history from the transcript (CreateTaskResult,
// tasks/get and tasks/cancel answers, status notifications), so every result shows that history beside
// the cancel. One way for both kinds: the 2025-11-25 tasks utility (a `task` member on tools/call) and,
// in the modern era (2026-07-28), the tasks extension `io.modelcontextprotocol/tasks` (declared in the
// request's client capabilities; the server decides whether the call becomes a task). Every wait is
// bounded by a budget.

import {
  describeMessage,
  idOf,
  isJsonObject,
  isModern,
  isResponseFor,
  META_CLIENT_CAPABILITIES,
  methodOf,
  paramsOf,
  type Json,
  type JsonObject,
  type Outcome,
  type PendingRequest,
  type RequestId,
  type Revision,
  type RuleContext,
  type TranscriptEvent,
  TASKS_EXTENSION,
} from '../../harness/api.js';

/** Tasks are core in 2025-11-25 only (an extension from 2026-07-28 on: the TASKX rules). */
export const TASK_REVISIONS: readonly Revision[] = ['2025-11-25'];
/** The tasks extension is judged with the revision it is used with, 2026-07-28. */
export const TASKX_REVISIONS: readonly Revision[] = ['2026-07-28'];
export const TERMINAL: readonly string[] = ['completed', 'failed', 'cancelled'];
/** -32602 (Invalid params): the tasks page's code for an unknown task and for cancelling a terminal one. */
export const INVALID_PARAMS = -32602;
export const RELATED_TASK = 'io.modelcontextprotocol/related-task';

/** A tools/call written as a task, with its answer. */
export interface TaskCall {
  req: PendingRequest;
  token: RequestId;
  /** Transcript position right after the call was written. */
  fromSeq: number;
  answer: TranscriptEvent | null;
  /** The `task` of a CreateTaskResult, when the answer is one. */
  task: JsonObject | null;
  taskId: string;
  status: string | null;
}

/** The answer to tasks/get, tasks/cancel or tasks/result: a Task's status, or an error code. */
export interface TaskAnswer {
  req: PendingRequest;
  event: TranscriptEvent | null;
  status: string | null;
  code: number | null;
}

/** The Task a message carries: a CreateTaskResult's `task`, a Task result, or status notification params. */
export function taskIn(m: Json | undefined): JsonObject | null {
  if (!isJsonObject(m)) return null;
  const body = isJsonObject(m.result) ? m.result : methodOf(m) ? paramsOf(m) : undefined;
  if (!body) return null;
  const task = isJsonObject(body.task) ? body.task : body;
  return typeof task.taskId === 'string' && typeof task.status === 'string' ? task : null;
}

function errorCode(m: Json | undefined): number | null {
  if (!isJsonObject(m) || !isJsonObject(m.error)) return null;
  return typeof m.error.code === 'number' ? m.error.code : null;
}

/** Whether this session speaks the tasks extension (modern era) rather than the 2025-11-25 utility. */
export function isExtension(ctx: RuleContext): boolean {
  return isModern(ctx.revision);
}

/** The `_meta` member that declares the tasks extension in a request's client capabilities, or
 *  (declare false) declares no extension, overriding what the session sends by default. */
export function clientTasksMeta(declare: boolean): JsonObject {
  return { [META_CLIENT_CAPABILITIES]: declare ? { extensions: { [TASKS_EXTENSION]: {} } } : {} };
}

/** The tool the task rules call, for this session's kind of tasks. */
function taskTool(ctx: RuleContext) {
  return isExtension(ctx) ? ctx.discovery.tasksExtension?.tool : ctx.discovery.tasks?.tool;
}

/** Calls the task tool as a task (long run by default) with a progress token, and waits for its answer. */
export async function createTask(ctx: RuleContext, run: 'long' | 'short' = 'long'): Promise<TaskCall> {
  const tool = taskTool(ctx);
  if (!tool) throw new Error('createTask called without a task tool (declare the need "taskTool")');
  const args = run === 'short' ? tool.shortArgs : tool.args;
  if (!args) throw new Error('createTask(ctx, "short") needs "taskShortRun"');
  const token = `mcc-x-task-${Math.floor(ctx.random() * 2 ** 31)}`;
  // 2025-11-25 asks for a task with `task`; the extension only declares it may get one.
  const params: JsonObject = isExtension(ctx)
    ? { name: tool.name, arguments: args, _meta: { progressToken: token, ...clientTasksMeta(true) } }
    : {
        name: tool.name,
        arguments: args,
        task: { ttl: ctx.budgets.huge },
        _meta: { progressToken: token },
      };
  const req = await ctx.request('tools/call', params);
  const fromSeq = ctx.position();
  const answer = await ctx.waitFor((e) => isResponseFor(e, req.id), ctx.budgets.long, fromSeq);
  const task =
    answer && isJsonObject(answer.message) && isJsonObject(answer.message.result)
      ? taskIn(answer.message)
      : null;
  const taskId = typeof task?.taskId === 'string' ? task.taskId : '';
  const status = typeof task?.status === 'string' ? task.status : null;
  ctx.note(
    task
      ? `tools/call ${JSON.stringify(req.id)} (${run} run) created task ${JSON.stringify(taskId)}: ${status}`
      : `tools/call ${JSON.stringify(req.id)} as a task: ${answer ? describeMessage(answer.message) : 'no answer'}`,
  );
  return { req, token, fromSeq, answer, task, taskId, status };
}

/**
 * Writes a tasks/* request for `taskId` and waits (bounded) for its answer; notes the status it gives.
 * In the extension the request declares the extension unless `meta` says otherwise (clientTasksMeta).
 */
export async function askTask(
  ctx: RuleContext,
  method: 'tasks/get' | 'tasks/cancel' | 'tasks/result',
  taskId: string,
  meta?: JsonObject,
  waitMs = ctx.budgets.long,
): Promise<TaskAnswer> {
  const own = isExtension(ctx) ? { ...clientTasksMeta(true), ...meta } : meta;
  const req = await ctx.request(method, { taskId, ...(own ? { _meta: own } : {}) });
  const event = await ctx.waitFor((e) => isResponseFor(e, req.id), waitMs);
  const task = event ? taskIn(event.message) : null;
  const status = typeof task?.status === 'string' && task.taskId === taskId ? task.status : null;
  const code = event ? errorCode(event.message) : null;
  // A result without a task (the extension's tasks/cancel acknowledgement) is shown as it is.
  const result = event && isJsonObject(event.message) ? event.message.result : undefined;
  const other = isJsonObject(result)
    ? `result ${JSON.stringify(result).slice(0, 120)}`
    : event
      ? describeMessage(event.message)
      : 'no answer';
  ctx.note(`${method} ${JSON.stringify(taskId)}: ${status ?? (code !== null ? `error ${code}` : other)}`);
  return { req, event, status, code };
}

/** How long to wait between two tasks/get polls: the task's pollInterval, within [settle, prompt / 4]. */
export function pollEvery(ctx: RuleContext, task: JsonObject | null): number {
  // 2025-11-25 names it pollInterval, the extension pollIntervalMs.
  const given = task?.pollInterval ?? task?.pollIntervalMs;
  const suggested = typeof given === 'number' ? given : 4 * ctx.budgets.settle;
  return Math.min(Math.max(suggested, ctx.budgets.settle), ctx.budgets.prompt / 4);
}

/**
 * Polls tasks/get until `done` says so or `limitMs` passed; between polls it waits for a
 * notifications/tasks/status of the task (a cause), at most one poll interval.
 */
export async function pollTask(
  ctx: RuleContext,
  call: TaskCall,
  done: (a: TaskAnswer) => boolean,
  limitMs: number,
): Promise<TaskAnswer[]> {
  const out: TaskAnswer[] = [];
  for (;;) {
    const a = await askTask(ctx, 'tasks/get', call.taskId);
    out.push(a);
    const start = out[0]?.req.sentAt ?? a.req.sentAt;
    if (done(a) || !a.event || a.event.t - start >= limitMs) return out;
    const from = ctx.position();
    await ctx.waitFor((e) => isStatusOf(e, call.taskId), pollEvery(ctx, call.task), from);
  }
}

/** Is this a status notification for `taskId` (2025-11-25 notifications/tasks/status, the
 *  extension's notifications/tasks)? */
export function isStatusOf(e: TranscriptEvent, taskId: string): boolean {
  const method = methodOf(e.message);
  return (
    e.dir === 'server' &&
    (method === 'notifications/tasks/status' || method === 'notifications/tasks') &&
    taskIn(e.message)?.taskId === taskId
  );
}

/** One status the server gave a task, and where. */
export interface StatusSeen {
  event: TranscriptEvent;
  status: string;
  via: string;
}

/** Every status the server gave `taskId` from `fromSeq` on, in wire order. */
export function statusHistory(ctx: RuleContext, taskId: string, fromSeq: number): StatusSeen[] {
  return ctx.serverMessages(fromSeq).flatMap((e) => {
    const task = taskIn(e.message);
    if (!task || task.taskId !== taskId) return [];
    const via = methodOf(e.message) ?? ctx.methodFor(idOf(e.message)) ?? 'a response';
    return [{ event: e, status: String(task.status), via }];
  });
}

/**
 * Notes the status history of a task in the transcript, with the tasks/cancel requests for it in
 * their place and each entry's time from the first (the reader sees the history beside the cancel).
 */
export function noteHistory(ctx: RuleContext, taskId: string, fromSeq: number): StatusSeen[] {
  const h = statusHistory(ctx, taskId, fromSeq);
  const cancels = ctx.transcript
    .since(fromSeq)
    .filter(
      (e) =>
        e.dir === 'client' &&
        methodOf(e.message) === 'tasks/cancel' &&
        paramsOf(e.message)?.taskId === taskId,
    );
  const entries = [
    ...h.map((s) => ({
      event: s.event,
      text: `${s.status} (${s.via === 'tools/call' ? 'CreateTaskResult' : s.via} #${s.event.seq}`,
    })),
    ...cancels.map((e) => ({ event: e, text: `[tasks/cancel written #${e.seq}` })),
  ].sort((a, b) => a.event.seq - b.event.seq);
  const t0 = entries[0]?.event.t ?? 0;
  const shown = entries.map(
    (x) => `${x.text}, +${Math.round(x.event.t - t0)} ms${x.text.startsWith('[') ? ']' : ')'}`,
  );
  ctx.note(`status history of task ${JSON.stringify(taskId)}: ${shown.join(' → ') || 'none seen'}`);
  return h;
}

/** An inconclusive outcome when the task tool did not create a working task; else null. */
export function taskUnfit(
  ctx: RuleContext,
  call: TaskCall,
  want: 'working' | 'any' = 'working',
): Outcome | null {
  const name = taskTool(ctx)?.name;
  if (!call.answer)
    return {
      kind: 'inconclusive',
      summary: ctx.crashed()
        ? ctx.describeCrash()
        : `tools/call of ${name} as a task got no answer within ${ctx.budgets.long} ms`,
    };
  // In the extension the server decides per call: a plain result says this tool is no task tool here.
  const result = isJsonObject(call.answer.message) ? call.answer.message.result : undefined;
  if (!call.task && isExtension(ctx) && isJsonObject(result))
    return {
      kind: 'untestable',
      summary: `tools/call of ${name}, declaring the tasks extension, was answered with an ordinary result (resultType ${JSON.stringify(result.resultType ?? null)}), not a task: the server decides per call; name a tool it runs as a task with --task-tool <name> --task-args <json>`,
      evidence: [call.answer],
    };
  if (!call.task)
    return {
      kind: 'inconclusive',
      summary: `tools/call as a task did not create a task (${describeMessage(call.answer.message)}); see TASK-CREATE-RESULT`,
      evidence: [call.answer],
    };
  if (want === 'working' && call.status !== null && TERMINAL.includes(call.status))
    return {
      kind: 'inconclusive',
      summary: `the task was already ${call.status} when created; pass --task-args that make it run longer`,
      evidence: [call.answer],
    };
  return null;
}

/** The status of a task that counts as still running. */
export function running(status: string | null): boolean {
  return status === 'working' || status === 'input_required';
}
