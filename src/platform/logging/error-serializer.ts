/** How many `cause` links of an error are logged. */
const MAX_CAUSES = 5;

interface ErrorFields {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly severity?: unknown;
  readonly constraint?: unknown;
  readonly table?: unknown;
  readonly column?: unknown;
  readonly schema?: unknown;
  readonly driverError?: unknown;
  readonly cause?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * An error raised by running a query: TypeORM's QueryFailedError (it carries the query text and
 * its parameters) or the driver's own error (its message and `detail` quote values: "Key
 * (phone_number)=(+380…) already exists", "invalid input syntax for type uuid: …").
 */
export function isQueryError(error: object): boolean {
  const e = error as ErrorFields;
  if (e.name === 'QueryFailedError' || e.driverError !== undefined) return true;
  return typeof e.severity === 'string' && typeof e.code === 'string' && SQLSTATE.test(e.code);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The stack's frames without its first line, which repeats the message. */
function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const lines = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function typeOf(error: Error): string {
  return error.constructor?.name && error.constructor.name !== 'Object'
    ? error.constructor.name
    : error.name;
}

/**
 * The `err` of a log line. A query error keeps only what locates the fault: its class, the
 * SQLSTATE, constraint, table, column and the stack frames; never the query, its parameters,
 * the driver's message or detail (values), nor driver internals. Other errors keep their type,
 * message, string code, stack and causes, and no other property (a client error's config could
 * carry a token).
 */
export function serializeError(input: unknown, depth = 0): unknown {
  // An error already serialized by pino's standard serializer keeps the original under `raw`.
  const raw: unknown =
    typeof input === 'object' && input !== null && !(input instanceof Error)
      ? (input as { raw?: unknown }).raw
      : undefined;
  const error = raw instanceof Error ? raw : input;
  if (!(error instanceof Error)) return error;
  if (isQueryError(error)) {
    const source = (error as ErrorFields).driverError;
    const fields = (typeof source === 'object' && source !== null ? source : error) as ErrorFields;
    return {
      type: typeOf(error),
      message: 'Query failed (the database message is not logged: it may quote values)',
      code: text(fields.code),
      constraint: text(fields.constraint),
      table: text(fields.table),
      column: text(fields.column),
      stack: frames(error.stack),
    };
  }
  const { code, cause } = error as ErrorFields;
  return {
    type: typeOf(error),
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
    ...(cause !== undefined && depth < MAX_CAUSES
      ? { cause: serializeError(cause, depth + 1) }
      : {}),
  };
}
