// parseArgs / globMatch: options before the target, the target's own words untouched, and every
// mistake a UsageError whose one line names the option, what it expects and what it was given.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { globMatch, parseArgs, USAGE } from './args.js';

/** The UsageError that parsing `argv` throws (fails the test when it throws nothing or something else). */
function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const e = error as UsageError;
    expect(e.exitCode).toBe(2);
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error(`parseArgs(${JSON.stringify(argv)}) did not throw`);
}

describe('parseArgs: defaults and forms', () => {
  it('has sensible defaults', () => {
    const o = parseArgs(['server.js']);
    expect(o).toMatchObject({
      help: false,
      version: false,
      listRules: false,
      target: ['server.js'],
      verbatim: false,
      url: null,
      slowTool: null,
      slowArgs: null,
      requestTool: null,
      requestArgs: null,
      taskTool: null,
      taskArgs: null,
      revisions: 'default',
      rules: [],
      skip: [],
      json: null,
      strict: false,
      seed: null,
      runs: null,
      timeScale: 1,
      cwd: null,
      env: {},
    });
  });

  it('reads options before the target', () => {
    const o = parseArgs([
      '--slow-tool',
      'slow_count',
      '--slow-args',
      '{"steps":10,"interval_ms":100}',
      '--request-tool',
      'ask_model',
      '--request-args',
      '{"q":"hi"}',
      '--rule',
      'CANCEL-*',
      '--rule',
      'PROG-MONOTONIC',
      '--skip',
      'CANCEL-RACE-*',
      '--json',
      'out/r.json',
      '--strict',
      '--seed',
      '42',
      '--time-scale',
      '2.5',
      '--concurrency',
      '1',
      '--cwd',
      '/tmp',
      '--env',
      'A=1',
      '--env',
      'B=x=y',
      '--revision',
      '2025-06-18',
      '--revision',
      '2025-11-25',
      './server.js',
    ]);
    expect(o.target).toEqual(['./server.js']);
    expect(o.verbatim).toBe(false);
    expect(o.slowTool).toBe('slow_count');
    expect(o.slowArgs).toEqual({ steps: 10, interval_ms: 100 });
    expect(o.requestTool).toBe('ask_model');
    expect(o.requestArgs).toEqual({ q: 'hi' });
    expect(o.rules).toEqual(['CANCEL-*', 'PROG-MONOTONIC']);
    expect(o.skip).toEqual(['CANCEL-RACE-*']);
    expect(o.json).toBe('out/r.json');
    expect(o.strict).toBe(true);
    expect(o.seed).toBe(42);
    expect(o.timeScale).toBe(2.5);
    expect(o.concurrency).toBe(1);
    expect(o.cwd).toBe('/tmp');
    expect(o.env).toEqual({ A: '1', B: 'x=y' });
    expect(o.revisions).toEqual(['2025-06-18', '2025-11-25']);
  });

  it('accepts the --opt=value form, with "=" inside the value kept', () => {
    const o = parseArgs([
      '--slow-tool=long_execution',
      '--slow-args={"count":5,"label":"a=b"}',
      '--seed=0',
      '--time-scale=0.1',
      '--env=KEY=a=b',
      '--revision=all',
      '--json=r.json',
      'server.py',
    ]);
    expect(o.slowTool).toBe('long_execution');
    expect(o.slowArgs).toEqual({ count: 5, label: 'a=b' });
    expect(o.seed).toBe(0);
    expect(o.timeScale).toBe(0.1);
    expect(o.env).toEqual({ KEY: 'a=b' });
    expect(o.revisions).toBe('all');
    expect(o.json).toBe('r.json');
    expect(o.target).toEqual(['server.py']);
  });

  it('rejects an empty value in the --opt= form, naming the option', () => {
    expect(() => parseArgs(['--slow-tool=', 'x'])).toThrow(/--slow-tool expects a tool name, got ''/);
    expect(() => parseArgs(['--json=', 'x'])).toThrow(/--json expects a file path, got ''/);
  });

  it('rejects a value given to a flag', () => {
    expect(() => parseArgs(['--strict=false', 'x'])).toThrow(/--strict takes no value, got 'false'/);
  });

  it('passes every word after the target through untouched, even when it looks like an option', () => {
    const o = parseArgs(['--strict', 'server.js', '--help', '--seed', 'nope', '--unknown', '-v', '--', 'x']);
    expect(o.target).toEqual(['server.js', '--help', '--seed', 'nope', '--unknown', '-v', '--', 'x']);
    expect(o.help).toBe(false);
    expect(o.seed).toBeNull();
    expect(o.strict).toBe(true);
    expect(o.verbatim).toBe(false);
  });

  it('takes everything after -- verbatim, options of the suite included', () => {
    const o = parseArgs(['--seed', '7', '--', 'uv', 'run', 'server.py', '--flag', '--', '--seed', '9']);
    expect(o.verbatim).toBe(true);
    expect(o.target).toEqual(['uv', 'run', 'server.py', '--flag', '--', '--seed', '9']);
    expect(o.seed).toBe(7);
  });

  it('treats a lone "-" as the target', () => {
    expect(parseArgs(['-', 'a']).target).toEqual(['-', 'a']);
  });

  it('a value that starts with a dash is still the value of the option before it', () => {
    const o = parseArgs(['--slow-tool', '--weird-name', 's.js']);
    expect(o.slowTool).toBe('--weird-name');
    expect(o.target).toEqual(['s.js']);
  });

  it('reads flags: --help, -h, --version, --list-rules, --strict', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
    expect(parseArgs(['--version']).version).toBe(true);
    expect(parseArgs(['--list-rules']).listRules).toBe(true);
    expect(parseArgs(['--strict', 'x']).strict).toBe(true);
    expect(parseArgs(['--help']).target).toEqual([]);
  });

  it('--revision all wins over named revisions; repeated revisions are deduplicated', () => {
    expect(parseArgs(['--revision', '2025-11-25', '--revision', 'all', 'x']).revisions).toBe('all');
    expect(parseArgs(['--revision', '2025-11-25', '--revision', '2025-11-25', 'x']).revisions).toEqual([
      '2025-11-25',
    ]);
  });

  it('accepts every legacy revision', () => {
    for (const rev of ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25']) {
      expect(parseArgs(['--revision', rev, 'x']).revisions).toEqual([rev]);
    }
  });

  it('accepts the bounds of --seed and --time-scale', () => {
    expect(parseArgs(['--seed', '2147483647', 'x']).seed).toBe(2147483647);
    expect(parseArgs(['--seed', '0', 'x']).seed).toBe(0);
    expect(parseArgs(['--time-scale', '1000', 'x']).timeScale).toBe(1000);
    expect(parseArgs(['--time-scale', '1e-3', 'x']).timeScale).toBe(0.001);
  });

  it('accepts an empty argv (the CLI reports the missing target later)', () => {
    expect(parseArgs([]).target).toEqual([]);
  });
});

describe('parseArgs: usage errors name the option, the expectation and what was given', () => {
  it('unknown option', () => {
    const e = usageError(['--frobnicate', 'x']);
    expect(e.message).toContain('--frobnicate');
    expect(e.message).toMatch(/unknown option/);
    expect(e.message).toContain('--help');
  });

  it('unknown option in the --opt=value form names only the option', () => {
    const e = usageError(['--frobnicate=3', 'x']);
    expect(e.message).toContain('--frobnicate');
  });

  it('unknown short option', () => {
    expect(usageError(['-x', 'server.js']).message).toContain('-x');
  });

  it.each([
    ['--slow-tool', 'a tool name'],
    ['--slow-args', 'a JSON object'],
    ['--seed', 'an integer'],
    ['--time-scale', 'a number greater than 0'],
    ['--revision', 'a revision'],
    ['--env', 'KEY=VALUE'],
    ['--json', 'a file path'],
    ['--rule', 'a rule id or glob'],
  ])('missing value of %s', (option, expectation) => {
    const e = usageError([option]);
    expect(e.message).toContain(option);
    expect(e.message).toContain(expectation);
    expect(e.message).toContain('got nothing');
  });

  it('-- with nothing after it', () => {
    const e = usageError(['--']);
    expect(e.message).toContain('--');
    expect(e.message).toMatch(/expects a command/);
    expect(e.message).toContain('got nothing');
  });

  it('invalid --slow-args JSON', () => {
    const e = usageError(['--slow-tool', 't', '--slow-args', '{steps: 3}', 'x']);
    expect(e.message).toContain('--slow-args');
    expect(e.message).toContain('a JSON object');
    expect(e.message).toContain("'{steps: 3}'");
  });

  it.each([
    ['[1,2]', '[1,2] (array)'],
    ['3', '3 (number)'],
    ['"s"', "'s' (string)"],
    ['null', 'null (null)'],
    ['true', 'true (boolean)'],
  ])('non-object JSON in --slow-args: %s', (json, described) => {
    const e = usageError(['--slow-tool', 't', '--slow-args', json, 'x']);
    expect(e.message).toContain('--slow-args');
    expect(e.message).toContain('a JSON object');
    expect(e.message).toContain(described);
  });

  it('invalid and non-object --request-args', () => {
    const bad = usageError(['--request-tool', 't', '--request-args', '{', 'x']);
    expect(bad.message).toContain('--request-args');
    expect(bad.message).toContain('a JSON object');
    const arr = usageError(['--request-tool', 't', '--request-args', '[]', 'x']);
    expect(arr.message).toContain('--request-args');
    expect(arr.message).toContain('(array)');
  });

  it.each(['abc', '-1', '1.5', '2147483648', '', '1e3', ' 3', '0x10'])('bad --seed %j', (seed) => {
    const e = usageError(['--seed', seed, 'x']);
    expect(e.message).toContain('--seed');
    expect(e.message).toContain('an integer from 0 to 2147483647');
    expect(e.message).toContain(`'${seed}'`);
  });

  it.each(['0', '-1', 'fast', 'NaN', 'Infinity', '1001', ''])('bad --time-scale %j', (x) => {
    const e = usageError(['--time-scale', x, 'x']);
    expect(e.message).toContain('--time-scale');
    expect(e.message).toContain('a number greater than 0');
    expect(e.message).toContain(`'${x}'`);
  });

  it.each(['2025-01-01', 'latest', '2025-11-25x', ''])('unknown --revision %j', (rev) => {
    const e = usageError(['--revision', rev, 'x']);
    expect(e.message).toContain('--revision');
    expect(e.message).toContain('2025-11-25');
    expect(e.message).toContain('"all"');
    expect(e.message).toContain(`'${rev}'`);
  });

  it('--revision 2026-07-28 selects the modern era, alone or beside a legacy revision', () => {
    expect(parseArgs(['--revision', '2026-07-28', 'x']).revisions).toEqual(['2026-07-28']);
    expect(parseArgs(['--revision', '2025-06-18', '--revision', '2026-07-28', 'x']).revisions).toEqual([
      '2025-06-18',
      '2026-07-28',
    ]);
  });

  it('--slow-args without --slow-tool', () => {
    const e = usageError(['--slow-args', '{"n":1}', 'x']);
    expect(e.message).toContain('--slow-args');
    expect(e.message).toContain('--slow-tool');
    expect(e.message).toMatch(/got no --slow-tool/);
  });

  it('--request-args without --request-tool', () => {
    const e = usageError(['--request-args', '{}', 'x']);
    expect(e.message).toContain('--request-args');
    expect(e.message).toContain('--request-tool');
  });

  it('--task-tool and --task-args (2025-11-25 tasks)', () => {
    const o = parseArgs(['--task-tool', 'slow_count', '--task-args', '{"steps":600}', 'x']);
    expect(o.taskTool).toBe('slow_count');
    expect(o.taskArgs).toEqual({ steps: 600 });
    expect(usageError(['--task-args', '{}', 'x']).message).toMatch(
      /--task-args goes with --task-tool <name>/,
    );
    expect(usageError(['--task-tool', 't', '--task-args', '[]', 'x']).message).toContain('--task-args');
  });

  it.each(['NOEQUALS', '=value', ''])('bad --env %j', (env) => {
    const e = usageError(['--env', env, 'x']);
    expect(e.message).toContain('--env');
    expect(e.message).toContain('KEY=VALUE');
    expect(e.message).toContain(`'${env}'`);
  });

  it('sizes --concurrency from the target by default', () => {
    expect(parseArgs(['x']).concurrency).toBe('auto');
  });

  it.each(['0', '17', 'two'])('bad --concurrency %j', (n) => {
    const e = usageError(['--concurrency', n, 'x']);
    expect(e.message).toContain('--concurrency');
    expect(e.message).toContain('an integer from 1 to 16');
    expect(e.message).toContain(`'${n}'`);
  });

  it.each(['-3', 'many', '1.5'])('bad --runs %j', (n) => {
    const e = usageError(['--runs', n, 'x']);
    expect(e.message).toContain('--runs');
    expect(e.message).toContain('an integer from 0 to 1000000');
    expect(e.message).toContain(`'${n}'`);
  });

  it('reads --runs, and --runs 0 (no exploration)', () => {
    expect(parseArgs(['--runs', '50', 'x']).runs).toBe(50);
    expect(parseArgs(['--runs', '0', 'x']).runs).toBe(0);
  });
});

describe('globMatch', () => {
  it('matches exact ids case-insensitively', () => {
    expect(globMatch('CANCEL-NO-RESPONSE', 'CANCEL-NO-RESPONSE')).toBe(true);
    expect(globMatch('cancel-no-response', 'CANCEL-NO-RESPONSE')).toBe(true);
    expect(globMatch('CANCEL-NO-RESPONSE', 'CANCEL-NO-RESPONSES')).toBe(false);
    expect(globMatch('CANCEL-NO', 'CANCEL-NO-RESPONSE')).toBe(false);
  });

  it('* matches any run of characters, including none', () => {
    expect(globMatch('CANCEL-*', 'CANCEL-NO-RESPONSE')).toBe(true);
    expect(globMatch('*', 'PROG-MONOTONIC')).toBe(true);
    expect(globMatch('*-RESPONSE', 'CANCEL-NO-RESPONSE')).toBe(true);
    expect(globMatch('CANCEL-*', 'PROG-MONOTONIC')).toBe(false);
    expect(globMatch('PROG*', 'PROG')).toBe(true);
  });

  it('? matches exactly one character', () => {
    expect(globMatch('PROG-MONOTONI?', 'PROG-MONOTONIC')).toBe(true);
    expect(globMatch('PROG-MONOTONI?', 'PROG-MONOTONI')).toBe(false);
  });

  it('treats regex characters literally', () => {
    expect(globMatch('A.B', 'AXB')).toBe(false);
    expect(globMatch('A.B', 'A.B')).toBe(true);
    expect(globMatch('A+', 'AA')).toBe(false);
    expect(globMatch('(A|B)', 'A')).toBe(false);
    expect(globMatch('[AB]', 'A')).toBe(false);
    expect(globMatch('^A$', '^A$')).toBe(true);
    expect(globMatch('A\\B', 'A\\B')).toBe(true);
  });

  it('NOPE* matches no real rule id', () => {
    expect(globMatch('NOPE*', 'CANCEL-NO-RESPONSE')).toBe(false);
  });
});

describe('USAGE', () => {
  it('documents every option the parser knows', () => {
    for (const option of [
      '--slow-tool',
      '--slow-args',
      '--request-tool',
      '--request-args',
      '--revision',
      '--rule',
      '--skip',
      '--json',
      '--strict',
      '--seed',
      '--time-scale',
      '--cwd',
      '--env',
      '--list-rules',
      '--help',
      '--version',
    ]) {
      expect(USAGE).toContain(option);
    }
  });
});

describe('parseArgs: Streamable HTTP targets', () => {
  it('--url alone names a running server', () => {
    const o = parseArgs(['--url', 'http://127.0.0.1:3000/mcp']);
    expect(o).toMatchObject({ url: 'http://127.0.0.1:3000/mcp', http: false, target: [] });
  });

  it('--http with a command after --, a port variable and an endpoint template', () => {
    const o = parseArgs([
      '--http',
      '--port-env',
      'MCP_PORT',
      '--url',
      'http://127.0.0.1:{port}/x',
      '--',
      'node',
      's.js',
    ]);
    expect(o).toMatchObject({
      http: true,
      portEnv: 'MCP_PORT',
      url: 'http://127.0.0.1:{port}/x',
      verbatim: true,
      target: ['node', 's.js'],
    });
  });

  it('defaults the port variable to PORT', () => {
    expect(parseArgs(['--http', 'server.js']).portEnv).toBe('PORT');
  });

  it.each([
    [
      ['--url', 'ftp://127.0.0.1/mcp'],
      /--url expects an http:\/\/ or https:\/\/ URL, got 'ftp:\/\/127.0.0.1\/mcp'/,
    ],
    [['--url', 'not a url'], /--url expects .* got 'not a url'/],
    [
      ['--url', 'http://127.0.0.1:3000/mcp', 'server.js'],
      /--url names a server that is already running.*add --http/,
    ],
    [['--http'], /--http expects a server command/],
    [['--port-env', '1X', '--http', 's.js'], /--port-env expects an environment variable name, got '1X'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
