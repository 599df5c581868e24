// The HTML report: one self-contained page a server author can publish. It loads nothing from anywhere
// (inline CSS, one inline script allowed by its hash, inline SVG), reads on a laptop, a phone and paper,
// and treats every string that came from the target as text. A pure function of the RunReport.
//
// Safety, in layers: every string in the markup goes through `esc` (& < > " ' and invisible control or
// bidi characters); every string in the transcript data has its control and bidi characters made visible,
// is JSON-encoded with < > & escaped, and is put into the page by the script as text, never as markup; the
// only links are the suite's spec links, and only to https://modelcontextprotocol.io; no target string
// ever enters the script's text; and the Content-Security-Policy admits nothing but the one script whose
// hash it names, so even a missed escape could not run code or fetch anything.
//
// Transcripts are data: each shown event is one compact row in a single JSON data block (a
// <script type="application/json"> that nothing executes, with < > & escaped so no string can leave it),
// and the page's script draws a result's timeline and event list from its rows, as text, when a reader
// opens it. A page so carries every event once instead of SVG and list markup for all of them.
//
// The pieces: escape.ts (the text gate), numbers.ts, verdict.ts, then one module a section (header,
// discovery, matrix, chart, result with transcript → rows / events), css.ts, script.ts with draw.ts (the
// transcript drawing that runs in the browser), and page.ts for the frame around them. This file only
// assembles them.

import type { RunReport } from '../../harness/model/report.js';
import { latencySection } from './chart.js';
import { discoverySection } from './discovery.js';
import { header } from './header.js';
import { matrixSection } from './matrix.js';
import { DEFS, footer, head, toc } from './page.js';
import { resultsSection } from './result.js';
import { pageScript } from './script.js';
import { dataBlock, pageData } from './data.js';

/** Renders the whole report as one self-contained HTML document (no external loads, CSP-locked). */
export function renderHtml(report: RunReport): string {
  const data = pageData(report.results);
  const drawn = Object.values(data.tx);
  const script = pageScript({
    tasks: drawn.some((d) => d.tsk !== undefined),
    samples: drawn.some((d) => d.smp !== undefined),
  });
  return `<!doctype html>
<html lang="en">
${head(report, script)}
<body>
${DEFS}
<main>
${toc(report)}
${header(report)}
${discoverySection(report.discovery)}
${matrixSection(report.results)}
${latencySection(report.results, report.discovery)}
${resultsSection(report.results)}
${footer(report)}
</main>
${dataBlock('mcc-data', data)}
<script>${script}</script>
</body>
</html>
`;
}
