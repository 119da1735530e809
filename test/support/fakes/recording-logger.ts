/** One call of a logger method, as the code under test made it. */
export interface LogEntry {
  readonly level: 'log' | 'warn' | 'error';
  readonly fields: unknown;
  readonly message: unknown;
}

/** A logger that keeps what it is given (the shape of Nest's Logger with pino's object-first style). */
export class RecordingLogger {
  readonly entries: LogEntry[] = [];

  log(fields: unknown, message?: unknown): void {
    this.entries.push({ level: 'log', fields, message });
  }
  warn(fields: unknown, message?: unknown): void {
    this.entries.push({ level: 'warn', fields, message });
  }
  error(fields: unknown, message?: unknown): void {
    this.entries.push({ level: 'error', fields, message });
  }
}
