/**
 * "My actions" at a hundred thousand cases: a person's open cases and the cases waiting for a
 * verification, each read most urgent first straight down an index and stopped after a screenful,
 * instead of sorting every case the person owns.
 */
export const sql = `
CREATE INDEX case_register_owner_due ON case_register(owner_person_id, due_rank, due_key, number);
CREATE INDEX case_register_status_due ON case_register(status_rank, due_rank, due_key, number);
CREATE INDEX case_actions_owner_due ON case_actions(owner_person_id, done_on, due_date);
`;
