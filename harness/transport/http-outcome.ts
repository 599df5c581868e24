// What one Streamable HTTP exchange came to: the data the transport records and rules read.

/** What one HTTP exchange (POST or GET) came to. */
export interface HttpOutcome {
  label: string;
  /** HTTP status, or null when none came (connection error, or closed before the headers). */
  status: number | null;
  contentType: string;
  /** Body of a response that is not an SSE stream (cut to 2000 characters). */
  body: string;
  /** Connection error code or message, when the exchange failed. */
  error?: string;
  /** Session clock time the status arrived. */
  at: number | null;
}
