/** The registry's paging block of a list, shown in the API explorer. */
export const PAGING_EXAMPLE = { page_number: 1, page_size: 50, total_entries: 1, total_pages: 1 };
