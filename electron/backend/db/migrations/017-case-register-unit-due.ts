/**
 * "Overdue in Äldreomsorgen, most urgent first": a unit's cases in the register's default order,
 * read straight down one index and stopped after a page. Without it SQLite walked the whole
 * register's due order and looked up every row to test its unit (8 ms a page at a million cases,
 * more the smaller the unit), or took the unit's cases and sorted them all.
 */
export const sql = `
CREATE INDEX case_register_unit_due ON case_register(unit_id, due_rank, due_key, number);
`;
