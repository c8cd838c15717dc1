/**
 * The coverage matrix at ten thousand audits: a programme's internal audits of its cycle read
 * straight from one index, by the year each audit counts in (the year it starts, else the year it
 * is planned for), with every column the matrix needs, instead of scanning every audit.
 */
export const sql = `
CREATE INDEX audits_coverage ON audits(standard_id, type, CAST(coalesce(substr(start_date, 1, 4), year) AS INTEGER), start_date, number, status, year, id);
`;
