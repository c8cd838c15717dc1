import type * as ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: it takes about a second to load, which every start of the app and
 * every CLI command would otherwise pay. Node's import() of this CommonJS package may offer its
 * exports only as `default` (the bundle keeps import() as it is), so both shapes are accepted.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof ExcelJS }).default ?? mod;
}
