/**
 * Thrown to answer a request with the kept answer of its idempotency key: the exception filter
 * sends `body` (the first answer's JSON text) with `status`, and the answer hook puts this
 * request's id and the key into its `meta`.
 */
export class StoredAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super('Replayed answer of an idempotency key');
    this.name = 'StoredAnswer';
  }
}
