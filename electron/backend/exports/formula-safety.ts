/**
 * Spreadsheet cells that cannot attack the reader (issue 14.2, OWASP "CSV injection"). A cell whose
 * text begins with `=`, `+`, `-`, `@`, a tab or a carriage return may be taken for a formula by Excel
 * or LibreOffice (`=HYPERLINK(...)`, `=cmd|...` DDE), so it is written with a leading apostrophe:
 * the spreadsheet shows it as text and runs nothing. Every CSV and XLSX export passes its text
 * cells through `safeCell`; the importer undoes it with `restoreCell`, so a Granska export imports
 * back exactly as it was written.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of `safeCell` for text read back from a spreadsheet: only an apostrophe `safeCell` would have added is removed. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
