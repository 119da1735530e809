import { DataSource } from 'typeorm';
import { PersonSearch1764930000000 } from '../../src/person/adapters/persistence/migrations/1764930000000-person-search.js';
import { EHEALTH_ENTITIES, EHEALTH_MIGRATIONS } from '../../src/schema.js';
import { createTestDatabase, testPool } from '../support/database.js';
import { checkSearchAnswer } from '../support/ohealth/person-calls.js';
import { expectRegistryAnswer } from '../support/registry/registry-answer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tokenFor } from '../support/tokens.js';

/**
 * Persons stored before search existed: the migration gives each its one name as its `uk` name,
 * keyed by the application's own folding (not PostgreSQL's), so they are found like any other;
 * their birth place was never recorded and is answered as null.
 */
const SEARCH = { Authorization: `Bearer ${tokenFor('person:read')}` };
/** More than one batch of the backfill (1000 persons a statement). */
const GENERATED = 2_500;
const timestampOf = (migration: Function): number => Number(/(\d{13})$/.exec(migration.name)![1]);
const BEFORE = EHEALTH_MIGRATIONS.filter(
  (m) => timestampOf(m) < timestampOf(PersonSearch1764930000000),
);

describe('person search after an upgrade', () => {
  let t: TestApp;
  const ids = { yivha: '0d0b5bd1-3f7c-4ab5-a0a5-6f1f3f4f0c55', solomiia: '' };

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase('search_upgrade');
    const old = new DataSource({
      type: 'postgres',
      url: databaseUrl,
      entities: EHEALTH_ENTITIES,
      migrations: BEFORE,
      logging: false,
    });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();
    // Rows as the release before search wrote them: one name, upper case, composed or not.
    const pool = testPool(databaseUrl);
    const insert = `INSERT INTO persons (id, first_name, last_name, second_name, birth_date, gender,
                            tax_id, no_tax_id, status, verification_status)
                    VALUES ($1, $2, $3, $4, $5, 'FEMALE', NULL, true, 'active', 'VERIFIED')
                    RETURNING id`;
    await pool.query(insert, [
      ids.yivha,
      'ЇВГА'.normalize('NFD'),
      'ҐАЛАҐАН',
      'ЄВГЕНІВНА',
      '1980-02-29',
    ]);
    ids.solomiia = (
      await pool.query<{ id: string }>(insert, [
        'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
        'Соломія',
        '',
        null,
        '2001-03-03',
      ])
    ).rows[0].id;
    await pool.query(
      `INSERT INTO persons (id, first_name, last_name, birth_date, gender, no_tax_id)
       SELECT gen_random_uuid(), 'Тест' || g, 'Пʼятниця', '1970-01-01', 'MALE', true
         FROM generate_series(1, $1::int) AS g`,
      [GENERATED],
    );
    await pool.end();
    // The service starts on it and applies the migration, as an upgraded deployment does.
    t = await createTestApp({ databaseUrl });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('keys every stored person, in every batch', async () => {
    const { rows } = await t.pool.query<{ persons: number; names: number; registry: number }>(
      `SELECT (SELECT count(*)::int FROM persons) AS persons,
              (SELECT count(*)::int FROM person_names) AS names,
              (SELECT count(*)::int FROM person_names WHERE registry_name AND language = 'uk')
                AS registry`,
    );
    expect(rows[0]).toEqual({
      persons: GENERATED + 2,
      names: GENERATED + 2,
      registry: GENERATED + 2,
    });
  });

  it('finds an upgraded person by its name in any case, answering an unknown birth place as null', async () => {
    const res = await t.http
      .get('/api/persons')
      .query({
        first_name: 'Ївга',
        last_name: 'ґалаґан',
        birth_date: '1980-02-29',
        second_name: 'Євгенівна',
      })
      .set(SEARCH)
      .expect(200);
    expectRegistryAnswer('GET /api/persons', res);
    expect(res.body.data).toEqual([
      {
        id: ids.yivha,
        first_name: 'ЇВГА'.normalize('NFD'),
        last_name: 'ҐАЛАҐАН',
        second_name: 'ЄВГЕНІВНА',
        birth_date: '1980-02-29',
        gender: 'FEMALE',
        birth_country: null,
        birth_settlement: null,
        merged_persons: [],
      },
    ]);
    // The registry's clients require a birth place: the deliberate deviation costs this answer.
    expect(checkSearchAnswer('released', res.body)).toEqual([
      '0.birth_country: required',
      '0.birth_settlement: required',
    ]);
  });

  it('gives an upgraded person its one name as its uk name, for v2', async () => {
    const res = await t.http
      .get('/api/v2/persons')
      .query({ first_name: 'ЇВГА', birth_date: '1980-02-29', language: 'uk' })
      .set(SEARCH)
      .expect(200);
    expectRegistryAnswer('GET /api/v2/persons', res);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        id: ids.yivha,
        names: [
          {
            language: 'uk',
            first_name: 'ЇВГА'.normalize('NFD'),
            last_name: 'ҐАЛАҐАН',
            second_name: 'ЄВГЕНІВНА',
          },
        ],
      }),
    ]);
  });

  it('reads an empty stored last name as no last name', async () => {
    const res = await t.http
      .get('/api/v2/persons')
      .query({ first_name: 'соломія', last_name: '', birth_date: '2001-03-03', language: 'uk' })
      .set(SEARCH)
      .expect(200);
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([ids.solomiia]);
  });

  it('finds a person of the last batch', async () => {
    const res = await t.http
      .get('/api/persons')
      .query({ first_name: `ТЕСТ${GENERATED}`, last_name: "П'ятниця", birth_date: '1970-01-01' })
      .set(SEARCH)
      .expect(200);
    expect(res.body.data).toHaveLength(1);
  });
});
