// The HTML report in a real browser: a real run against the hostile fixture (its serverInfo, tool
// descriptions and stderr carry script and markup payloads), rendered and opened in headless Chromium.
// Proves that no payload runs and nothing loads, that the payloads read as text, that the filters work,
// and takes laptop and phone screenshots (out/screenshots/) for people to look at.
// Uses Debian's Chromium through playwright-core (no browser download); skipped where it is absent.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../harness/model/protocol.js';
import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { TranscriptEvent } from '../harness/model/transcript.js';
import { runSuite } from '../harness/runner.js';
import { RULES } from '../suites/index.js';
import { renderHtml } from './html.js';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const FIXTURE = resolve(ROOT, 'dist/fixtures/hostile/html-payloads.js');
const SHOTS = resolve(ROOT, 'out/screenshots');
const RULE_IDS = ['CANCEL-NO-RESPONSE', 'CANCEL-RECV-STOP-PROCESSING', 'PING-RESPOND-PROMPTLY'];
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Literal payload text the fixture puts in serverInfo and stderr; the page must show it as text. */
const VISIBLE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '</title><script>window.__pwned=3</script>',
];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`html.browser.test: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);

/** What one page did while it was open: everything that would betray a payload that ran. */
interface Watch {
  requests: string[];
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

async function open(context: BrowserContext, url: string): Promise<{ page: Page; watch: Watch }> {
  const page = await context.newPage();
  const watch: Watch = { requests: [], dialogs: [], consoleErrors: [], pageErrors: [] };
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => watch.pageErrors.push(e.message));
  await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  return { page, watch };
}

// Page-side code is passed as text: the project compiles without the DOM library.
const COUNT_COLOURS = `async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = Math.min(img.height, 4000);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 28) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  return seen.size;
}`;

/** Distinct colours of a PNG, counted by drawing it into a canvas of a blank page (no CSP there). */
async function distinctColours(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    const src = JSON.stringify(`data:image/png;base64,${png.toString('base64')}`);
    return await page.evaluate<number>(`(${COUNT_COLOURS})(${src})`);
  } finally {
    await page.close();
  }
}

describe.skipIf(!haveChromium)('HTML report in Chromium (skipped without /usr/bin/chromium)', () => {
  let browser: Browser | undefined;
  let dir = '';
  let url = '';
  let report: RunReport;

  beforeAll(async () => {
    if (!existsSync(FIXTURE))
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
    report = await runSuite({
      command: {
        file: process.execPath,
        args: [FIXTURE],
        cwd: ROOT,
        env: {},
        display: ['dist/fixtures/hostile/html-payloads.js'],
      },
      revisions: 'default',
      rules: RULES.filter((r) => RULE_IDS.includes(r.id)),
      slowTool: null,
      requestTool: null,
      seed: 20261120,
      timeScale: 1,
      strict: false,
      concurrency: 3,
    });
    // The fixture is conformant, so every result passes; one copy marked as a failure lets the test see the
    // "only problems" filter keep something as well as hide something.
    const sample = report.results.find((r) => r.rule === 'CANCEL-RECV-STOP-PROCESSING') ?? report.results[0];
    if (sample) {
      report.results.push({
        ...sample,
        rule: 'SYNTHETIC-FAILURE',
        level: 'MUST',
        verdict: 'fail',
        summary: 'a failure added by the test to exercise the filters',
        expected: 'nothing',
        actual: 'this synthetic failure',
        evidence: sample.transcript
          .filter((e) => e.dir === 'server')
          .map((e) => e.seq)
          .slice(-3),
      });
      report.counts.fail++;
    }
    dir = mkdtempSync(join(tmpdir(), 'mcc-html-'));
    const file = join(dir, 'report.html');
    const html = renderHtml(report);
    writeFileSync(file, html);
    url = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
    mkdirSync(SHOTS, { recursive: true });
    // The page itself beside its screenshots, for people to open.
    writeFileSync(join(SHOTS, 'html-report.html'), html);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ran the rules against the hostile fixture and kept its payloads in the report', () => {
    expect(report.results.map((r) => r.rule).sort()).toEqual([...RULE_IDS, 'SYNTHETIC-FAILURE'].sort());
    expect(report.results.filter((r) => r.rule !== 'SYNTHETIC-FAILURE').map((r) => r.verdict)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
    expect(report.target.serverInfo?.name).toContain('<script>window.__pwned=3</script>');
    expect(report.results.some((r) => r.stderrTail.some((l) => l.includes(VISIBLE[0] ?? '')))).toBe(true);
  });

  it('runs no payload, loads nothing, and shows the payloads as text (laptop)', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, watch } = await open(context, url);
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      await page.mouse.move(400, 400);
      await page.waitForTimeout(300);
      expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
      expect(watch.dialogs).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.pageErrors).toEqual([]);
      expect(watch.requests).toEqual([url]);
      const text = await page.locator('body').innerText();
      for (const payload of VISIBLE) expect(text).toContain(payload);
      expect(await page.title()).toContain('</title><script>window.__pwned=3</script>');
      expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
      // The one script that runs, and the data block it draws transcripts from (which nothing runs).
      expect(await page.locator('script:not([type])').count()).toBe(1);
      expect(await page.locator('script[type="application/json"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('filters: "only problems" hides passing rows and results, the level filter hides by level', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await open(context, url);
      const rows = page.locator('table.matrix tbody tr');
      const visibleRows = (): Promise<number> => page.locator('table.matrix tbody tr:visible').count();
      expect(await rows.count()).toBe(4);
      expect(await visibleRows()).toBe(4);
      await page.getByLabel('Only problems').check();
      expect(await visibleRows()).toBe(1);
      expect(await page.locator('table.matrix tbody tr:visible').innerText()).toContain('SYNTHETIC');
      expect(await page.locator('details.result:visible').count()).toBe(1);
      await expect.poll(() => page.locator('#f-status').innerText()).toContain('showing 1 of 4');
      await page.getByLabel('Only problems').uncheck();
      await page.getByLabel('MUST', { exact: true }).uncheck();
      const shown = await Promise.all(
        (await page.locator('details.result:visible').all()).map((d) => d.getAttribute('data-levels')),
      );
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((l) => l !== 'MUST')).toBe(true);
      // Printing shows everything, filters or not.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('details.result:visible').count()).toBe(4);
      expect(await page.locator('#filters').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('links from a timeline mark open the message it stands for', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await open(context, url);
      const mark = page.locator('details.result[open] .tl-lane a').first();
      const target = (await mark.getAttribute('href')) ?? '';
      expect(target).toMatch(/^#r\d+-e\d+$/);
      await mark.click();
      if ((await page.locator(`${target} details`).count()) > 0) {
        expect(await page.locator(`${target} details[open]`).count()).toBe(1);
      }
      expect(await page.locator(target).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('draws a folded passing result when it is opened: quote, metrics, timeline, messages as text', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page, watch } = await open(context, url);
      const card = page.locator('details.result.b-pass').first();
      // Nothing of its transcript is drawn until it is opened; its quote is there from the data.
      expect(await card.locator('.tl-lane').count()).toBe(0);
      expect(await card.locator('blockquote.quote strong').count()).toBeGreaterThan(0);
      await card.locator('summary').first().click();
      expect(await card.locator('blockquote.quote').innerText()).toMatch(/(MUST|SHOULD)/);
      const [timeline, messages] = await card.locator('details[data-tx]').all();
      // The toggle event that draws comes as a task of its own after the click.
      await timeline!.locator('summary').first().click();
      await expect.poll(() => card.locator('.tl-lane a').count()).toBeGreaterThan(2);
      expect(await card.locator('.tl-lane').count()).toBeGreaterThanOrEqual(2);
      await messages!.locator('summary').first().click();
      await expect.poll(() => card.locator('ol.events > li').count()).toBeGreaterThan(2);
      await page.evaluate(
        `document.querySelectorAll('ol.events details').forEach((d) => { d.open = true; })`,
      );
      const text = await card.locator('ol.events').innerText();
      // The server's payloads, inside its messages, read as text; none of them ran.
      expect(text).toContain('"jsonrpc": "2.0"');
      expect(text).toContain(VISIBLE[2]);
      expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a link to an event of a folded result draws that result and opens the event', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const { page } = await open(context, url);
      const target = await page.evaluate<string>(`(() => {
        const data = JSON.parse(document.getElementById('mcc-data').textContent);
        const rid = Object.keys(data.tx).find((id) => !document.getElementById(id).open);
        const row = data.tx[rid].ev.find((x) => typeof x !== 'number');
        return rid + '-e' + row[0];
      })()`);
      expect(target).toMatch(/^r\d+-e\d+$/);
      const { page: linked } = await open(context, `${url}#${target}`);
      expect(await linked.locator(`[id="${target}"]`).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('renders to non-blank screenshots on a laptop and a phone, without sideways scrolling', async () => {
    const shots: { name: string; width: number; height: number; mobile: boolean }[] = [
      { name: 'html-report-laptop.png', width: 1280, height: 900, mobile: false },
      { name: 'html-report-phone.png', width: 390, height: 844, mobile: true },
    ];
    for (const s of shots) {
      const context = await browser!.newContext({
        viewport: { width: s.width, height: s.height },
        isMobile: s.mobile,
        hasTouch: s.mobile,
        deviceScaleFactor: s.mobile ? 2 : 1,
      });
      try {
        const { page } = await open(context, url);
        const size = await page.evaluate<{ scroll: number; height: number }>(
          '({ scroll: document.documentElement.scrollWidth, height: document.body.scrollHeight })',
        );
        expect(size.scroll, `${s.name}: no sideways scroll`).toBeLessThanOrEqual(s.width);
        expect(size.height).toBeGreaterThan(s.height);
        const png = await page.screenshot({ path: join(SHOTS, s.name), fullPage: true, timeout: 30_000 });
        expect(png.length, `${s.name} bytes`).toBeGreaterThan(50_000);
        expect(await distinctColours(browser!, png), `${s.name} colours`).toBeGreaterThan(40);
      } finally {
        await context.close();
      }
    }
    console.log(`screenshots: ${shots.map((s) => join(SHOTS, s.name)).join(', ')}`);
  });
});

/** A run of one result whose transcript carries what the timeline draws beside its lanes. */
function drawnReport(): RunReport {
  const events: TranscriptEvent[] = [];
  const add = (e: Omit<TranscriptEvent, 'seq'>): void => {
    events.push({ ...e, seq: events.length } as TranscriptEvent);
  };
  const message = (t: number, dir: 'client' | 'server', m: Json): void =>
    add({ t, dir, kind: 'message', message: m });
  message(1, 'client', {
    jsonrpc: '2.0',
    id: 2,
    method: 'tools/call',
    params: { name: 'slow', arguments: {} },
  });
  // The process tree every 100 ms: CPU climbs while the call works, then flattens after the cancel at 600 ms.
  for (let i = 0; i <= 12; i++) {
    const t = 50 + i * 100;
    add({
      t,
      dir: 'harness',
      kind: 'sample',
      text: `process tree sample ${i}`,
      sample: {
        t,
        cpuMs: Math.min(i, 6) * 90,
        rssKb: 40_000 + i * 10,
        fds: 20 + Math.min(i, 6),
        threads: 8,
        processes: i >= 3 && i < 7 ? 2 : 1,
        descendants: [],
      },
    });
    if (t === 550)
      message(600, 'client', { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } });
  }
  // The target ends between the last two samples: the last one is of a fresh target, and no line joins them.
  add({ t: 1200, dir: 'harness', kind: 'exit', text: 'the target exited (code 0)' });
  events.sort((a, b) => a.t - b.t).forEach((e, seq) => (e.seq = seq));
  const result: RuleResult = {
    rule: 'CANCEL-RECV-FREE-RESOURCES',
    level: 'SHOULD',
    revision: '2025-11-25',
    transport: 'stdio',
    verdict: 'warn',
    summary: 'drawn by the test',
    title: 'Resources freed after a cancel',
    metrics: {},
    evidence: [],
    transcript: events,
    stderrTail: [],
    durationMs: 1300,
  };
  return {
    schemaVersion: 1,
    tool: { name: 'mcp-cancel-conformance', version: '0.0.0' },
    target: {
      transport: 'stdio',
      command: ['server'],
      url: null,
      serverInfo: null,
      revisions: ['2025-11-25'],
    },
    discovery: null,
    seed: 1,
    strict: false,
    timeScale: 1,
    startedAt: '2026-12-04T15:00:00.000Z',
    durationMs: 1300,
    results: [result, taskResult()],
    counts: {
      pass: 0,
      fail: 0,
      warn: 2,
      info: 0,
      untestable: 0,
      'not-applicable': 0,
      inconclusive: 0,
      error: 0,
    },
  };
}

/** Task A created, polled, cancelled with tasks/cancel and polled again; task B, created beside it, left working. */
function taskResult(): RuleResult {
  const events: TranscriptEvent[] = [];
  const message = (t: number, dir: 'client' | 'server', m: Json): void => {
    events.push({ seq: events.length, t, dir, kind: 'message', message: m });
  };
  const task = (taskId: string, status: string): Json => ({
    taskId,
    status,
    createdAt: '2026-12-04T15:00:00Z',
  });
  message(1, 'client', { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'slow', task: {} } });
  message(20, 'server', { jsonrpc: '2.0', id: 2, result: { task: task('A', 'working') } });
  message(21, 'client', { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'slow', task: {} } });
  message(40, 'server', { jsonrpc: '2.0', id: 3, result: { task: task('B', 'working') } });
  for (let i = 0; i < 3; i++) {
    message(100 + i * 100, 'client', {
      jsonrpc: '2.0',
      id: 4 + i,
      method: 'tasks/get',
      params: { taskId: 'A' },
    });
    message(105 + i * 100, 'server', { jsonrpc: '2.0', id: 4 + i, result: task('A', 'working') });
  }
  message(400, 'client', { jsonrpc: '2.0', id: 7, method: 'tasks/cancel', params: { taskId: 'A' } });
  message(404, 'server', { jsonrpc: '2.0', id: 7, result: task('A', 'cancelled') });
  message(406, 'server', {
    jsonrpc: '2.0',
    method: 'notifications/tasks/status',
    params: task('A', 'cancelled'),
  });
  message(600, 'client', { jsonrpc: '2.0', id: 8, method: 'tasks/get', params: { taskId: 'A' } });
  message(603, 'server', { jsonrpc: '2.0', id: 8, result: task('A', 'cancelled') });
  message(610, 'client', { jsonrpc: '2.0', id: 9, method: 'tasks/get', params: { taskId: 'B' } });
  message(612, 'server', { jsonrpc: '2.0', id: 9, result: task('B', 'working') });
  return {
    rule: 'TASK-RELATED-META-CANCEL',
    level: 'MUST',
    revision: '2025-11-25',
    transport: 'stdio',
    verdict: 'warn',
    summary: 'drawn by the test',
    title: 'tasks/cancel cancels the task it names',
    metrics: {},
    evidence: [],
    transcript: events,
    stderrTail: [],
    durationMs: 700,
  };
}

describe.skipIf(!haveChromium)('HTML timeline beside its lanes, in Chromium', () => {
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
    dir = mkdtempSync(join(tmpdir(), 'mcc-draw-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the process samples as CPU and tree charts on the time axis, cancels marked, glyphs named', async () => {
    const file = join(dir, 'samples.html');
    writeFileSync(file, renderHtml(drawnReport()));
    const context = await browser!.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context, pathToFileURL(file).href);
      const charts = page.locator('#r0 svg.tl-smp');
      await expect.poll(() => charts.count()).toBe(2);
      // CPU: one line segment between each two of the 13 samples but across the exit; tree: three series.
      expect(await charts.nth(0).locator('line.sl').count()).toBe(11);
      expect(await charts.nth(1).locator('line.sl').count()).toBe(33);
      expect(await charts.nth(0).getAttribute('aria-label')).toContain('CPU time 0 to 540 over 13 samples');
      expect(await charts.nth(1).getAttribute('aria-label')).toContain('processes 1 to 1');
      // The cancel is a dashed line across both charts too, at the same place as in the lanes.
      const cancelAt = await page.locator('#r0 svg.tl-lane:not(.tl-smp) line.cx').first().getAttribute('x1');
      expect(await charts.nth(0).locator('line.cx').getAttribute('x1')).toBe(cancelAt);
      expect(await charts.nth(1).locator('line.cx').getAttribute('x1')).toBe(cancelAt);
      // Every point of a series has its glyph and says its value; the legend names glyph, dash and range.
      expect(await charts.nth(1).locator('text.sg').count()).toBe(39);
      expect(await charts.nth(0).locator('text.sg title').first().textContent()).toBe(
        '50.0 ms · CPU time 0 ms · 39.1 MB resident',
      );
      const legend = await page.locator('#r0 .tl ~ ul.legend').last().innerText();
      expect(legend).toContain('◆ CPU time: 0 ms → 540 ms');
      expect(legend).toContain('■ descriptors (dashed): 20 → 26');
      expect(legend).toContain('▲ threads: 8 → 8');
      expect(legend).toContain('● processes (dotted): 1 → 1');
      expect(legend).toContain('13 samples of the process tree');
      expect(legend).toContain('no line across the end of a target');
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      mkdirSync(SHOTS, { recursive: true });
      await page
        .locator('#r0 details[data-tx]')
        .first()
        .screenshot({ path: join(SHOTS, 'html-samples.png') });
    } finally {
      await context.close();
    }
  });

  it("draws each task's status history as a lane: a band per status, named at each change, tasks/cancel marked", async () => {
    const file = join(dir, 'tasks.html');
    writeFileSync(file, renderHtml(drawnReport()));
    const context = await browser!.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const { page, watch } = await open(context, pathToFileURL(file).href);
      const lanes = page.locator('#r1 .tl-l', { hasText: /^task/ });
      await expect.poll(() => lanes.allInnerTexts()).toEqual(['TASK 1', 'TASK 2']);
      expect(await lanes.first().getAttribute('title')).toBe('task A');
      const a = page.locator('#r1 svg[aria-label^="status of task A"]');
      expect(await a.getAttribute('aria-label')).toBe(
        'status of task A: working at 20 ms, working at 105 ms, working at 205 ms, working at 305 ms, cancelled at 404 ms, cancelled at 406 ms, cancelled at 603 ms',
      );
      // One band per answer, its status written where it changes; the bands end where the next begins.
      expect(await a.locator('rect.tb').count()).toBe(7);
      expect(await a.locator('text.tt').allTextContents()).toEqual(['working', 'cancelled']);
      expect(await a.locator('rect.st-cancelled title').first().textContent()).toBe(
        'cancelled from 404 ms to 406 ms (tasks/cancel)',
      );
      expect(await a.locator('rect.st-cancelled title').nth(1).textContent()).toBe(
        'cancelled from 406 ms to 603 ms (notifications/tasks/status)',
      );
      expect(await a.locator('rect.st-working title').first().textContent()).toContain('(CreateTaskResult)');
      // The tasks/cancel the client sent for A is marked on A's lane only.
      expect(await a.locator('text.tcx title').textContent()).toBe('400 ms · tasks/cancel of task A');
      const b = page.locator('#r1 svg[aria-label^="status of task B"]');
      expect(await b.locator('text.tcx').count()).toBe(0);
      expect(await b.locator('text.tt').allTextContents()).toEqual(['working']);
      const legend = await page.locator('#r1 .tl ~ ul.legend').last().innerText();
      expect(legend).toContain('task status: a band from each status the server gave');
      expect(legend).toContain('✕ tasks/cancel sent');
      expect(watch.pageErrors).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
      await page
        .locator('#r1 details[data-tx]')
        .first()
        .screenshot({ path: join(SHOTS, 'html-task-status.png') });
    } finally {
      await context.close();
    }
  });
});
