// Swedish formatting gives ISO-style "2027-03-14 10:32" in local time: the same form as every
// day shown elsewhere in the app, in both languages.
const MOMENT = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short' });

/** "2027-03-14 10:32" (local time). */
export function formatMoment(iso: string): string {
  return MOMENT.format(new Date(iso));
}

/** "2027-03-14" (local time). */
export function formatDate(iso: string): string {
  return DAY.format(new Date(iso));
}
