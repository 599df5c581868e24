// Test support, never shipped: the value changes the schema cross-checks apply to corpus samples
// (every single change, and seeded random runs of one to three changes), shared by
// harness/schema/index.test.ts (legacy revisions) and harness/schema/modern.test.ts (2026-07-28).

import { isJsonObject } from '../model/protocol.js';

/** `{ ...x, key: undefined }` is how the corpus deletes a member; JSON has no undefined. */
export function dropUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

export const SWEEP_VALUES: unknown[] = [null, -1, 1.5, 'x', true, [], {}];

/** Every variant of a JSON value that differs from it by one change: a member removed, or one value
 *  (at any depth, or the whole) replaced by a value of the pool (SWEEP_VALUES unless told). */
export function* variants(
  message: unknown,
  pool: readonly unknown[] = SWEEP_VALUES,
): Generator<{ value: unknown; how: string }> {
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((child, index) => walk(child, [...path, index]));
    else if (isJsonObject(node)) for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(message, []);
  type Container = { [key: string]: unknown };
  const edit = (path: (string | number)[], change: (parent: Container, key: string) => void): unknown => {
    const copy: unknown = JSON.parse(JSON.stringify(message));
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Container)[String(key)];
    change(parent as Container, String(path[path.length - 1]));
    return copy;
  };
  for (const path of paths) {
    const where = `/${path.join('/')}`;
    for (const replacement of pool) {
      const value =
        path.length === 0
          ? replacement
          : edit(path, (parent, key) => {
              parent[key] = replacement;
            });
      yield { value, how: `replaced ${where} by ${JSON.stringify(replacement)}` };
    }
    if (path.length > 0 && typeof path[path.length - 1] === 'string') {
      const value = edit(path, (parent, key) => {
        delete parent[key];
      });
      yield { value, how: `removed ${where}` };
    }
  }
}

const task = {
  taskId: 't1',
  status: 'working',
  createdAt: '2025-11-25T00:00:00Z',
  lastUpdatedAt: '2025-11-25T00:00:01Z',
  ttl: null,
};

export const REPLACEMENTS: unknown[] = [
  null,
  0,
  -3,
  1.5,
  '',
  'x',
  true,
  [],
  [1],
  ['x'],
  {},
  { a: 1 },
  2 ** 53 + 2,
  -32700,
  -32600,
  'url',
  'form',
  'text',
  'object',
  'string',
  'working',
  { type: 'text', text: 't' },
  [{ type: 'text', text: 't' }],
  { ttl: 5 },
  task,
];

/** One random change somewhere in a JSON value; `how` says where and what, for the failure message. */
export function mutate(
  message: unknown,
  random: () => number,
  members: readonly string[],
  replacements: readonly unknown[] = REPLACEMENTS,
): { value: unknown; how: string } {
  const copy: unknown = JSON.parse(JSON.stringify(message));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // Collect every container and member (path, parent, key) in the value.
  const slots: { path: string; parent: { [key: string]: unknown } | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        slots.push({ path: `${path}/${index}`, parent: node, key: index });
        walk(child, `${path}/${index}`);
      });
    } else if (isJsonObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        slots.push({ path: `${path}/${key}`, parent: node, key });
        walk(child, `${path}/${key}`);
      }
    }
  };
  walk(copy, '');
  if (slots.length === 0) return { value: pick(replacements), how: 'replaced the whole value' };
  const slot = pick(slots);
  const action = random();
  if (action < 0.3 && !Array.isArray(slot.parent) && typeof slot.key === 'string') {
    delete slot.parent[slot.key];
    return { value: copy, how: `removed ${slot.path}` };
  }
  if (action < 0.4) {
    const target = slot.parent;
    if (!Array.isArray(target)) {
      const member = pick(members);
      const replacement = pick(replacements);
      target[member] = replacement;
      return {
        value: copy,
        how: `set ${slot.path.replace(/\/[^/]*$/, '')}/${member} = ${JSON.stringify(replacement)}`,
      };
    }
  }
  const replacement = pick(replacements);
  if (Array.isArray(slot.parent) && typeof slot.key === 'number') slot.parent[slot.key] = replacement;
  else if (!Array.isArray(slot.parent) && typeof slot.key === 'string') slot.parent[slot.key] = replacement;
  return { value: copy, how: `replaced ${slot.path} by ${JSON.stringify(replacement)}` };
}
