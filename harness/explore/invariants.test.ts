// The invariants name the rules they judge by id: each id must be a rule of the catalog, and every
// id the checks judge under must be listed in the invariants table (so README and reports can say which).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../suites/index.js';
import { INVARIANTS } from './invariants.js';

const ids = new Set(CATALOG.map((r) => r.id));
const tabled = new Set(INVARIANTS.flatMap((i) => i.rules));

describe('invariants name real rules', () => {
  it('every rule of the table is in the catalog', () => {
    expect([...tabled].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('every rule id the checks use is in the catalog and in the table', () => {
    const source = readFileSync(new URL('./invariants.ts', import.meta.url), 'utf8');
    const all = (re: RegExp) => new Set([...source.matchAll(re)].map((m) => m[1] ?? ''));
    const used = all(/'([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)'/g);
    // A rule quoted for its sentence only (requirementOf) is judged under another rule's id.
    const quoted = all(/requirementOf: '([A-Z0-9-]+)'/g);
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((id) => !ids.has(id))).toEqual([]);
    expect([...used].filter((id) => !quoted.has(id) && !tabled.has(id))).toEqual([]);
  });
});
