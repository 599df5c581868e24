// resolveTarget: a file picks its runtime by extension, a bare word must be a command on PATH, and
// `--` takes the command verbatim. Mistakes are UsageError (exit 2) or TargetError (exit 3).

import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError, UsageError } from '../errors.js';
import { resolveTarget, which, type ResolveOptions } from './resolve.js';

let dir: string;
/** A PATH with a fake `uv` in it, and one without. */
let binWithUv: string;
let binWithoutUv: string;

function opts(extra: Partial<ResolveOptions> = {}): ResolveOptions {
  return { verbatim: false, cwd: dir, env: {}, ...extra };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, nothing was thrown');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcc-resolve-'));
  for (const name of [
    'server.js',
    'server.mjs',
    'server.cjs',
    'SERVER.JS',
    'server.ts',
    'server.mts',
    'server.py',
  ]) {
    writeFileSync(join(dir, name), '// test file\n');
  }
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'inner.js'), '');
  writeFileSync(join(dir, 'plain-file'), 'not executable\n');
  chmodSync(join(dir, 'plain-file'), 0o644);
  writeFileSync(join(dir, 'run-me'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'run-me'), 0o755);
  binWithUv = join(dir, 'bin-uv');
  binWithoutUv = join(dir, 'bin-empty');
  mkdirSync(binWithUv);
  mkdirSync(binWithoutUv);
  writeFileSync(join(binWithUv, 'uv'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(binWithUv, 'uv'), 0o755);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('resolveTarget: files by extension', () => {
  it.each(['server.js', 'server.mjs', 'server.cjs'])('%s runs with the current node', (name) => {
    const cmd = resolveTarget([name, '--port', '3'], opts());
    expect(cmd.file).toBe(process.execPath);
    expect(cmd.args).toEqual([join(dir, name), '--port', '3']);
    expect(cmd.cwd).toBe(dir);
    expect(cmd.display).toEqual([name, '--port', '3']);
  });

  it('matches the extension case-insensitively', () => {
    expect(resolveTarget(['SERVER.JS'], opts()).file).toBe(process.execPath);
  });

  it('accepts an absolute path and a relative path with folders', () => {
    expect(resolveTarget([join(dir, 'server.js')], opts({ cwd: '/' })).args).toEqual([
      join(dir, 'server.js'),
    ]);
    expect(resolveTarget(['./sub/inner.js'], opts()).args).toEqual([join(dir, 'sub', 'inner.js')]);
  });

  it.each(['server.ts', 'server.mts'])('%s runs with the bundled tsx cli under the current node', (name) => {
    const cmd = resolveTarget([name, 'a'], opts());
    expect(cmd.file).toBe(process.execPath);
    expect(cmd.args).toHaveLength(3);
    const [runner, file, arg] = cmd.args;
    expect(runner).toMatch(/[\\/]tsx[\\/]/);
    expect(existsSync(runner ?? '')).toBe(true);
    expect(file).toBe(join(dir, name));
    expect(arg).toBe('a');
  });

  it('.py runs with `uv run` when uv is on PATH', () => {
    const cmd = resolveTarget(['server.py', '--flag'], opts({ env: { PATH: binWithUv } }));
    expect(cmd.file).toBe('uv');
    expect(cmd.args).toEqual(['run', join(dir, 'server.py'), '--flag']);
    expect(cmd.env).toEqual({ PATH: binWithUv });
  });

  it('.py runs with python3 when uv is not on PATH', () => {
    const cmd = resolveTarget(['server.py', '--flag'], opts({ env: { PATH: binWithoutUv } }));
    expect(cmd.file).toBe('python3');
    expect(cmd.args).toEqual([join(dir, 'server.py'), '--flag']);
  });

  it('an executable file without a known extension runs itself', () => {
    const cmd = resolveTarget(['./run-me', 'x'], opts());
    expect(cmd.file).toBe(join(dir, 'run-me'));
    expect(cmd.args).toEqual(['x']);
  });

  it('a file that is not executable is a TargetError (exit 3) that says so', () => {
    const e = thrown(() => resolveTarget(['./plain-file'], opts()));
    expect(e).toBeInstanceOf(TargetError);
    expect((e as TargetError).exitCode).toBe(3);
    expect(e.message).toContain('./plain-file');
    expect(e.message).toMatch(/not executable/);
    expect(e.message).toContain('--');
  });
});

describe('resolveTarget: missing files and commands', () => {
  it.each(['./nope.js', 'nope.js', 'nope.ts', 'nope.py', 'dir/server', './missing'])(
    'a missing path-looking target %s is a UsageError (exit 2) naming it',
    (name) => {
      const e = thrown(() => resolveTarget([name], opts()));
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).exitCode).toBe(2);
      expect(e.message).toContain(name);
      expect(e.message).toContain(join(dir, name));
      expect(e.message).toMatch(/does not exist/);
      expect(e.message).not.toContain('\n');
    },
  );

  it('an unknown command is a TargetError (exit 3) naming it', () => {
    const e = thrown(() => resolveTarget(['mcc-no-such-command-4711', '--x'], opts()));
    expect(e).toBeInstanceOf(TargetError);
    expect((e as TargetError).exitCode).toBe(3);
    expect(e.message).toContain('mcc-no-such-command-4711');
    expect(e.message).toMatch(/not found on PATH/);
  });

  it('a command on PATH runs by name with its arguments', () => {
    const cmd = resolveTarget(['uv', 'run', 'x.py'], opts({ env: { PATH: binWithUv } }));
    expect(cmd.file).toBe('uv');
    expect(cmd.args).toEqual(['run', 'x.py']);
  });

  it("looks commands up on the target's PATH when --env sets one", () => {
    const e = thrown(() => resolveTarget(['uv'], opts({ env: { PATH: binWithoutUv } })));
    expect(e).toBeInstanceOf(TargetError);
  });

  it('an empty target is a UsageError', () => {
    for (const argv of [[], ['']]) {
      const e = thrown(() => resolveTarget(argv, opts()));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toMatch(/missing target/);
    }
  });
});

describe('resolveTarget: verbatim', () => {
  it('takes the command after -- exactly as given, without looking at files or PATH', () => {
    const argv = ['mcc-no-such-command-4711', './nope.js', '--flag', '--'];
    const cmd = resolveTarget(argv, opts({ verbatim: true, env: { A: '1' } }));
    expect(cmd).toEqual({
      file: 'mcc-no-such-command-4711',
      args: ['./nope.js', '--flag', '--'],
      cwd: dir,
      env: { A: '1' },
      display: argv,
    });
  });

  it('does not pick a runtime for a file in verbatim mode', () => {
    const cmd = resolveTarget(['node', 'server.js'], opts({ verbatim: true }));
    expect(cmd.file).toBe('node');
    expect(cmd.args).toEqual(['server.js']);
  });
});

describe('which', () => {
  it('finds executables on the given PATH and nothing else', () => {
    expect(which('uv', binWithUv)).toBe(join(binWithUv, 'uv'));
    expect(which('uv', binWithoutUv)).toBeNull();
    expect(which('uv', `${binWithoutUv}::${binWithUv}`)).toBe(join(binWithUv, 'uv'));
    expect(which('plain-file', dir)).toBeNull();
    expect(which('sub', dir)).toBeNull();
    expect(which('uv', '')).toBeNull();
  });
});
