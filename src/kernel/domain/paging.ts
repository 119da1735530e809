/**
 * The most matches a list counts (docs/api.md, Lists). Beyond it `total_entries` reports this
 * bound, so a list never counts millions of rows to say how many there are; a client pages on
 * with `page` whatever the total says.
 */
export const LIST_TOTAL_BOUND = 10_000;

/** Pages of a list of `total` entries; at least 1, as the registry's pager reports an empty list. */
export function totalPages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
