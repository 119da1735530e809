import { LIST_TOTAL_BOUND } from '../../kernel/domain/paging.js';

/** What runs SQL: a DataSource or a transaction's EntityManager. */
interface Queryable {
  query<T>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * The `total_entries` of a list: the rows of `fromWhere` (a FROM item and its WHERE, with `$n`
 * parameters) counted up to LIST_TOTAL_BOUND and no further, so that the count reads at most
 * that many index entries or rows however many match. Every list counts through here.
 */
export async function boundedCount(
  runner: Queryable,
  fromWhere: string,
  parameters: readonly unknown[],
): Promise<number> {
  const rows = await runner.query<{ total: number }[]>(
    `SELECT count(*)::int AS total
       FROM (SELECT 1 FROM ${fromWhere} LIMIT ${LIST_TOTAL_BOUND}) AS bounded`,
    [...parameters],
  );
  return rows[0]?.total ?? 0;
}
