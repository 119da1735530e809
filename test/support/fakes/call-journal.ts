/**
 * The calls the fakes of one test received, in order, across ports: what a test reads when the
 * order of steps is the behaviour (the budget before the send, the person's lock before the
 * request's, scans before the code). A test can also act at a call (`when`), to stand for what
 * another request does at that moment.
 */
export class CallJournal {
  readonly entries: string[] = [];
  private readonly actions: { readonly prefix: string; readonly action: () => void }[] = [];

  record(call: string, ...args: readonly unknown[]): void {
    const entry = [call, ...args.map(String)].join(' ');
    this.entries.push(entry);
    const due = this.actions.findIndex((a) => entry.startsWith(a.prefix));
    if (due >= 0) this.actions.splice(due, 1)[0].action();
  }

  /** The entries whose call starts with one of the prefixes (for example `otp.` or `uow.`). */
  only(...prefixes: readonly string[]): string[] {
    return this.entries.filter((entry) => prefixes.some((prefix) => entry.startsWith(prefix)));
  }

  /**
   * Runs `action` once, at the next call starting with `prefix`, before the fake carries the
   * call out: a concurrent change that the call then finds (a lock granted after another
   * transaction committed, a code checked while another request changed the state).
   */
  when(prefix: string, action: () => void): this {
    this.actions.push({ prefix, action });
    return this;
  }
}
