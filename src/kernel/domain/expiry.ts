/**
 * Requests that wait for the patient expire: a NEW request created at or before the cutoff
 * (now − its time to live) has expired, whether or not a sweep stored that yet.
 */
export function expiryCutoff(now: Date, ttlMs: number): Date {
  return new Date(now.getTime() - ttlMs);
}

export function isPastCutoff(insertedAt: Date, cutoff: Date): boolean {
  return insertedAt.getTime() <= cutoff.getTime();
}

/** A NEW request created at or before the cutoff has EXPIRED, whether or not that was stored. */
export function statusAfterExpiry<S extends string>(
  request: { readonly status: S; readonly insertedAt: Date },
  cutoff: Date,
): S | 'EXPIRED' {
  return request.status === 'NEW' && isPastCutoff(request.insertedAt, cutoff)
    ? 'EXPIRED'
    : request.status;
}
