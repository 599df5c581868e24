// Case files: a shrunk program with what it needs to run again (`mcp-cancel-conformance replay`).
// The format is closed (unknown members are refused); one zod schema gives its type, its check and
// its JSON Schema.

import * as z from 'zod';
import { isReservedId, Step } from './program.js';
import { JsonObject, Revision } from './protocol.js';

/** Longest wait a case file may ask for: a program that sleeps longer is a damaged file, not a case. */
const LONGEST_WAIT_MS = 60_000;

/** A step as a case file may hold it: the generators never use a reserved id, nor wait a minute. */
const CaseStep = Step.superRefine((step, ctx) => {
  if ((step.kind === 'request' || step.kind === 'request+cancel') && isReservedId(step.id))
    ctx.addIssue({
      code: 'custom',
      path: ['id'],
      input: step.id,
      message: 'an id the harness does not reserve (not 1, not "mcc-x-…")',
    });
  if (step.kind === 'wait' && step.ms > LONGEST_WAIT_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['ms'],
      input: step.ms,
      message: `an integer from 0 to ${LONGEST_WAIT_MS}`,
    });
});

export const CaseFile = z.strictObject({
  caseVersion: z.literal(1),
  tool: z.literal('mcp-cancel-conformance'),
  /** The rule the program broke, and the invariant behind it. */
  rule: z.string().min(1),
  invariant: z.string().min(1),
  revision: Revision,
  seed: z.int(),
  /** The slow tool the program called, with its long-run arguments (null: the program calls none). */
  slowTool: z
    .strictObject({ name: z.string().min(1, { error: 'a tool name' }), args: JsonObject })
    .nullable(),
  program: z.array(CaseStep),
});
export type CaseFile = z.infer<typeof CaseFile>;

/** The case file's JSON Schema (draft-07), for editors and other tools that write case files. */
export const CASE_SCHEMA: { [keyword: string]: unknown } = z.toJSONSchema(CaseFile, { target: 'draft-07' });
