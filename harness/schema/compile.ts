// Compiles the project's message schemas with ajv: one ajv instance per revision, created on first
// use; each definition compiled on first use and cached. Also turns ajv's error objects into the
// short lines a report shows ("/result/content: must be array").

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Revision } from '../model/protocol.js';
import { DEFINITIONS_POINTER, messageDefinitions, type JsonSchema } from './definitions.js';

const DOCUMENT_KEY = 'mcp-messages';
const instances = new Map<Revision, { ajv: Ajv; names: ReadonlySet<string> }>();
const validators = new Map<string, ValidateFunction>();

function instanceFor(revision: Revision): { ajv: Ajv; names: ReadonlySet<string> } {
  let entry = instances.get(revision);
  if (entry === undefined) {
    // allErrors: report every problem, not the first; verbose: errors carry their schema (for hints).
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false });
    ajv.addKeyword({ keyword: 'hint', schemaType: 'string' });
    const definitions = messageDefinitions(revision);
    ajv.addSchema({ definitions }, DOCUMENT_KEY);
    entry = { ajv, names: new Set(Object.keys(definitions)) };
    instances.set(revision, entry);
  }
  return entry;
}

// Lets the selector fall back to the envelope when a revision lacks a method's definition.
export function hasDefinition(revision: Revision, name: string): boolean {
  return instanceFor(revision).names.has(name);
}

// One compiled validator per (revision, definition), compiled on first use.
export function validatorFor(revision: Revision, name: string): ValidateFunction {
  const key = `${revision}:${name}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    const { ajv, names } = instanceFor(revision);
    if (!names.has(name)) throw new Error(`no schema definition ${name} for revision ${revision}`);
    validate = ajv.compile({ $ref: `${DOCUMENT_KEY}${DEFINITIONS_POINTER}${name}` });
    validators.set(key, validate);
  }
  return validate;
}

/** Most error lines a verdict carries; the last one says how many more there were. */
export const ERROR_LINE_LIMIT = 5;

function hintOf(error: ErrorObject): string | undefined {
  const parent: unknown = error.parentSchema;
  if (typeof parent === 'object' && parent !== null && 'hint' in parent) {
    const hint: unknown = (parent as JsonSchema).hint;
    if (typeof hint === 'string') return hint;
  }
  return undefined;
}

function describe(error: ErrorObject): string {
  const hint = hintOf(error);
  if (hint !== undefined) return hint;
  const params: { [key: string]: unknown } = error.params;
  switch (error.keyword) {
    case 'false schema':
      return 'must not be present';
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum': {
      const values = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'type':
      return `must be ${String(params.type).split(',').join(' or ')}`;
    case 'anyOf':
      return 'must match one of the allowed shapes';
    default:
      return error.message ?? error.keyword;
  }
}

// Short human lines for ajv errors: structural noise removed, duplicates merged, at most the limit.
export function errorLines(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string[] {
  const kept: ErrorObject[] = [];
  for (const error of errors ?? []) {
    // "must match then schema" only repeats the errors of the branch that applied.
    if (error.keyword === 'if') continue;
    if (error.keyword === 'anyOf') {
      // The failed branches' errors come right before the anyOf error: the one line replaces them.
      const path = error.instancePath;
      while (kept.length > 0) {
        const last = kept[kept.length - 1];
        if (last === undefined || !(last.instancePath === path || last.instancePath.startsWith(`${path}/`)))
          break;
        kept.pop();
      }
    }
    kept.push(error);
  }
  const lines: string[] = [];
  for (const error of kept) {
    const line =
      `${prefix}${error.instancePath}`.length > 0
        ? `${prefix}${error.instancePath}: ${describe(error)}`
        : `/: ${describe(error)}`;
    if (!lines.includes(line)) lines.push(line);
  }
  if (lines.length <= ERROR_LINE_LIMIT) return lines;
  const shown = lines.slice(0, ERROR_LINE_LIMIT - 1);
  shown.push(`… and ${lines.length - shown.length} more`);
  return shown;
}
