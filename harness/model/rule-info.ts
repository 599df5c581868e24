// What a rule is, as the specification states it: its id, keyword, quoted sentence, page, revisions
// and transports. Rule files (suites/) declare it; --list-rules and every report read it. Plain data:
// the report carries what it needs of it per result (title, quote, level, specUrl).

import type { Keyword, Revision, Transport } from './protocol.js';

/** The spec page a rule's sentence lives on; the link is built per revision (specUrl). "transports"
 *  is the stdio page in 2026-07-28, "streamable-http" the Streamable HTTP one (one page before). */
export type SpecPage =
  | 'cancellation'
  | 'progress'
  | 'ping'
  | 'messages'
  | 'transports'
  | 'streamable-http'
  | 'lifecycle'
  | 'schema'
  | 'tasks'
  | 'ext-tasks';

export interface RuleInfo {
  /** Stable id from RULES.md, verbatim. */
  id: string;
  title: string;
  /** The RFC 2119 keyword of the quoted sentence: it sets the level of a violation. */
  keyword: Keyword;
  /** The normative sentence, verbatim from the spec. */
  quote: string;
  /** Where a revision words the sentence differently: its own quote. */
  quoteFor?: Partial<Record<Revision, string>>;
  page: SpecPage;
  /** Fragment of the page, without '#'. */
  anchor?: string;
  revisions: readonly Revision[];
  transports: readonly Transport[];
}

/** The tasks extension (`io.modelcontextprotocol/tasks`, SEP-2663) used with 2026-07-28: its own
 *  repository, at the commit RULES.md quotes (the extension has no page on the spec site). */
const EXT_TASKS_URL =
  'https://github.com/modelcontextprotocol/ext-tasks/blob/e4345978be1f602f1fc48d89051e8559dd5302a6/specification/draft/tasks.md';

/** Builds the rendered spec link of a page at a revision. */
export function specUrl(revision: Revision, page: SpecPage, anchor?: string): string {
  if (page === 'ext-tasks') return anchor ? `${EXT_TASKS_URL}#${anchor}` : EXT_TASKS_URL;
  const modern = revision >= '2026-07-28';
  const paths: Record<SpecPage, string> = {
    cancellation: modern ? 'basic/patterns/cancellation' : 'basic/utilities/cancellation',
    progress: modern ? 'basic/patterns/progress' : 'basic/utilities/progress',
    ping: 'basic/utilities/ping',
    messages: revision === '2024-11-05' ? 'basic/messages' : 'basic',
    transports: modern ? 'basic/transports/stdio' : 'basic/transports',
    'streamable-http': modern ? 'basic/transports/streamable-http' : 'basic/transports',
    lifecycle: 'basic/lifecycle',
    schema: 'schema',
    tasks: 'basic/utilities/tasks',
    'ext-tasks': '',
  };
  const base = `https://modelcontextprotocol.io/specification/${revision}/${paths[page]}`;
  return anchor ? `${base}#${anchor}` : base;
}
