/**
 * What other features and the CLI may use from management review (ISO 9001 9.3): the meeting
 * record, its signed minutes and the trends. Its calls are wired in `handlers.ts`.
 */
export { createReview, getReview, listReviews, prefill, updateReview } from './records';
export { issueReview } from './issue';
export { trends } from './trends';
