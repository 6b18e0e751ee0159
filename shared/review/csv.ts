// CSV for exports (RFC 4180), safe to open in a spreadsheet: a cell that starts like a formula is
// prefixed with an apostrophe (OWASP "CSV injection"), since exports are opened in Excel and WPS.

/** A cell value. */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV line (CRLF-terminated) of the cells.
 *
 * @example
 *   csvLine(['CS-0420', 'say "hi"', '=1+1']); // 'CS-0420,"say ""hi""",\'=1+1\r\n'
 */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Numbers are written by us, never formulas; a negative number keeps its sign.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
