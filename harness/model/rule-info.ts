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
  | 'tasks';

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

/** Builds the rendered spec link of a page at a revision. */
export function specUrl(revision: Revision, page: SpecPage, anchor?: string): string {
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
  };
  const base = `https://modelcontextprotocol.io/specification/${revision}/${paths[page]}`;
  return anchor ? `${base}#${anchor}` : base;
}
