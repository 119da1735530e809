import { DataSource } from 'typeorm';
import { TypeOrmUnitOfWork } from '../../../src/platform/database/transaction-context.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../../src/schema.js';
import { createTestDatabase } from '../../support/database.js';

/**
 * A migrated database of its own for one contract spec file, opened before its tests and closed
 * after them; `fresh()` empties the given tables and answers a new unit of work on it.
 */
export function contractDatabase(label: string) {
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'postgres',
      url: await createTestDatabase(label),
      entities: EHEALTH_ENTITIES,
      migrations: EHEALTH_MIGRATIONS,
      migrationsRun: true,
      logging: false,
    });
    await dataSource.initialize();
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
