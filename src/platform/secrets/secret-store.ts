import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Secrets that every instance of the service must share (the HMAC key of signed upload URLs, the
 * key of the built-in OTP's code hashes), kept in PostgreSQL: instances with their own DATA_DIR
 * but one database then accept each other's URLs and codes. Each secret is generated once, by
 * whichever instance asks first; a concurrent first ask by another instance reads the winner's.
 */
@Injectable()
export class SecretStore {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(private readonly dataSource: DataSource) {}

  /** The secret named `name`: 32 random bytes made on first use, the same ever after. */
  get(name: string): Promise<Buffer> {
    let secret = this.cache.get(name);
    if (secret === undefined) {
      secret = this.load(name);
      // A failed read (database down) is not remembered: the next caller tries again.
      secret.catch(() => this.cache.delete(name));
      this.cache.set(name, secret);
    }
    return secret;
  }

  private async load(name: string): Promise<Buffer> {
    const candidate = randomBytes(32).toString('hex');
    const rows: { value: string }[] = await this.dataSource.query(
      `INSERT INTO service_secrets (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
       RETURNING value`,
      [name, candidate],
    );
    return Buffer.from(rows[0].value, 'utf8');
  }
}
