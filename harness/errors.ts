// Errors that end a run with a one-line message and a documented exit code (DESIGN.md "Command line").

/** Exit codes of the command line. */
export const EXIT = { ok: 0, failures: 1, usage: 2, target: 3 } as const;

/** Bad usage: the message names the option, what was expected and what was given. Exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
}

/** The target could not be started or never completed a handshake; the message says why. Exit 3. */
export class TargetError extends Error {
  readonly exitCode = EXIT.target;
}
