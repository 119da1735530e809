/**
 * Waits for every promise, then answers their values in order, or fails with the first failure
 * in the order given. For statements sent together on one connection that is the one that failed
 * the transaction, not a later one refused because of it.
 */
export async function settledInOrder<T extends readonly unknown[]>(pending: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const outcomes = await Promise.allSettled(pending as readonly Promise<unknown>[]);
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
