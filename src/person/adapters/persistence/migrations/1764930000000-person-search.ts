import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameKey } from '../../../domain/person-search.js';

/** Persons read per statement of the backfill: bounded memory whatever the table's size. */
const BATCH = 1000;

interface StoredName {
  readonly id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly second_name: string | null;
  readonly birth_date: string;
}

/**
 * What person search needs (docs/domain-rules.md, Person search): a person's names per language
 * with their search keys, the birth place, and the person's own phones.
 *
 * `person_names` holds every name of a person as written, the registry name and the first entry
 * of each language flagged (what v1 and v2 compare); `birth_date` is copied there so that the
 * name and the birth date, which every search gives, are one index range. The two search indexes
 * serve v1 (registry name, first and last name, birth date) and v2 (language, first name, birth
 * date, and the last name when given); every other parameter narrows those few rows through
 * indexes on `person_id`.
 *
 * The keys of existing persons are computed here by the same function the application uses
 * (`nameKey`), not by PostgreSQL's `lower()`, which folds only ASCII under some collations: an
 * upgraded person is found exactly as one written after the upgrade. Their one name becomes
 * their `uk` name; their birth place stays unknown (null), as nothing recorded it.
 */
export class PersonSearch1764930000000 implements MigrationInterface {
  name = 'PersonSearch1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE persons ADD COLUMN birth_country text, ADD COLUMN birth_settlement text`,
    );
    await q.query(`
      CREATE TABLE person_names (
        person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        position integer NOT NULL,
        language text NOT NULL,
        registry_name boolean NOT NULL,
        first_of_language boolean NOT NULL,
        first_name text NOT NULL,
        last_name text,
        second_name text,
        birth_date date NOT NULL,
        first_name_key text NOT NULL,
        last_name_key text NOT NULL,
        second_name_key text NOT NULL,
        PRIMARY KEY (person_id, position)
      )`);
    await q.query(`
      CREATE TABLE person_phones (
        person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        position integer NOT NULL,
        type text,
        number text NOT NULL,
        PRIMARY KEY (person_id, position)
      )`);
    await this.backfill(q);
    await q.query(
      `CREATE INDEX person_names_registry_name_idx
         ON person_names (first_name_key, last_name_key, birth_date) WHERE registry_name`,
    );
    await q.query(
      `CREATE INDEX person_names_language_idx
         ON person_names (language, first_name_key, birth_date, last_name_key)
         WHERE first_of_language`,
    );
    // At most one row of a person in each search index: a search needs no DISTINCT, so its
    // LIMIT stops the scan, however many namesakes there are.
    await q.query(
      `CREATE UNIQUE INDEX person_names_one_registry_name_idx
         ON person_names (person_id) WHERE registry_name`,
    );
    await q.query(
      `CREATE UNIQUE INDEX person_names_one_per_language_idx
         ON person_names (person_id, language) WHERE first_of_language`,
    );
  }

  /** Every existing person's one name as its `uk` registry name, keyed, in batches by id. */
  private async backfill(q: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await q.query(
        `SELECT id, first_name, last_name, second_name, birth_date::text AS birth_date
           FROM persons WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as StoredName[];
      if (rows.length === 0) return;
      const lastName = (r: StoredName) => (r.last_name === '' ? null : r.last_name);
      await q.query(
        `INSERT INTO person_names (person_id, position, language, registry_name, first_of_language,
                first_name, last_name, second_name, birth_date,
                first_name_key, last_name_key, second_name_key)
         SELECT id, 0, 'uk', true, true, first_name, last_name, second_name, birth_date,
                first_name_key, last_name_key, second_name_key
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[],
                       $6::text[], $7::text[], $8::text[])
             AS n(id, first_name, last_name, second_name, birth_date,
                  first_name_key, last_name_key, second_name_key)`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.first_name),
          rows.map(lastName),
          rows.map((r) => r.second_name),
          rows.map((r) => r.birth_date),
          rows.map((r) => nameKey(r.first_name)),
          rows.map((r) => nameKey(lastName(r))),
          rows.map((r) => nameKey(r.second_name)),
        ],
      );
      after = rows[rows.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS person_phones`);
    await q.query(`DROP TABLE IF EXISTS person_names`);
    await q.query(
      `ALTER TABLE persons DROP COLUMN IF EXISTS birth_settlement, DROP COLUMN IF EXISTS birth_country`,
    );
  }
}
