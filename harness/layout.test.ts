// The module layout holds: no import cycles among the project's modules (type imports included: a
// cycle of types still ties two layers into one), so every layer can be read and tested on its own.
// What each layer may import is held by lint (eslint.config.js); this test holds what lint cannot.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = ['harness', 'suites', 'reports'];

function modules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/(?<!\.test|\.testlib|\.d)\.ts$/.test(name)) out.push(path);
    }
  };
  for (const layer of LAYERS) walk(join(ROOT, layer));
  return out;
}

/** Relative imports and re-exports of a module, as absolute .ts paths. */
function importsOf(file: string, known: Set<string>): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/g)]
    .map((m) => resolve(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')))
    .filter((path) => known.has(path));
}

/** The groups of modules that import each other, directly or through others (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      group.push(relative(ROOT, w));
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('module layout', () => {
  const files = modules();
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known)]));

  it('reads the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    const runner = graph.get(join(ROOT, 'harness/runner.ts')) ?? [];
    expect(runner).toContain(join(ROOT, 'harness/judge.ts'));
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const a = join(ROOT, 'a.ts');
    const b = join(ROOT, 'b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });
});
