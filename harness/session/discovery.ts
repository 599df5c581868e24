// Choosing the tools the suite calls, from what `tools/list` says. Pure functions: names,
// descriptions, annotations and input schemas in, a choice and its reason out. Tools can have side
// effects, so anything that looks destructive is never picked, and every choice says why.

import { isJsonObject, type Json, type JsonObject } from '../model/protocol.js';

export interface ToolInfo {
  name: string;
  description: string;
  inputSchema: JsonObject;
  annotations: JsonObject;
  /** The tool's `execution` (2025-11-25: `taskSupport`), when tools/list gives one. */
  execution?: JsonObject;
}

export interface SlowPick {
  name: string;
  args: JsonObject;
  /** The user's short run (--short-args): checked by the probe, never replaced; null: the probe
   *  derives candidates (shortCandidates). */
  userShortArgs: JsonObject | null;
  /** The parameter the suite may raise when its own long run proves too fast; null for the user's
   *  arguments, which are used exactly as given. */
  scaleKey: string | null;
  reason: string;
}

export interface RequestPick {
  name: string;
  args: JsonObject;
  reason: string;
}

/** Reads the `tools` array of a tools/list result into ToolInfo, skipping malformed entries. */
export function readTools(result: Json | undefined): ToolInfo[] {
  if (!isJsonObject(result) || !Array.isArray(result.tools)) return [];
  return result.tools.filter(isJsonObject).flatMap((t) =>
    typeof t.name === 'string'
      ? [
          {
            name: t.name,
            description: typeof t.description === 'string' ? t.description : '',
            inputSchema: isJsonObject(t.inputSchema) ? t.inputSchema : {},
            annotations: isJsonObject(t.annotations) ? t.annotations : {},
            ...(isJsonObject(t.execution) ? { execution: t.execution } : {}),
          },
        ]
      : [],
  );
}

const DESTRUCTIVE =
  /\b(delete|remove|drop|destroy|kill|erase|purge|wipe|truncate|write|overwrite|send|email|post|publish|pay|charge|transfer|deploy|exec|shell|command|install|uninstall|reboot|shutdown|format|move|rename|update|create|insert|commit|push|merge)\b/i;
const SLOW_WORDS =
  /(slow|long|sleep|wait|delay|countdown|count|progress|timer|duration|steps|loop|tick|lengthy|takes? (a )?(while|time))/i;
/** Strongly destructive verbs, also looked for in descriptions (names use the wider list above). */
const DESTRUCTIVE_DESCRIPTION =
  /\b(delete|deletes|remove|removes|drop|drops|destroy|destroys|erase|erases|purge|wipe|wipes|truncate|overwrite|overwrites|deploy|uninstall|reboot|shutdown|pay|charge|transfer)\b/i;
const REQUEST_NAME_WORDS = /(sampl|elicit|roots|ask[_ -]?(the[_ -])?(model|llm|user|client)|llm)/i;
const REQUEST_DESCRIPTION_WORDS = /(sampling|elicit|roots\/list|createMessage|asks? the (user|client))/i;

/** Words split out of snake_case, camelCase and kebab-case names. */
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ');
}

type ParamRole = 'seconds' | 'millis' | 'intervalSeconds' | 'intervalMillis' | 'count' | 'other';

/** What a numeric parameter probably means, from its name and description. */
export function paramRole(key: string, schema: JsonObject): ParamRole {
  const name = words(key).toLowerCase();
  const text = `${name} ${typeof schema.description === 'string' ? schema.description : ''}`.toLowerCase();
  const TIME = /\b(duration|seconds?|secs?|delay|sleep|wait|time|timeout|ms|millis|milliseconds?)\b/;
  // The name speaks first: "steps" described as "steps of 100 ms each" is still a count.
  if (COUNT_WORDS.test(name) && !TIME.test(name)) return 'count';
  const ms = /\bms\b|millis|milli ?second/.test(text);
  // A time named after a unit of work ("stepMs", "delay_per_item", "tick_seconds") lasts one unit.
  const perUnit = PER_UNIT.test(name) && TIME.test(name);
  const interval = perUnit || /interval|per step|each step|tick|between|period|every/.test(text);
  if (/\b(duration|seconds?|secs?|delay|sleep|wait|time|timeout)\b/.test(text) || ms) {
    if (interval) return ms ? 'intervalMillis' : 'intervalSeconds';
    return ms ? 'millis' : 'seconds';
  }
  if (COUNT_WORDS.test(text)) return 'count';
  return 'other';
}

const COUNT_WORDS = /\b(steps?|count|iterations?|times|loops?|ticks?|n|number|rounds?|repeat)\b/;
const PER_UNIT = /\b(steps?|ticks?|iterations?|items?|pages?|rounds?|loops?|per|each)\b/;

function clamp(schema: JsonObject, value: number): number {
  let v = value;
  if (typeof schema.maximum === 'number') v = Math.min(v, schema.maximum);
  if (typeof schema.minimum === 'number') v = Math.max(v, schema.minimum);
  // An integer parameter never rounds down to 0 (an interval of 0 s would make a busy loop).
  return schema.type === 'integer'
    ? Math.max(Math.round(v), typeof schema.minimum === 'number' ? schema.minimum : 1)
    : v;
}

/** A harmless value for a required parameter the suite has no reason to set. */
export function placeholder(schema: JsonObject): Json {
  if ('default' in schema && schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] ?? null;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return 'mcp-cancel-conformance probe';
  }
}

function properties(tool: ToolInfo): [string, JsonObject][] {
  const props = tool.inputSchema.properties;
  return isJsonObject(props)
    ? Object.entries(props).flatMap(([k, v]) => (isJsonObject(v) ? [[k, v]] : []))
    : [];
}

function required(tool: ToolInfo): Set<string> {
  const r = tool.inputSchema.required;
  return new Set(Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []);
}

function looksDestructive(tool: ToolInfo): boolean {
  if (tool.annotations.destructiveHint === true && tool.annotations.readOnlyHint !== true) return true;
  return DESTRUCTIVE.test(words(tool.name)) || DESTRUCTIVE_DESCRIPTION.test(tool.description);
}

/** Sizes the arguments of a slow tool for a long run (about a minute, if the guess of roles is right:
 *  the probe checks that the run really lasts, so a wrong guess costs a note, never a verdict). */
export function sizeSlowArgs(tool: ToolInfo): {
  args: JsonObject;
  scaleKey: string | null;
} {
  const req = required(tool);
  const props = properties(tool);
  const numeric = props.filter(([, s]) => s.type === 'integer' || s.type === 'number');
  const roles = new Map(numeric.map(([k, s]) => [k, paramRole(k, s)] as const));
  const total = numeric.find(([k]) => roles.get(k) === 'seconds' || roles.get(k) === 'millis');
  const count = numeric.find(([k]) => roles.get(k) === 'count');
  const args: JsonObject = {};
  for (const [k, s] of props) {
    if (req.has(k)) args[k] = placeholder(s);
  }
  let scaleKey: string | null = null;
  if (total) {
    const [k, s] = total;
    args[k] = clamp(s, roles.get(k) === 'millis' ? 60_000 : 60);
    scaleKey = k;
    if (count) args[count[0]] = clamp(count[1], 300);
  } else if (count) {
    const [k, s] = count;
    args[k] = clamp(s, 600);
    scaleKey = k;
  }
  for (const [k, s] of numeric) {
    const role = roles.get(k);
    // A required time per unit of work is kept short, so the count sets the length (one the schema
    // does not require keeps the server's own default).
    if (req.has(k) && (role === 'intervalMillis' || role === 'intervalSeconds')) {
      args[k] = clamp(s, role === 'intervalMillis' ? 100 : 0.1);
    }
  }
  return { args, scaleKey };
}

/** A small value for a numeric parameter: `tiny` for the shortest run its role suggests, else a modest one. */
function smallValue(role: ParamRole, s: JsonObject, current: number, tiny: boolean): number {
  const integer = s.type === 'integer';
  let v: number;
  switch (role) {
    case 'count':
      v = tiny ? 1 : 2;
      break;
    case 'seconds':
      v = tiny ? (integer ? 1 : 0.2) : 1;
      break;
    case 'millis':
      v = tiny ? 100 : 500;
      break;
    case 'intervalMillis':
      v = Math.min(current, tiny ? 20 : 100);
      break;
    case 'intervalSeconds':
      v = Math.min(current, tiny && !integer ? 0.02 : integer ? 1 : 0.1);
      break;
    default:
      v = integer ? 1 : current / 100;
  }
  if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum)
    v = integer ? Math.floor(s.exclusiveMinimum) + 1 : s.exclusiveMinimum + Math.abs(current) / 1000 || 0.001;
  return clamp(s, v);
}

/**
 * Arguments to try for a run of the slow tool that completes quickly, derived from the long run's
 * arguments (the user's, or the suite's). Each is a guess: the probe runs them and keeps only one it
 * saw complete (probe.ts), so a parameter read wrongly costs a candidate, never a verdict. Tried
 * together: every duration-like parameter made small, then tiny, then each numeric parameter alone.
 */
export function shortCandidates(tool: ToolInfo | undefined, long: JsonObject): JsonObject[] {
  const schemas = new Map(tool ? properties(tool) : []);
  const numeric = Object.entries(long).flatMap(([k, v]) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0
      ? [{ k, v, s: schemas.get(k) ?? { type: Number.isInteger(v) ? 'integer' : 'number' } }]
      : [],
  );
  const roles = new Map(numeric.map(({ k, s }) => [k, paramRole(k, s)] as const));
  const timed = numeric.filter(({ k }) => roles.get(k) !== 'other');
  const out: JsonObject[] = [];
  const add = (c: JsonObject) => {
    const key = JSON.stringify(c);
    if (key !== JSON.stringify(long) && !out.some((o) => JSON.stringify(o) === key)) out.push(c);
  };
  for (const tiny of [false, true]) {
    const c: JsonObject = { ...long };
    for (const { k, v, s } of timed) c[k] = smallValue(roles.get(k) ?? 'other', s, v, tiny);
    add(c);
  }
  for (const { k, v, s } of numeric) add({ ...long, [k]: smallValue(roles.get(k) ?? 'other', s, v, true) });
  return out.slice(0, 6);
}

/** Picks the tool to cancel mid-flight, or explains why none qualifies. */
export function chooseSlowTool(tools: ToolInfo[]): SlowPick | { none: string } {
  let best: { tool: ToolInfo; score: number; why: string[] } | null = null;
  for (const tool of tools) {
    if (looksDestructive(tool)) continue;
    const why: string[] = [];
    let score = 0;
    const nameHit = SLOW_WORDS.exec(words(tool.name));
    if (nameHit) {
      score += 3;
      why.push(`its name "${tool.name}" says "${nameHit[0]}"`);
    }
    const descHit = SLOW_WORDS.exec(tool.description);
    if (descHit) {
      score += 2;
      why.push(`its description mentions "${descHit[0]}"`);
    }
    const sized = sizeSlowArgs(tool);
    if (sized.scaleKey) {
      score += 3;
      why.push(`its parameter "${sized.scaleKey}" sets how long it runs`);
    }
    if (/progress/i.test(tool.description)) score += 1;
    if (tool.annotations.readOnlyHint === true) score += 1;
    if (score >= 5 && (!best || score > best.score)) best = { tool, score, why };
  }
  if (!best) {
    return {
      none: `none of the ${tools.length} tools looks slow and harmless by name, description and input schema; name one with --slow-tool <name> --slow-args <json>`,
    };
  }
  const sized = sizeSlowArgs(best.tool);
  return {
    name: best.tool.name,
    args: sized.args,
    userShortArgs: null,
    scaleKey: sized.scaleKey,
    reason: `picked because ${best.why.join(', ')}`,
  };
}

/** Picks a tool that makes the server send a request to the client (sampling, elicitation, roots). */
export function chooseRequestTool(tools: ToolInfo[]): RequestPick | { none: string } {
  for (const tool of tools) {
    if (looksDestructive(tool)) continue;
    const hit = REQUEST_NAME_WORDS.exec(words(tool.name)) ?? REQUEST_DESCRIPTION_WORDS.exec(tool.description);
    if (!hit) continue;
    const args: JsonObject = {};
    for (const [k, s] of properties(tool)) {
      if (required(tool).has(k))
        args[k] = s.type === 'string' || s.type === undefined ? 'Reply with one word.' : placeholder(s);
    }
    return { name: tool.name, args, reason: `picked because its name or description mentions "${hit[0]}"` };
  }
  return {
    none: 'no tool looks like it sends a request to the client (sampling, elicitation, roots); name one with --request-tool <name> --request-args <json>',
  };
}

/** A user-named slow tool: the user's arguments are used exactly as given (never scaled); without
 *  them the suite sizes its own; a user's short run (--short-args) is taken as the only candidate. */
export function userSlowPick(
  tool: ToolInfo | undefined,
  name: string,
  userArgs: JsonObject | null,
  userShortArgs: JsonObject | null = null,
): SlowPick {
  const sized = tool && !userArgs ? sizeSlowArgs(tool) : { args: userArgs ?? {}, scaleKey: null };
  return {
    name,
    args: sized.args,
    userShortArgs,
    scaleKey: sized.scaleKey,
    reason: userArgs
      ? 'named with --slow-tool and --slow-args'
      : 'named with --slow-tool; arguments sized by the suite',
  };
}

/** What a server declared of tasks in its initialize result (2025-11-25 `capabilities.tasks`). */
export function declaredTasks(capabilities: JsonObject): {
  declared: boolean;
  toolsCall: boolean;
  cancel: boolean;
} {
  const tasks = capabilities.tasks;
  if (!isJsonObject(tasks)) return { declared: false, toolsCall: false, cancel: false };
  const requests = isJsonObject(tasks.requests) ? tasks.requests : {};
  const tools = isJsonObject(requests.tools) ? requests.tools : {};
  return { declared: true, toolsCall: isJsonObject(tools.call), cancel: isJsonObject(tasks.cancel) };
}

/** A tool's `execution.taskSupport` ("forbidden" when absent, as the schema says). */
export function taskSupportOf(tool: ToolInfo | undefined): string {
  const v = tool?.execution?.taskSupport;
  return typeof v === 'string' ? v : 'forbidden';
}

export interface TaskPick {
  name: string;
  args: JsonObject;
  shortArgs: JsonObject | null;
  taskSupport: string;
  reason: string;
}

/**
 * Picks the tool the task rules call as a task: the user's (--task-tool, --task-args), else the slow
 * tool when tools/list says it supports tasks ("optional" or "required"; its proven long and short
 * runs are reused), else the slowest-looking of the task-capable tools. Only metadata is read: the
 * rules check on the wire that a call really creates a task, and say so when it does not.
 */
export function chooseTaskTool(
  tools: ToolInfo[],
  user: { name: string; args: JsonObject | null } | null,
  slow: { name: string; args: JsonObject; shortArgs: JsonObject | null } | null,
): TaskPick | { none: string } {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const sameAsSlow = (name: string) => slow !== null && slow.name === name;
  if (user) {
    const tool = byName.get(user.name);
    const args =
      user.args ?? (sameAsSlow(user.name) ? slow?.args : undefined) ?? (tool ? sizeSlowArgs(tool).args : {});
    return {
      name: user.name,
      args,
      shortArgs: sameAsSlow(user.name) ? (slow?.shortArgs ?? null) : null,
      taskSupport: taskSupportOf(tool),
      reason: user.args ? 'named with --task-tool and --task-args' : 'named with --task-tool',
    };
  }
  const capable = tools.filter((t) => ['optional', 'required'].includes(taskSupportOf(t)));
  if (slow && capable.some((t) => t.name === slow.name)) {
    const tool = byName.get(slow.name);
    return {
      name: slow.name,
      args: slow.args,
      shortArgs: slow.shortArgs,
      taskSupport: taskSupportOf(tool),
      reason: `the slow tool, whose execution.taskSupport is "${taskSupportOf(tool)}"`,
    };
  }
  const chosen = chooseSlowTool(capable);
  if ('none' in chosen)
    return {
      none:
        capable.length === 0
          ? 'no tool of tools/list has execution.taskSupport "optional" or "required"; name one with --task-tool <name> --task-args <json>'
          : `none of the ${capable.length} task-capable tools looks slow and harmless; name one with --task-tool <name> --task-args <json>`,
    };
  const tool = byName.get(chosen.name);
  return {
    name: chosen.name,
    args: chosen.args,
    shortArgs: null,
    taskSupport: taskSupportOf(tool),
    reason: `${chosen.reason}; its execution.taskSupport is "${taskSupportOf(tool)}"`,
  };
}

/** The tasks extension's identifier, as a server declares it and a client asks for it (2026-07-28). */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** Whether a server/discover result's capabilities declare the tasks extension ("an empty object
 *  indicates support"). */
export function declaresTaskExtension(capabilities: JsonObject | null): boolean {
  const extensions = capabilities?.extensions;
  return isJsonObject(extensions) && isJsonObject(extensions[TASKS_EXTENSION]);
}

/**
 * Picks the tool the TASKX rules call as a task at 2026-07-28: the user's (--task-tool), else the
 * slow tool. The extension has no per-tool task marker (the server decides per call whether a
 * tools/call becomes a task), so nothing else can be chosen from metadata; the rules check on the
 * wire that the call made a task and say which flag to use when it did not.
 */
export function chooseExtensionTaskTool(
  tools: ToolInfo[],
  user: { name: string; args: JsonObject | null } | null,
  slow: { name: string; args: JsonObject; shortArgs: JsonObject | null } | null,
): TaskPick | { none: string } {
  const perCall = 'the server decides per call whether a tools/call becomes a task (no per-tool marker)';
  if (user) {
    const pick = chooseTaskTool(tools, user, slow);
    return 'none' in pick ? pick : { ...pick, taskSupport: perCall };
  }
  if (!slow)
    return {
      none: `${perCall} and no slow tool was found to try; name one with --task-tool <name> --task-args <json>`,
    };
  return {
    name: slow.name,
    args: slow.args,
    shortArgs: slow.shortArgs,
    taskSupport: perCall,
    reason: `the slow tool; ${perCall}`,
  };
}
