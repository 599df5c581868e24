// Numbers as the HTML report shows them: durations people read, metric values, and chart positions.

// Why: milliseconds as people read them: 0.2 ms, 14 ms, 1,250 ms, 12.5 s.
export function ms(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 10_000) return `${(n / 1000).toFixed(1)} s`;
  if (n < 10 && !Number.isInteger(n)) return `${n.toFixed(1)} ms`;
  return `${Math.round(n).toLocaleString('en-US')} ms`;
}

// Why: run and rule durations read better in seconds.
export function secs(n: number): string {
  return n < 1000 ? ms(n) : `${(n / 1000).toFixed(1)} s`;
}

// Why: a metric is a time when its name says so (…Ms), otherwise a plain number.
export function metricValue(name: string, value: number): string {
  if (/Ms$/.test(name)) return ms(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

// Why: axes end on a round number (1, 2, 2.5, 5 × 10^k).
export function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * pow) return m * pow;
  return 10 * pow;
}

// Why: SVG positions in percent make every chart as wide as the screen without a viewBox that shrinks text.
export function pct(value: number, max: number): string {
  const p = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return `${(0.5 + p * 0.99).toFixed(2)}%`;
}
