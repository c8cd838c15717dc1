/**
 * The overview's programme figures at ten thousand audits: the year's audits counted by type and
 * status from one index, and the audits still ahead found by the day they end (their start day
 * when they have no end) instead of reading ten years of history to find next month's.
 */
export const sql = `
CREATE INDEX audits_year_type_status ON audits(year, type, status);
CREATE INDEX audits_ahead ON audits(coalesce(end_date, start_date, ''), status);
`;
