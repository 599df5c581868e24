// --list-rules: every rule with its level, revisions, transports and spec link.

import { specUrl, type RuleInfo } from '../harness/model/rule-info.js';

/** One block per rule, aligned for the terminal. */
export function renderRuleList(rules: readonly RuleInfo[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const newest = r.revisions[r.revisions.length - 1];
    const link = newest ? specUrl(newest, r.page, r.anchor) : '';
    return `${r.id.padEnd(width)}  ${r.keyword.padEnd(11)}  ${r.revisions.join(',')}  ${r.transports.join(',')}\n${' '.repeat(width + 2)}${r.title}: ${link}`;
  });
  return lines.join('\n') + '\n';
}
