import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyStore, type ClaimOutcome, type KeyClaim } from './idempotency-store.js';

interface KeyRow {
  readonly owner: string;
  readonly fingerprint: string;
  readonly status: number | null;
  readonly body: string | null;
}

/**
 * Keys in the `idempotency_keys` table, one row per client and key. A claim is one upsert: a new
 * key is inserted "in progress" (no status yet) under the claimant's owner id; an existing one is
 * taken over only when it has expired, or when it is the same request's claim older than the
 * lease (its instance died). The primary key makes concurrent claims of every instance meet on
 * one row, so exactly one of them gets it. The expiry follows the service's clock, the lease the
 * database's.
 */
@Injectable()
export class PostgresIdempotencyStore extends IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async claim(claim: KeyClaim): Promise<ClaimOutcome> {
    const claimed: KeyRow[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k
              (client_id, key, fingerprint, owner, claimed_at, expires_at)
       VALUES ($1, $2, $3, $4, clock_timestamp(), $5)
       ON CONFLICT (client_id, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, owner = EXCLUDED.owner,
              claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at,
              status = NULL, body = NULL
        WHERE k.expires_at <= $6
           OR (k.status IS NULL AND k.fingerprint = EXCLUDED.fingerprint
               AND k.claimed_at <= clock_timestamp() - make_interval(secs => $7::float8 / 1000))
       RETURNING owner`,
      [
        claim.clientId,
        claim.key,
        claim.fingerprint,
        claim.owner,
        new Date(claim.now.getTime() + claim.ttlMs),
        claim.now,
        claim.leaseMs,
      ],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT owner, fingerprint, status, body FROM idempotency_keys
        WHERE client_id = $1 AND key = $2`,
      [claim.clientId, claim.key],
    );
    const row = rows[0];
    // Released between the two statements: the next claim finds the key free.
    if (row === undefined) return { kind: 'in_progress' };
    if (row.fingerprint !== claim.fingerprint) return { kind: 'other_request' };
    if (row.status === null || row.body === null) return { kind: 'in_progress' };
    return { kind: 'answered', status: row.status, body: row.body };
  }

  async complete(
    claim: Pick<KeyClaim, 'clientId' | 'key' | 'owner'>,
    status: number,
    body: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = $4, body = $5
        WHERE client_id = $1 AND key = $2 AND owner = $3 AND status IS NULL`,
      [claim.clientId, claim.key, claim.owner, status, body],
    );
  }

  async release(claim: Pick<KeyClaim, 'clientId' | 'key' | 'owner'>): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys
        WHERE client_id = $1 AND key = $2 AND owner = $3 AND status IS NULL`,
      [claim.clientId, claim.key, claim.owner],
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE expires_at <= $1`,
      [now],
    );
    return count;
  }
}
