import { nameKey, type PersonSearchCriteria } from '../../domain/person-search.js';

export interface SqlStatement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/**
 * The one statement of a search: the ids of at most `limit` matching active persons, exported so
 * that the tests read its plans. The names and the birth date are one range of
 * `person_names_registry_name_idx` (v1) or `person_names_language_idx` (v2); every other
 * criterion is checked on those few rows through indexes on `person_id` (the persons' primary
 * key, phones, methods, documents). Only the criteria given become conditions, so each
 * combination gets its own plan. A person has at most one row in either index (unique indexes
 * keep it so), hence no DISTINCT and no ORDER BY: the scan stops at `limit` rows.
 */
export function personSearchSql(
  criteria: PersonSearchCriteria,
  now: Date,
  limit: number,
): SqlStatement {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where =
    criteria.language === null
      ? ['n.registry_name']
      : ['n.first_of_language', `n.language = ${param(criteria.language)}`];
  where.push(`n.first_name_key = ${param(nameKey(criteria.firstName))}`);
  where.push(`n.birth_date = ${param(criteria.birthDate)}::date`);
  if (criteria.lastName !== undefined) {
    where.push(`n.last_name_key = ${param(nameKey(criteria.lastName))}`);
  }
  if (criteria.secondName !== undefined) {
    where.push(`n.second_name_key = ${param(nameKey(criteria.secondName))}`);
  }
  where.push(`p.status = 'active'`);
  if (criteria.taxId !== undefined) where.push(`p.tax_id = ${param(criteria.taxId)}`);
  if (criteria.phoneNumber !== undefined) {
    const phone = param(criteria.phoneNumber);
    // One EXISTS over both places, not an OR of two: an OR of subqueries may be planned as a
    // hash of every phone of the table, this is a semi-join that looks up the person's rows.
    where.push(`EXISTS (SELECT 1 FROM person_phones ph
                         WHERE ph.person_id = p.id AND ph.number = ${phone}
                        UNION ALL
                        SELECT 1 FROM person_authentication_methods m
                         WHERE m.person_id = p.id AND m.type = 'OTP' AND m.phone_number = ${phone}
                           AND (m.ended_at IS NULL OR m.ended_at > ${param(now)}))`);
  }
  if (criteria.document !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM person_documents d
                         WHERE d.person_id = p.id AND d.type = ${param(criteria.document.type)}
                           AND d.number = ${param(criteria.document.number)})`);
  }
  return {
    text: `SELECT n.person_id AS id
             FROM person_names n JOIN persons p ON p.id = n.person_id
            WHERE ${where.join('\n              AND ')}
            LIMIT ${param(limit)}`,
    params,
  };
}
