import type { DataSource } from 'typeorm';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { createTestDatabase, migratedDataSource } from '../../support/database.js';

/**
 * A migrated database of its own for one contract spec file, opened before its tests and closed
 * after them; `fresh()` empties the given tables and answers a new unit of work on it.
 */
export function contractDatabase(label: string) {
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    dataSource = await migratedDataSource(await createTestDatabase(label));
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });
  const source = (): DataSource => {
    if (!dataSource) throw new Error('the contract database is not open yet');
    return dataSource;
  };
  return {
    source,
    async fresh(...tables: string[]): Promise<TypeOrmUnitOfWork> {
      if (tables.length > 0) await source().query(`TRUNCATE ${tables.join(', ')} CASCADE`);
      return new TypeOrmUnitOfWork(source());
    },
  };
}
