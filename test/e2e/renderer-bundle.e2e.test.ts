import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The renderer as `npm run build` leaves it (e2e tests run after a build). */
const ASSETS = path.resolve(__dirname, '../../dist/renderer/assets');
/** Every section the menu loads lazily: `page('feature/Name')`, once each. */
const LAZY_PAGES = [
  ...new Set(
    [...fs.readFileSync(path.resolve(__dirname, '../../renderer/src/app/navigation.tsx'), 'utf8').matchAll(/\bpage\('\w+\/(\w+)'\)/g)].map((m) => m[1] as string),
  ),
];

// Markers each library carries in its own code, whatever the bundler renames.
const SERVER_ONLY: [name: string, marker: RegExp][] = [
  ['pdfkit', /PDFDocument|\/Type \/Catalog|pdfkit/],
  ['node-forge', /node-forge|forge\.pki|pkcs12FromAsn1/],
  ['@signpdf', /@signpdf|SignPdfError/],
  ['better-sqlite3', /better-sqlite3/],
];

describe('the built renderer', () => {
  const files = fs.existsSync(ASSETS) ? fs.readdirSync(ASSETS) : [];
  const scripts = files.filter((f) => f.endsWith('.js'));

  it('exists (built by npm run build)', () => {
    expect(scripts.length, `no scripts in ${ASSETS}; run npm run build first`).toBeGreaterThan(0);
  });

  it('carries no PDF, signing or database code: those stay in the backend', () => {
    const found = scripts.flatMap((f) => {
      const text = fs.readFileSync(path.join(ASSETS, f), 'utf8');
      return SERVER_ONLY.filter(([, marker]) => marker.test(text)).map(([name]) => `${name} in ${f}`);
    });
    expect(found).toEqual([]);
  });

  it('loads each section as its own chunk, with no source maps to ship', () => {
    expect(LAZY_PAGES.length, 'the sections named in renderer/src/app/navigation.tsx').toBeGreaterThan(10);
    for (const page of LAZY_PAGES) {
      expect(scripts.some((f) => f.startsWith(`${page}-`)), page).toBe(true);
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  const sizeOf = (prefix: string) => scripts.filter((f) => f.startsWith(prefix)).map((f) => fs.statSync(path.join(ASSETS, f)).size);
  const textOf = (prefix: string) => scripts.filter((f) => f.startsWith(prefix)).map((f) => fs.readFileSync(path.join(ASSETS, f), 'utf8')).join('\n');

  it('starts with a small first script that sends the start-up calls, then the app script', () => {
    // index.html loads src/start.ts (index-*), which imports src/main.tsx (main-*)
    expect(sizeOf('index-')).toHaveLength(1);
    expect(sizeOf('main-')).toHaveLength(1);
    expect(sizeOf('index-')[0]).toBeLessThan(40_000);
    // The whole app was one 1.1 MB script before sections were split out; 730 kB with zod in it.
    expect(sizeOf('main-')[0]).toBeLessThan(600_000);
  });

  it('keeps zod and the schemas out of the scripts the overview waits for', () => {
    // zod's own class names survive minifying; the forms' chunks still carry it
    expect(scripts.some((f) => textOf(f).includes('$ZodType'))).toBe(true);
    expect(textOf('index-')).not.toContain('$ZodType');
    expect(textOf('main-')).not.toContain('$ZodType');
  });

  it('keeps the charts and the words of each language out of the scripts the overview waits for', () => {
    const text = textOf('index-') + textOf('main-');
    // recharts' own class names; the overview loads the trend charts after it has drawn
    expect(text).not.toMatch(/recharts-wrapper/);
    expect(scripts.some((f) => f.startsWith('TrendCharts-'))).toBe(true);
    // one script per language, fetched once the language is known
    for (const lang of ['sv', 'en']) expect(scripts.filter((f) => f.startsWith(`words-${lang}-`)), lang).toHaveLength(1);
    expect(text).not.toContain('Revisionsprogram');
  });
});
