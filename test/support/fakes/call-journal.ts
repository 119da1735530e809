/**
 * The calls the fakes of one test received, in order, across ports: what a test reads when the
 * order of steps is the behaviour (the budget before the send, the person's lock before the
 * request's, scans before the code).
 */
export class CallJournal {
  readonly entries: string[] = [];

  record(call: string, ...args: readonly unknown[]): void {
    this.entries.push([call, ...args.map(String)].join(' '));
  }

  /** The entries whose call starts with one of the prefixes (for example `otp.` or `uow.`). */
  only(...prefixes: readonly string[]): string[] {
    return this.entries.filter((entry) => prefixes.some((prefix) => entry.startsWith(prefix)));
  }
}
