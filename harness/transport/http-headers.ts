// Reading HTTP response headers (the request headers MCP asks for are harness/session/http-rules.ts).

export function headerOf(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
