import {
  DATABASE_TIMEOUTS,
  dataSourceOptions,
} from '../../../../src/platform/database/data-source-options.js';
import { typeOrmOptions } from '../../../../src/platform/database/database.module.js';

const SCHEMA = { entities: [], migrations: [] };

describe('the service connection options', () => {
  it('opens every connection with the statement and lock limits, and none on idle transactions', () => {
    const options = typeOrmOptions({ url: 'postgres://db/x' }, SCHEMA);
    expect(options.extra).toMatchObject({ statement_timeout: 10_000, lock_timeout: 5_000 });
    // The event relay keeps its claim open while the broker answers.
    expect(options.extra).not.toHaveProperty('idle_in_transaction_session_timeout');
    expect(options).toMatchObject({ synchronize: false, migrationsRun: true, retryAttempts: 3 });
    expect(DATABASE_TIMEOUTS.statementTimeoutMs).toBe(10_000);
  });

  it('sets no statement limit of its own for the migration command, and keeps the lock limit', () => {
    const options = dataSourceOptions(
      { url: 'postgres://db/x', migrationsRun: false, statementTimeoutMs: 0 },
      SCHEMA,
    );
    expect(options.extra).not.toHaveProperty('statement_timeout');
    expect(options.extra).toMatchObject({ lock_timeout: 5_000 });
    expect(options).toMatchObject({ migrationsRun: false, synchronize: false });
  });

  it('sends neither limit when both are 0 (behind PgBouncer, the role sets them)', () => {
    const options = dataSourceOptions(
      { url: 'postgres://db/x', statementTimeoutMs: 0, lockTimeoutMs: 0 },
      SCHEMA,
    );
    expect(options.extra).not.toHaveProperty('statement_timeout');
    expect(options.extra).not.toHaveProperty('lock_timeout');
  });
});
