// Command-line parsing. Options come before the target; the first non-option word is the target and
// everything after it belongs to the target (or everything after `--`, verbatim). Every mistake is
// a UsageError naming the option, what it expects and what it got.

import { UsageError } from '../errors.js';
import { describeValue } from '../model/issues.js';
import {
  isJsonObject,
  NEWEST_LEGACY,
  NEWEST_MODERN,
  REVISIONS,
  type JsonObject,
  type Revision,
} from '../model/protocol.js';

export interface CliOptions {
  help: boolean;
  version: boolean;
  listRules: boolean;
  target: string[];
  verbatim: boolean;
  url: string | null;
  /** Start the target command as a Streamable HTTP server (on a port the suite picks). */
  http: boolean;
  /** Environment variable that carries the port to an HTTP target command. */
  portEnv: string;
  slowTool: string | null;
  slowArgs: JsonObject | null;
  shortArgs: JsonObject | null;
  requestTool: string | null;
  requestArgs: JsonObject | null;
  /** The tool to call as a task (2025-11-25 tasks), and its arguments for a long run. */
  taskTool: string | null;
  taskArgs: JsonObject | null;
  revisions: 'default' | 'all' | Revision[];
  rules: string[];
  skip: string[];
  json: string | null;
  html: string | null;
  junit: string | null;
  markdown: string | null;
  badge: string | null;
  strict: boolean;
  seed: number | null;
  runs: number | null;
  timeScale: number;
  concurrency: number | 'auto';
  cwd: string | null;
  env: Record<string, string>;
  /** An MCP host's configuration file (mcpServers, or VS Code's servers): the targets to run. */
  config: string | null;
  /** The one server of the config file to run (default: every one, in turn). */
  server: string | null;
  /** A baseline of known deviations (YAML list under `server:`): listed results do not fail the run. */
  expectedFailures: string | null;
  /** Write a baseline of every failing or warning result of this run to this file. */
  writeBaseline: string | null;
  /** How much of each transcript the reports keep (harness/trim.ts): --full-transcripts, --compact-transcripts. */
  transcripts: 'passing' | 'full' | 'compact';
}

/** Options that take a value, and the words of their expectation for error messages. */
const VALUE_OPTIONS: Record<string, string> = {
  '--url': 'an http:// or https:// URL',
  '--port-env': 'an environment variable name',
  '--slow-tool': 'a tool name',
  '--slow-args': 'a JSON object',
  '--short-args': 'a JSON object',
  '--request-tool': 'a tool name',
  '--request-args': 'a JSON object',
  '--task-tool': 'a tool name',
  '--task-args': 'a JSON object',
  '--revision': `a revision (${REVISIONS.join(', ')}) or "all"`,
  '--rule': 'a rule id or glob',
  '--skip': 'a rule id or glob',
  '--json': 'a file path',
  '--html': 'a file path',
  '--junit': 'a file path',
  '--markdown': 'a file path',
  '--badge': 'a file path',
  '--seed': 'an integer from 0 to 2147483647',
  '--runs': 'an integer from 0 to 1000000 (0: no exploration)',
  '--time-scale': 'a number greater than 0',
  '--concurrency': 'an integer from 1 to 16',
  '--cwd': 'a directory',
  '--env': 'KEY=VALUE',
  '--config': 'a file path (mcpServers JSON, or .vscode/mcp.json)',
  '--server': 'a server name from the --config file',
  '--expected-failures': 'a baseline file (YAML, a list under "server:")',
  '--write-baseline': 'a file path',
};

const FLAGS = new Set([
  '--help',
  '-h',
  '--version',
  '--list-rules',
  '--strict',
  '--http',
  '--full-transcripts',
  '--compact-transcripts',
]);

function jsonObject(option: string, text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${option} expects a JSON object, got '${text}' (${(error as Error).message})`);
  }
  if (!isJsonObject(value))
    throw new UsageError(`${option} expects a JSON object, got ${describeValue(value)}`);
  return value;
}

function integer(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${option} expects ${VALUE_OPTIONS[option]}, got '${text}'`);
  }
  return n;
}

function revision(text: string): Revision | 'all' {
  if (text === 'all') return 'all';
  if (!(REVISIONS as readonly string[]).includes(text)) {
    throw new UsageError(`--revision expects ${VALUE_OPTIONS['--revision']}, got '${text}'`);
  }
  return text as Revision;
}

/** Checks a --url value: http or https, with a host; `{port}` stands for the port the suite picks. */
function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.replaceAll('{port}', '1'));
  } catch {
    throw new UsageError(`--url expects ${VALUE_OPTIONS['--url']}, got '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--url expects ${VALUE_OPTIONS['--url']}, got '${text}' (protocol ${url.protocol})`);
  return text;
}

/** Parses argv (without node and the script). */
export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    help: false,
    version: false,
    listRules: false,
    target: [],
    verbatim: false,
    url: null,
    http: false,
    portEnv: 'PORT',
    slowTool: null,
    slowArgs: null,
    shortArgs: null,
    requestTool: null,
    requestArgs: null,
    taskTool: null,
    taskArgs: null,
    revisions: 'default',
    rules: [],
    skip: [],
    json: null,
    html: null,
    junit: null,
    markdown: null,
    badge: null,
    strict: false,
    seed: null,
    runs: null,
    timeScale: 1,
    concurrency: 'auto',
    cwd: null,
    env: {},
    config: null,
    server: null,
    expectedFailures: null,
    writeBaseline: null,
    transcripts: 'passing',
  };
  const revs: (Revision | 'all')[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') {
      o.verbatim = true;
      o.target = argv.slice(i + 1);
      if (o.target.length === 0) throw new UsageError('-- expects a command after it, got nothing');
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      o.target = argv.slice(i);
      break;
    }
    const eq = word.indexOf('=');
    const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    if (FLAGS.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value, got '${word.slice(eq + 1)}'`);
      if (name === '--help' || name === '-h') o.help = true;
      else if (name === '--version') o.version = true;
      else if (name === '--list-rules') o.listRules = true;
      else if (name === '--http') o.http = true;
      else if (name === '--full-transcripts' || name === '--compact-transcripts') {
        const policy = name === '--full-transcripts' ? 'full' : 'compact';
        if (o.transcripts !== 'passing' && o.transcripts !== policy)
          throw new UsageError(
            '--full-transcripts and --compact-transcripts contradict each other; give one',
          );
        o.transcripts = policy;
      } else o.strict = true;
      continue;
    }
    if (!(name in VALUE_OPTIONS)) {
      throw new UsageError(`unknown option ${name}; see mcp-cancel-conformance --help`);
    }
    let value: string;
    if (eq > 0 && word.startsWith('--')) value = word.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${name} expects ${VALUE_OPTIONS[name]}, got nothing`);
      value = next;
      i++;
    }
    if (value === '') throw new UsageError(`${name} expects ${VALUE_OPTIONS[name]}, got '' (an empty value)`);
    switch (name) {
      case '--url':
        o.url = httpUrl(value);
        break;
      case '--port-env':
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value))
          throw new UsageError(`--port-env expects ${VALUE_OPTIONS[name]}, got '${value}'`);
        o.portEnv = value;
        break;
      case '--slow-tool':
        o.slowTool = value;
        break;
      case '--slow-args':
        o.slowArgs = jsonObject(name, value);
        break;
      case '--short-args':
        o.shortArgs = jsonObject(name, value);
        break;
      case '--request-tool':
        o.requestTool = value;
        break;
      case '--request-args':
        o.requestArgs = jsonObject(name, value);
        break;
      case '--task-tool':
        o.taskTool = value;
        break;
      case '--task-args':
        o.taskArgs = jsonObject(name, value);
        break;
      case '--revision':
        revs.push(revision(value));
        break;
      case '--rule':
        o.rules.push(value);
        break;
      case '--skip':
        o.skip.push(value);
        break;
      case '--json':
      case '--html':
      case '--junit':
      case '--markdown':
      case '--badge':
        o[name.slice(2) as 'json' | 'html' | 'junit' | 'markdown' | 'badge'] = value;
        break;
      case '--seed':
        o.seed = integer(name, value, 0, 2147483647);
        break;
      case '--runs':
        o.runs = integer(name, value, 0, 1_000_000);
        break;
      case '--time-scale': {
        const x = Number(value);
        if (!Number.isFinite(x) || x <= 0 || x > 1000) {
          throw new UsageError(`--time-scale expects ${VALUE_OPTIONS[name]}, got '${value}'`);
        }
        o.timeScale = x;
        break;
      }
      case '--concurrency':
        o.concurrency = integer(name, value, 1, 16);
        break;
      case '--cwd':
        o.cwd = value;
        break;
      case '--config':
        o.config = value;
        break;
      case '--server':
        o.server = value;
        break;
      case '--expected-failures':
        o.expectedFailures = value;
        break;
      case '--write-baseline':
        o.writeBaseline = value;
        break;
      case '--env': {
        const at = value.indexOf('=');
        if (at <= 0) throw new UsageError(`--env expects KEY=VALUE, got '${value}'`);
        o.env[value.slice(0, at)] = value.slice(at + 1);
        break;
      }
    }
  }
  if (o.url && !o.http && o.target.length > 0) {
    throw new UsageError(
      `--url names a server that is already running, so it takes no target command; got '${o.target.join(' ')}' (to start a command as an HTTP server, add --http)`,
    );
  }
  if (o.server !== null && o.config === null)
    throw new UsageError(`--server goes with --config <file>, got no --config`);
  if (o.config !== null && (o.target.length > 0 || o.url !== null || o.http))
    throw new UsageError(
      `--config names the servers to test, so it takes no target, --url or --http; got ${o.target.length > 0 ? `'${o.target.join(' ')}'` : o.url !== null ? `--url ${o.url}` : '--http'}`,
    );
  if (o.http && o.target.length === 0)
    throw new UsageError('--http expects a server command to start, e.g. --http -- node server.js, got none');
  if (revs.includes('all')) o.revisions = 'all';
  else if (revs.length > 0) o.revisions = [...new Set(revs as Revision[])];
  if (o.slowArgs && !o.slowTool)
    throw new UsageError('--slow-args goes with --slow-tool <name>, got no --slow-tool');
  if (o.shortArgs && !o.slowTool)
    throw new UsageError('--short-args goes with --slow-tool <name>, got no --slow-tool');
  if (o.requestArgs && !o.requestTool) {
    throw new UsageError('--request-args goes with --request-tool <name>, got no --request-tool');
  }
  if (o.taskArgs && !o.taskTool)
    throw new UsageError('--task-args goes with --task-tool <name>, got no --task-tool');
  return o;
}

/** Matches a rule id against a glob with `*` and `?` (case-insensitive). */
export function globMatch(glob: string, id: string): boolean {
  const re = new RegExp(
    '^' +
      glob
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
    'i',
  );
  return re.test(id);
}

export const USAGE = `Usage:
  mcp-cancel-conformance [options] <server-file-or-command> [args...]
  mcp-cancel-conformance [options] -- <command> [args...]
  mcp-cancel-conformance [options] --url <url>
  mcp-cancel-conformance [options] --http [--port-env NAME] [--url <url>] -- <command> [args...]
  mcp-cancel-conformance replay <case.json> [options] <server-file-or-command> [args...]
  mcp-cancel-conformance report-index <report.json...> --out <dir>

Runs the MCP cancellation conformance rules against an MCP server over stdio or Streamable HTTP.
A .js/.mjs/.cjs file runs with node, .ts/.mts with tsx, .py with uv run (or python3);
anything else runs as an executable. Everything after the target goes to the target.

Streamable HTTP:
  --url <url>               test a server that is already running at this endpoint; the suite
                            never starts or stops it (a fresh target per rule is a fresh session)
  --http                    start the target command as an HTTP server, once per rule: the suite
                            picks a free loopback port and passes it as {port} in the command's
                            arguments and in $PORT; the endpoint is http://127.0.0.1:{port}/mcp
                            unless --url gives another (with {port} in it)
  --port-env <name>         environment variable for the port instead of PORT

Options:
  --slow-tool <name>        tool to cancel mid-flight (default: discovered)
  --slow-args <json>        its arguments for a long run, a JSON object (used exactly as given)
  --short-args <json>       its arguments for a run that completes in a few seconds (default:
                            derived from the long run and checked on the target)
  --request-tool <name>     tool that makes the server send a request to the client
  --request-args <json>     its arguments, a JSON object
  --task-tool <name>        tool to call as a task (2025-11-25 tasks; default: the slow tool when
                            its execution.taskSupport allows, else discovered from tools/list;
                            2026-07-28 tasks extension: default the slow tool)
  --task-args <json>        its arguments for a long run, a JSON object (used exactly as given)
  --revision <rev|all>      revision to test (repeatable); default: the newest legacy revision
                            (${NEWEST_LEGACY}, initialize) and ${NEWEST_MODERN} (server/discover),
                            each where the target speaks it; all: every revision it speaks
  --rule <glob>             only rules whose id matches (repeatable)
  --skip <glob>             leave out rules whose id matches (repeatable)
  --json <file>             write the JSON report (the canonical result)
  --html <file>             write the HTML report (one self-contained file to publish)
  --junit <file>            write JUnit XML for CI test reporters
  --markdown <file>         write a Markdown summary (for CI job summaries)
  --badge <file>            write an SVG badge with the outcome
  --strict                  SHOULD violations (warn) fail the run too
  --expected-failures <f>   a baseline of known deviations (YAML: a list under "server:" of
                            RULE-ID[@revision][/transport]): listed results that still fail or warn
                            do not fail the run; an entry whose results pass now fails it (stale)
  --write-baseline <file>   write such a baseline of every failing or warning result of this run
  --full-transcripts        keep every event in the reports (default: a passing result keeps its
                            first and last messages, its evidence and windows; others keep all)
  --compact-transcripts     also cut other results to the events around their evidence, and
                            passing ones to their cancels, windows, notes and end (small reports
                            to publish, as the SDK matrix in docs/interop)
  --seed <n>                seed of every random choice (always printed)
  --runs <n>                exploration programs, run alongside the rules: exactly n (0: none);
                            default up to 20 within a 6 s budget (times --time-scale)
  --time-scale <x>          multiply every timing budget (slow machines, slow servers)
  --concurrency <n>         rules run at once, each on its own target (default: from the target's
                            start-up time, 12 for a fast one, fewer for a heavy one)
  --config <file>           test the servers of an MCP host's configuration file: "mcpServers"
                            (Claude Desktop, Cursor, .mcp.json) or .vscode/mcp.json "servers";
                            each in turn, with reports per server and an index.html beside them
  --server <name>           only this server of the --config file
  --cwd <dir>               working directory of the target
  --env KEY=VALUE           environment variable for the target (repeatable)
  --list-rules              print every rule: id, level, revisions, transports, spec link
  --version, --help

Exit codes: 0 no failures; 1 conformance failures (or warnings under --strict);
2 bad usage; 3 the target could not be started or never completed a handshake.`;
