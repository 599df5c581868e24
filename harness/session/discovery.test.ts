// Discovery heuristics: which tool the suite dares to call, with which arguments, and why. Realistic
// tools/list results from our fixtures, FastMCP and the reference server-everything.

import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../model/protocol.js';
import {
  chooseExtensionTaskTool,
  chooseRequestTool,
  chooseSlowTool,
  chooseTaskTool,
  declaredTasks,
  declaresTaskExtension,
  paramRole,
  placeholder,
  readTools,
  shortCandidates,
  sizeSlowArgs,
  userSlowPick,
  type RequestPick,
  type SlowPick,
  type ToolInfo,
} from './discovery.js';

function tool(
  name: string,
  description: string,
  inputSchema: JsonObject = {},
  annotations: JsonObject = {},
): ToolInfo {
  return { name, description, inputSchema: { type: 'object', ...inputSchema }, annotations };
}

/** Our fixture servers' tools/list (fixtures/lib/tool-specs.ts), as they advertise it. */
const FIXTURE_TOOLS: Json = {
  tools: [
    {
      name: 'slow_count',
      description:
        'Counts from 1 to `steps`, one step every `interval_ms` milliseconds. Sends a progress notification ' +
        'after each step when the caller supplies a progress token, and stops as soon as the request is cancelled.',
      inputSchema: {
        type: 'object',
        properties: {
          steps: { type: 'integer', minimum: 1, description: 'how many steps to count' },
          interval_ms: { type: 'integer', minimum: 1, default: 100, description: 'milliseconds per step' },
        },
        required: ['steps'],
      },
    },
    {
      name: 'echo',
      description: 'Returns the given text unchanged, at once.',
      inputSchema: {
        type: 'object',
        properties: { text: { type: 'string', description: 'the text to return' } },
        required: ['text'],
      },
    },
    {
      name: 'ask_model',
      description:
        "Asks the client's language model a question through sampling (sampling/createMessage) and returns its answer.",
      inputSchema: {
        type: 'object',
        properties: { prompt: { type: 'string', description: 'the question for the model' } },
        required: ['prompt'],
      },
    },
  ],
};

/** A FastMCP (Python) server: schemas come from type hints, with titles and no descriptions. */
const FASTMCP_TOOLS: Json = {
  tools: [
    {
      name: 'add',
      description: 'Add two numbers',
      inputSchema: {
        type: 'object',
        title: 'addArguments',
        properties: { a: { title: 'A', type: 'integer' }, b: { title: 'B', type: 'integer' } },
        required: ['a', 'b'],
      },
    },
    {
      name: 'long_execution',
      description: 'Run a long task, reporting progress after each item.',
      inputSchema: {
        type: 'object',
        title: 'long_executionArguments',
        properties: { count: { title: 'Count', type: 'integer' } },
        required: ['count'],
      },
    },
    {
      name: 'get_weather',
      description: 'Get the weather for a city',
      inputSchema: {
        type: 'object',
        properties: { city: { title: 'City', type: 'string' } },
        required: ['city'],
      },
    },
  ],
};

/** The reference server-everything (TypeScript, zod-generated schemas). */
const EVERYTHING_TOOLS: Json = {
  tools: [
    {
      name: 'echo',
      description: 'Echoes back the input',
      inputSchema: {
        type: 'object',
        properties: { message: { type: 'string', description: 'Message to echo' } },
        required: ['message'],
      },
    },
    {
      name: 'add',
      description: 'Adds two numbers',
      inputSchema: {
        type: 'object',
        properties: {
          a: { type: 'number', description: 'First number' },
          b: { type: 'number', description: 'Second number' },
        },
        required: ['a', 'b'],
      },
    },
    {
      name: 'printEnv',
      description: 'Prints all environment variables, helpful for debugging MCP server configuration',
      inputSchema: { type: 'object', properties: {} },
    },
    {
      name: 'longRunningOperation',
      description: 'Demonstrates a long running operation with progress updates',
      inputSchema: {
        type: 'object',
        properties: {
          duration: { type: 'number', default: 10, description: 'Duration of the operation in seconds' },
          steps: { type: 'number', default: 5, description: 'Number of steps in the operation' },
        },
      },
    },
    {
      name: 'sampleLLM',
      description: "Samples from an LLM using MCP's sampling feature",
      inputSchema: {
        type: 'object',
        properties: {
          prompt: { type: 'string', description: 'The prompt to send to the LLM' },
          maxTokens: { type: 'number', default: 100, description: 'Maximum number of tokens to generate' },
        },
        required: ['prompt'],
      },
    },
    {
      name: 'getTinyImage',
      description: 'Returns the MCP_TINY_IMAGE',
      inputSchema: { type: 'object', properties: {} },
    },
    {
      name: 'startElicitation',
      description: 'Demonstrates the Elicitation feature by asking the user to provide information.',
      inputSchema: { type: 'object', properties: {} },
    },
  ],
};

/** The tools each pick was chosen from, so a test can ask for its short candidates. */
const pickedFrom = new WeakMap<SlowPick, ToolInfo[]>();

function slow(tools: ToolInfo[]): SlowPick {
  const pick = chooseSlowTool(tools);
  if ('none' in pick) throw new Error(`expected a slow tool, got none: ${pick.none}`);
  pickedFrom.set(pick, tools);
  return pick;
}

/** The first short run the probe would try for a pick of slow() (every duration-like parameter small). */
function shortOf(pick: SlowPick): JsonObject | undefined {
  const tools = pickedFrom.get(pick) ?? [];
  return shortCandidates(
    tools.find((t) => t.name === pick.name),
    pick.args,
  )[0];
}

function request(tools: ToolInfo[]): RequestPick {
  const pick = chooseRequestTool(tools);
  if ('none' in pick) throw new Error(`expected a request tool, got none: ${pick.none}`);
  return pick;
}

describe('readTools', () => {
  it('reads a tools/list result, filling in what is missing and skipping malformed entries', () => {
    const tools = readTools({
      tools: [
        { name: 'a' },
        { name: 'b', description: 'd', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
        { description: 'no name' },
        { name: 7 },
        'not an object',
        null,
        { name: 'c', description: 3, inputSchema: [], annotations: 'x' },
      ],
    });
    expect(tools).toEqual([
      { name: 'a', description: '', inputSchema: {}, annotations: {} },
      { name: 'b', description: 'd', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
      { name: 'c', description: '', inputSchema: {}, annotations: {} },
    ]);
  });

  it('returns no tools for results that are not a tools/list result', () => {
    expect(readTools(undefined)).toEqual([]);
    expect(readTools(null)).toEqual([]);
    expect(readTools({})).toEqual([]);
    expect(readTools({ tools: 'x' })).toEqual([]);
    expect(readTools([])).toEqual([]);
  });
});

describe('chooseSlowTool on realistic servers', () => {
  it("picks our fixture's slow_count and sizes it by steps: ~1 minute long, well under a second short", () => {
    const pick = slow(readTools(FIXTURE_TOOLS));
    expect(pick.name).toBe('slow_count');
    expect(pick.scaleKey).toBe('steps');
    expect(pick.args).toEqual({ steps: 600 });
    expect(shortOf(pick)).toEqual({ steps: 2 });
    // interval_ms is left at its advertised default (100 ms per step).
    const longMs = Number(pick.args.steps) * 100;
    const shortMs = Number(shortOf(pick)?.steps) * 100;
    expect(longMs).toBeGreaterThanOrEqual(30_000);
    expect(longMs).toBeLessThanOrEqual(120_000);
    expect(shortMs).toBeLessThanOrEqual(2_000);
    expect(pick.reason).toContain('slow_count');
    expect(pick.reason).toContain('"steps"');
  });

  it('picks a FastMCP-style long_execution(count) and scales its count', () => {
    const pick = slow(readTools(FASTMCP_TOOLS));
    expect(pick.name).toBe('long_execution');
    expect(pick.scaleKey).toBe('count');
    expect(pick.args).toEqual({ count: 600 });
    expect(shortOf(pick)).toEqual({ count: 2 });
    expect(pick.reason).toContain('long');
  });

  it('picks server-everything longRunningOperation: duration in seconds ~60 long, ~1 short, steps along', () => {
    const pick = slow(readTools(EVERYTHING_TOOLS));
    expect(pick.name).toBe('longRunningOperation');
    expect(pick.scaleKey).toBe('duration');
    expect(pick.args.duration).toBe(60);
    const short = shortOf(pick);
    expect(short?.duration).toBe(1);
    // Steps go along so that progress comes often enough to prove "in flight" quickly.
    expect(Number(pick.args.steps)).toBeGreaterThan(5);
    expect(Number(pick.args.duration) / Number(pick.args.steps)).toBeLessThanOrEqual(1);
    expect(Number(short?.steps)).toBeGreaterThanOrEqual(1);
    expect(pick.reason).toMatch(/"duration"/);
  });

  it('does not depend on the order of the tools', () => {
    const tools = readTools(EVERYTHING_TOOLS);
    expect(slow([...tools].reverse()).name).toBe('longRunningOperation');
    const fixture = readTools(FIXTURE_TOOLS);
    expect(slow([...fixture].reverse()).name).toBe('slow_count');
  });

  it('sizes a duration in milliseconds to ~60 000 long and ~1 000 short', () => {
    const pick = slow([
      tool('sleep', 'Sleeps for the given time.', {
        properties: { duration_ms: { type: 'integer', description: 'how long to sleep, in milliseconds' } },
        required: ['duration_ms'],
      }),
    ]);
    expect(pick.args).toEqual({ duration_ms: 60_000 });
    expect(shortOf(pick)).toEqual({ duration_ms: 500 });
  });

  it('respects the schema bounds of the duration parameter', () => {
    const pick = slow([
      tool('wait_for', 'Waits a number of seconds.', {
        properties: { seconds: { type: 'integer', minimum: 2, maximum: 30 } },
        required: ['seconds'],
      }),
    ]);
    expect(pick.args).toEqual({ seconds: 30 });
    expect(shortOf(pick)).toEqual({ seconds: 2 });
  });

  it('fills the other required parameters with harmless placeholders', () => {
    const pick = slow([
      tool('slow_search', 'Searches slowly, reporting progress.', {
        properties: {
          query: { type: 'string' },
          mode: { type: 'string', enum: ['fast', 'thorough'] },
          steps: { type: 'integer' },
          verbose: { type: 'boolean' },
          optional: { type: 'string' },
        },
        required: ['query', 'mode', 'steps', 'verbose'],
      }),
    ]);
    expect(pick.args).toEqual({
      query: 'mcp-cancel-conformance probe',
      mode: 'fast',
      steps: 600,
      verbose: false,
    });
    expect(shortOf(pick)).toEqual({ ...pick.args, steps: 2 });
    expect(pick.args).not.toHaveProperty('optional');
  });

  it('sets a required interval to a brisk pace so that progress comes early', () => {
    const pick = slow([
      tool('ticker', 'Ticks with progress.', {
        properties: {
          ticks: { type: 'integer', description: 'number of ticks' },
          interval_ms: { type: 'integer', description: 'milliseconds between ticks' },
        },
        required: ['ticks', 'interval_ms'],
      }),
    ]);
    expect(pick.args).toEqual({ ticks: 600, interval_ms: 100 });
    expect(shortOf(pick)).toEqual({ ticks: 2, interval_ms: 100 });
  });

  it('prefers the better evidence: a slow name with a scaling parameter beats a description that only says "wait"', () => {
    const pick = slow([
      tool('status', 'Returns the status; may wait for the lock.', {
        properties: { id: { type: 'string' } },
        required: ['id'],
      }),
      tool('countdown', 'Counts down with progress.', { properties: { seconds: { type: 'integer' } } }),
    ]);
    expect(pick.name).toBe('countdown');
  });

  it('a read-only annotation counts in favour of a tool', () => {
    const pick = slow([
      tool('slow_a', 'Slow.', { properties: { steps: { type: 'integer' } } }),
      tool('slow_b', 'Slow.', { properties: { steps: { type: 'integer' } } }, { readOnlyHint: true }),
    ]);
    expect(pick.name).toBe('slow_b');
  });
});

describe('chooseSlowTool never picks a destructive-looking tool', () => {
  const slowSchema: JsonObject = { properties: { seconds: { type: 'integer' } }, required: ['seconds'] };

  it.each([
    'slow_delete',
    'delete_slowly',
    'deleteAllSlowly',
    'write_file_slowly',
    'send_delayed_email',
    'sendSlowMessage',
    'remove-long-running',
    'drop_tables_with_progress',
    'wait_then_deploy',
    'exec_long_command',
    'long_shell',
    'purge_cache_slowly',
    'transfer_funds_with_delay',
    'slow_update',
    'create_long_report',
    'push_slowly',
  ])('%s', (name) => {
    const pick = chooseSlowTool([
      tool(name, 'A slow operation that takes a while, with progress.', slowSchema),
    ]);
    expect(pick).toHaveProperty('none');
  });

  it('a tool annotated destructiveHint: true', () => {
    const pick = chooseSlowTool([
      tool('long_task', 'A long task with progress.', slowSchema, { destructiveHint: true }),
    ]);
    expect(pick).toHaveProperty('none');
  });

  it('picks the harmless slow tool among destructive ones', () => {
    const pick = slow([
      tool('slow_delete', 'Deletes slowly.', slowSchema),
      tool('long_task', 'A long task with progress.', slowSchema, { destructiveHint: true }),
      tool('countdown', 'Counts down.', slowSchema, { destructiveHint: false, readOnlyHint: true }),
      tool('sendLongEmail', 'Takes a while.', slowSchema),
    ]);
    expect(pick.name).toBe('countdown');
  });

  it('does not mistake words that merely contain a destructive word for it', () => {
    // "execution" is not "exec", "countdown" is not "count down"-and-delete.
    expect(
      slow([tool('long_execution', 'Long task.', { properties: { count: { type: 'integer' } } })]).name,
    ).toBe('long_execution');
  });
});

describe('chooseSlowTool when nothing fits', () => {
  it('returns a helpful "none" for a server without a slow tool', () => {
    const pick = chooseSlowTool([
      tool('echo', 'Echoes back the input', { properties: { message: { type: 'string' } } }),
      tool('add', 'Adds two numbers', { properties: { a: { type: 'number' }, b: { type: 'number' } } }),
      tool('get_weather', 'Get the weather for a city', { properties: { city: { type: 'string' } } }),
    ]);
    expect(pick).toEqual({ none: expect.any(String) });
    if (!('none' in pick)) return;
    expect(pick.none).toContain('3 tools');
    expect(pick.none).toContain('--slow-tool <name>');
    expect(pick.none).toContain('--slow-args <json>');
  });

  it('returns "none" for an empty tool list', () => {
    const pick = chooseSlowTool([]);
    expect(pick).toHaveProperty('none');
    if ('none' in pick) expect(pick.none).toContain('0 tools');
  });

  it('returns "none" when the only slow tools are destructive', () => {
    const pick = chooseSlowTool([
      tool('slow_delete', 'Deletes slowly with progress.', { properties: { steps: { type: 'integer' } } }),
    ]);
    expect(pick).toHaveProperty('none');
  });

  it('a single weak hint is not enough (a numeric count on an unrelated tool)', () => {
    const pick = chooseSlowTool([
      tool('get_items', 'Returns items from the catalogue.', { properties: { count: { type: 'integer' } } }),
    ]);
    expect(pick).toHaveProperty('none');
  });
});

describe('chooseRequestTool', () => {
  it("finds our fixture's ask_model and gives its prompt a harmless question", () => {
    const pick = request(readTools(FIXTURE_TOOLS));
    expect(pick.name).toBe('ask_model');
    expect(pick.args).toEqual({ prompt: 'Reply with one word.' });
    expect(pick.reason).toMatch(/mentions/);
  });

  it('finds server-everything sampleLLM, leaving optional parameters out', () => {
    const pick = request(readTools(EVERYTHING_TOOLS));
    expect(pick.name).toBe('sampleLLM');
    expect(pick.args).toEqual({ prompt: 'Reply with one word.' });
  });

  it('finds elicitation and roots tools', () => {
    expect(request([tool('startElicitation', 'Asks the user for information.')]).name).toBe(
      'startElicitation',
    );
    expect(request([tool('get_roots', "Lists the client's roots.")]).name).toBe('get_roots');
    expect(request([tool('ask_user', 'Asks the user a question.')]).name).toBe('ask_user');
  });

  it('fills non-string required parameters with placeholders', () => {
    const pick = request([
      tool('sample', 'Uses sampling.', {
        properties: { prompt: { type: 'string' }, maxTokens: { type: 'integer', minimum: 10 } },
        required: ['prompt', 'maxTokens'],
      }),
    ]);
    expect(pick.args).toEqual({ prompt: 'Reply with one word.', maxTokens: 10 });
  });

  it('never picks a destructive-looking request tool', () => {
    const pick = chooseRequestTool([
      tool('send_sampling_request', 'Sends a sampling request.'),
      tool('ask_model_and_delete', 'Asks the model.'),
      tool('elicit', 'Elicits input.', {}, { destructiveHint: true }),
    ]);
    expect(pick).toHaveProperty('none');
  });

  it('returns a helpful "none" when no tool sends a request to the client', () => {
    const pick = chooseRequestTool(readTools(FASTMCP_TOOLS));
    expect(pick).toEqual({ none: expect.any(String) });
    if ('none' in pick) {
      expect(pick.none).toContain('--request-tool <name>');
      expect(pick.none).toMatch(/sampling/);
    }
  });
});

describe('paramRole', () => {
  it.each<[string, JsonObject, ReturnType<typeof paramRole>]>([
    ['duration', { description: 'Duration of the operation in seconds' }, 'seconds'],
    ['seconds', {}, 'seconds'],
    ['sleep_seconds', {}, 'seconds'],
    ['delay', {}, 'seconds'],
    ['timeout', {}, 'seconds'],
    ['wait', { description: 'how long to wait' }, 'seconds'],
    ['duration_ms', {}, 'millis'],
    ['durationMs', {}, 'millis'],
    ['delayMs', {}, 'millis'],
    ['sleep', { description: 'milliseconds to sleep' }, 'millis'],
    ['time', { description: 'in ms' }, 'millis'],
    ['interval_ms', {}, 'intervalMillis'],
    ['intervalMs', {}, 'intervalMillis'],
    ['interval_ms', { description: 'milliseconds per step' }, 'intervalMillis'],
    ['interval', { description: 'seconds between ticks' }, 'intervalSeconds'],
    ['tick_seconds', {}, 'intervalSeconds'],
    // A time named after a unit of work lasts one unit, with or without a description.
    ['stepMs', {}, 'intervalMillis'],
    ['step_ms', {}, 'intervalMillis'],
    ['delay_per_item', {}, 'intervalSeconds'],
    ['page_delay_ms', {}, 'intervalMillis'],
    ['steps', {}, 'count'],
    ['count', {}, 'count'],
    ['n', {}, 'count'],
    ['iterations', {}, 'count'],
    ['rounds', {}, 'count'],
    ['steps', { description: 'Number of steps in the operation' }, 'count'],
    ['x', { description: 'number of loops' }, 'count'],
    // The name speaks first: time words in a count's description do not make it a duration.
    ['steps', { description: 'how many steps to run, 100 ms each; progress after each step' }, 'count'],
    ['count', { description: 'how many times to wait one second' }, 'count'],
    ['query', {}, 'other'],
    ['limit', {}, 'other'],
    ['city', { description: 'the city' }, 'other'],
    ['timestamp', {}, 'other'],
  ])('%s %j → %s', (key, schema, role) => {
    expect(paramRole(key, schema)).toBe(role);
  });
});

describe('placeholder', () => {
  it('uses the default, then the first enum value, then a harmless value of the type', () => {
    expect(placeholder({ type: 'integer', default: 7 })).toBe(7);
    expect(placeholder({ type: 'string', enum: ['a', 'b'] })).toBe('a');
    expect(placeholder({ type: 'integer', minimum: 3 })).toBe(3);
    expect(placeholder({ type: 'number' })).toBe(1);
    expect(placeholder({ type: 'boolean' })).toBe(false);
    expect(placeholder({ type: 'array' })).toEqual([]);
    expect(placeholder({ type: 'object' })).toEqual({});
    expect(placeholder({ type: 'string' })).toBe('mcp-cancel-conformance probe');
    expect(placeholder({})).toBe('mcp-cancel-conformance probe');
  });
});

describe('sizeSlowArgs', () => {
  it('gives no scale key and no short candidate when no parameter sets the duration', () => {
    const t = tool('slow', 'Slow.', { properties: { q: { type: 'string' } }, required: ['q'] });
    const sized = sizeSlowArgs(t);
    expect(sized).toEqual({ args: { q: 'mcp-cancel-conformance probe' }, scaleKey: null });
    expect(shortCandidates(t, sized.args)).toEqual([]);
  });

  it('sizes a bare work(steps, stepMs) by its count, each step short (no 60 s first step)', () => {
    const sized = sizeSlowArgs(
      tool('work', '', {
        properties: { steps: { type: 'integer' }, stepMs: { type: 'integer' } },
        required: ['steps', 'stepMs'],
      }),
    );
    expect(sized).toEqual({ args: { steps: 600, stepMs: 100 }, scaleKey: 'steps' });
  });

  it('keeps the server default of a per-unit time the schema does not require', () => {
    const sized = sizeSlowArgs(
      tool('crawl', '', {
        properties: { count: { type: 'integer' }, delay_per_page_ms: { type: 'integer' } },
        required: ['count'],
      }),
    );
    expect(sized).toEqual({ args: { count: 600 }, scaleKey: 'count' });
  });

  it('rounds values for integer parameters', () => {
    const sized = sizeSlowArgs(
      tool('wait', 'Waits.', { properties: { minutes_as_seconds: { type: 'integer', maximum: 7.5 } } }),
    );
    expect(sized.args.minutes_as_seconds).toBe(8);
  });
});

describe('userSlowPick', () => {
  const fixtureSlow = readTools(FIXTURE_TOOLS)[0];

  it("uses the user's arguments exactly as given: no scale key, short runs only as candidates", () => {
    const pick = userSlowPick(fixtureSlow, 'slow_count', { steps: 50, interval_ms: 20 });
    expect(pick).toEqual({
      name: 'slow_count',
      args: { steps: 50, interval_ms: 20 },
      userShortArgs: null,
      scaleKey: null,
      reason: 'named with --slow-tool and --slow-args',
    });
    // Candidates keep the user's pace and shorten the count; the probe runs them before any is used.
    expect(shortCandidates(fixtureSlow, pick.args)).toContainEqual({ steps: 2, interval_ms: 20 });
  });

  it("takes the user's short run as the only candidate", () => {
    const pick = userSlowPick(fixtureSlow, 'slow_count', { steps: 50 }, { steps: 1 });
    expect(pick).toMatchObject({ userShortArgs: { steps: 1 } });
  });

  it('sizes the arguments itself when the user gave only the name', () => {
    const pick = userSlowPick(fixtureSlow, 'slow_count', null);
    expect(pick.args).toEqual({ steps: 600 });
    expect(pick.scaleKey).toBe('steps');
    expect(pick.reason).toMatch(/arguments sized by the suite/);
  });

  it('calls a named tool the server does not list with no arguments and no short run', () => {
    const pick = userSlowPick(undefined, 'mystery', null);
    expect(pick).toMatchObject({ name: 'mystery', args: {}, userShortArgs: null, scaleKey: null });
  });

  it('uses a named destructive-looking tool when the user insists (the user decides)', () => {
    const pick = userSlowPick(tool('slow_delete', 'Deletes slowly.'), 'slow_delete', { id: 1 });
    expect(pick.name).toBe('slow_delete');
    expect(pick.args).toEqual({ id: 1 });
  });
});

describe('discovery: regressions', () => {
  const tool = (
    name: string,
    description: string,
    properties: Record<string, object>,
    required: string[],
  ) => ({
    name,
    description,
    inputSchema: { type: 'object', properties, required } as never,
    annotations: {},
  });

  it('does not read a name ending in "ms" (numItems) as milliseconds', () => {
    expect(paramRole('numItems', { type: 'integer', description: 'number of items to process' })).toBe(
      'count',
    );
    expect(paramRole('items', {})).toBe('other');
    expect(paramRole('delayMs', { type: 'integer' })).toBe('millis');
  });

  it('never picks a tool whose description says it deletes something', () => {
    const t = tool(
      'slow_task',
      'Waits a bit, then deletes the given file.',
      { seconds: { type: 'integer' }, path: { type: 'string' } },
      ['seconds', 'path'],
    );
    expect('none' in chooseSlowTool([t])).toBe(true);
  });

  it('never sizes a required integer interval down to 0', () => {
    const t = tool(
      'slow_steps',
      'Counts slowly.',
      { steps: { type: 'integer' }, interval: { type: 'integer', description: 'seconds between steps' } },
      ['steps', 'interval'],
    );
    const pick = chooseSlowTool([t]);
    expect('none' in pick ? null : pick.args.interval).toBe(1);
  });

  it('does not take a tool that merely uses an LLM for a request-making tool', () => {
    const t = tool(
      'summarize',
      'Summarizes the text with an LLM hosted elsewhere.',
      { text: { type: 'string' } },
      ['text'],
    );
    expect('none' in chooseRequestTool([t])).toBe(true);
  });
});

describe('shortCandidates: guesses the probe must still check', () => {
  const work = tool('work', 'Does the work.', {
    properties: { steps: { type: 'integer' }, stepMs: { type: 'integer' } },
    required: ['steps', 'stepMs'],
  });

  it("never lengthens the user's run: every candidate is at most as long in every parameter", () => {
    const long = { steps: 100, stepMs: 30 };
    const candidates = shortCandidates(work, long);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(Number(c.steps)).toBeLessThanOrEqual(100);
      expect(Number(c.stepMs)).toBeLessThanOrEqual(long.stepMs * 100);
    }
    // The shape that made a new user's run take 100 s (steps kept, stepMs read as a total of 1 s) is gone.
    expect(candidates).not.toContainEqual({ steps: 100, stepMs: 1000 });
    // Each numeric parameter is also shortened alone, so a wrong reading of one still leaves a short run.
    expect(candidates).toContainEqual({ steps: 1, stepMs: 30 });
  });

  it('keeps non-numeric arguments and respects schema bounds', () => {
    const t = tool('analyze', 'Analyzes.', {
      properties: { label: { type: 'string' }, seconds: { type: 'number', exclusiveMinimum: 0, maximum: 5 } },
      required: ['label', 'seconds'],
    });
    for (const c of shortCandidates(t, { label: 'x', seconds: 5 })) {
      expect(c.label).toBe('x');
      expect(Number(c.seconds)).toBeGreaterThan(0);
      expect(Number(c.seconds)).toBeLessThanOrEqual(5);
    }
  });

  it('works without a schema (a tool the server does not list) and offers at most six runs', () => {
    const candidates = shortCandidates(undefined, { a: 1000, b: 20, c: 3, d: 4, e: 5, f: 6, g: 7 });
    expect(candidates.length).toBeLessThanOrEqual(6);
    expect(candidates.length).toBeGreaterThan(0);
  });
});

describe('task discovery (2025-11-25)', () => {
  const count = {
    name: 'slow_count',
    description: 'Counts slowly, with progress.',
    inputSchema: { type: 'object', properties: { steps: { type: 'integer' } }, required: ['steps'] },
    annotations: {},
  };

  it('reads capabilities.tasks', () => {
    expect(declaredTasks({ tools: {} })).toEqual({ declared: false, toolsCall: false, cancel: false });
    expect(declaredTasks({ tasks: { cancel: {}, requests: { tools: { call: {} } } } })).toEqual({
      declared: true,
      toolsCall: true,
      cancel: true,
    });
    expect(declaredTasks({ tasks: { list: {} } })).toEqual({
      declared: true,
      toolsCall: false,
      cancel: false,
    });
  });

  it('takes the slow tool when its execution.taskSupport allows, with its proven runs', () => {
    const tools = readTools({ tools: [{ ...count, execution: { taskSupport: 'optional' } }] });
    const slow = { name: 'slow_count', args: { steps: 600 }, shortArgs: { steps: 1 } };
    expect(chooseTaskTool(tools, null, slow)).toMatchObject({
      name: 'slow_count',
      args: { steps: 600 },
      shortArgs: { steps: 1 },
      taskSupport: 'optional',
    });
  });

  it('never takes a tool whose taskSupport is absent or "forbidden"; the user may name one', () => {
    const tools = readTools({
      tools: [count, { ...count, name: 'other_count', execution: { taskSupport: 'forbidden' } }],
    });
    const picked = chooseTaskTool(tools, null, { name: 'slow_count', args: {}, shortArgs: null });
    expect(picked).toEqual({ none: expect.stringMatching(/--task-tool <name> --task-args <json>$/) });
    expect(chooseTaskTool(tools, { name: 'other_count', args: { steps: 9 } }, null)).toMatchObject({
      name: 'other_count',
      args: { steps: 9 },
      shortArgs: null,
      taskSupport: 'forbidden',
      reason: 'named with --task-tool and --task-args',
    });
  });
});

describe('task discovery: a user-named slow tool keeps its proven short run', () => {
  it('reuses the short run when --task-tool names the slow tool, with --task-args or without', () => {
    const tools = readTools({
      tools: [{ name: 'slow_count', inputSchema: {}, execution: { taskSupport: 'optional' } }],
    });
    const slow = { name: 'slow_count', args: { steps: 600 }, shortArgs: { steps: 1 } };
    expect(chooseTaskTool(tools, { name: 'slow_count', args: { steps: 300 } }, slow)).toMatchObject({
      args: { steps: 300 },
      shortArgs: { steps: 1 },
    });
    expect(chooseTaskTool(tools, { name: 'slow_count', args: null }, slow)).toMatchObject({
      args: { steps: 600 },
      shortArgs: { steps: 1 },
    });
  });
});

describe('task discovery: the tasks extension (2026-07-28)', () => {
  it('reads the declaration from server/discover capabilities.extensions', () => {
    expect(declaresTaskExtension({ extensions: { 'io.modelcontextprotocol/tasks': {} } })).toBe(true);
    expect(declaresTaskExtension({ extensions: { 'io.example/other': {} } })).toBe(false);
    expect(declaresTaskExtension({ tasks: { requests: { tools: { call: {} } } } })).toBe(false);
    expect(declaresTaskExtension(null)).toBe(false);
  });

  it('takes the user tool, else the slow tool; without either it names --task-tool', () => {
    const tools = readTools({ tools: [{ name: 'slow_count', inputSchema: {} }] });
    const slow = { name: 'slow_count', args: { steps: 600 }, shortArgs: { steps: 1 } };
    expect(chooseExtensionTaskTool(tools, null, slow)).toMatchObject({
      name: 'slow_count',
      args: { steps: 600 },
      shortArgs: { steps: 1 },
      taskSupport: expect.stringMatching(/decides per call/),
    });
    expect(chooseExtensionTaskTool(tools, { name: 'render', args: { s: 9 } }, slow)).toMatchObject({
      name: 'render',
      args: { s: 9 },
      reason: 'named with --task-tool and --task-args',
    });
    expect(chooseExtensionTaskTool(tools, null, null)).toEqual({
      none: expect.stringMatching(/--task-tool <name> --task-args <json>$/),
    });
  });
});
