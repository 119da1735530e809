import type { DataSource } from 'typeorm';
import { SecretStore } from '../../../src/platform/secrets/secret-store.js';
import { createTestDatabase, migratedDataSource } from '../../support/database.js';

describe('SecretStore on PostgreSQL', () => {
  const sources: DataSource[] = [];
  let url: string;

  const instance = async (): Promise<SecretStore> => {
    const dataSource = await migratedDataSource(url);
    sources.push(dataSource);
    return new SecretStore(dataSource);
  };

  beforeAll(async () => {
    url = await createTestDatabase('secrets');
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
  });

  it('makes a secret once and gives every instance the same one', async () => {
    const [a, b] = [await instance(), await instance()];
    const first = await a.get('upload-key');
    expect(first.length).toBe(64);
    await expect(b.get('upload-key')).resolves.toEqual(first);
    await expect(new SecretStore(sources[0]).get('upload-key')).resolves.toEqual(first);
  });

  it('agrees on one secret when instances ask for a new one at the same moment', async () => {
    const stores = await Promise.all([instance(), instance(), instance()]);
    const secrets = await Promise.all(stores.map((s) => s.get('raced-key')));
    expect(new Set(secrets.map((s) => s.toString('hex'))).size).toBe(1);
  });

  it('keeps different names apart', async () => {
    const store = await instance();
    const [one, two] = await Promise.all([store.get('one'), store.get('two')]);
    expect(one.equals(two)).toBe(false);
  });
});
