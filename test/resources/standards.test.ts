import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LocalizedText {
  sv: string;
  en: string;
}

interface Clause {
  number: string;
  title: LocalizedText;
}

interface StandardCatalogue {
  id: string;
  name: LocalizedText;
  clauses: Clause[];
}

interface Question {
  clause: string;
  text: LocalizedText;
}

interface QuestionBank {
  standard: string;
  questions: Question[];
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(process.cwd(), relativePath), 'utf8')) as T;
}

const standard = readJson<StandardCatalogue>('resources/standards/iso-9001-2015.json');
const bank = readJson<QuestionBank>('resources/question-banks/iso-9001-2015.json');

const numbers = standard.clauses.map((c) => c.number);
const byNumber = new Map(standard.clauses.map((c) => [c.number, c]));

function compareClauseNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return x - y;
  }
  return 0;
}

function parentOf(number: string): string | undefined {
  const parts = number.split('.');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : undefined;
}

function isNonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

describe('ISO 9001:2015 clause catalogue', () => {
  it('has the expected identity', () => {
    expect(standard.id).toBe('iso-9001-2015');
    expect(standard.name.en).toBe('ISO 9001:2015');
    expect(isNonEmpty(standard.name.sv)).toBe(true);
  });

  it('uses well-formed clause numbers', () => {
    for (const n of numbers) {
      expect(n, n).toMatch(/^\d+(\.\d+)*$/);
    }
  });

  it('has unique clause numbers', () => {
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('lists clauses in document order', () => {
    for (let i = 1; i < numbers.length; i++) {
      expect(compareClauseNumbers(numbers[i - 1]!, numbers[i]!), `${numbers[i - 1]} < ${numbers[i]}`).toBeLessThan(0);
    }
  });

  it('lists every parent before its children', () => {
    numbers.forEach((n, i) => {
      const parent = parentOf(n);
      if (parent === undefined) return;
      const parentIndex = numbers.indexOf(parent);
      expect(parentIndex, `parent ${parent} of ${n}`).toBeGreaterThanOrEqual(0);
      expect(parentIndex, `parent ${parent} of ${n}`).toBeLessThan(i);
    });
  });

  it('has non-empty Swedish and English titles', () => {
    for (const c of standard.clauses) {
      expect(isNonEmpty(c.title?.sv), `sv title of ${c.number}`).toBe(true);
      expect(isNonEmpty(c.title?.en), `en title of ${c.number}`).toBe(true);
    }
  });

  it('has the exact English headings for spot-checked clauses', () => {
    const expected: Record<string, string> = {
      '4': 'Context of the organization',
      '4.1': 'Understanding the organization and its context',
      '5.1.2': 'Customer focus',
      '7.1.5': 'Monitoring and measuring resources',
      '7.1.5.2': 'Measurement traceability',
      '8.4': 'Control of externally provided processes, products and services',
      '8.7': 'Control of nonconforming outputs',
      '9.2': 'Internal audit',
      '9.3': 'Management review',
      '10.2': 'Nonconformity and corrective action',
      '10.3': 'Continual improvement',
    };
    for (const [n, title] of Object.entries(expected)) {
      expect(byNumber.get(n)?.title.en, n).toBe(title);
    }
  });

  it('contains sections 4 to 10', () => {
    for (let s = 4; s <= 10; s++) {
      expect(byNumber.has(String(s)), `section ${s}`).toBe(true);
    }
    const topLevel = numbers.filter((n) => !n.includes('.'));
    expect(topLevel).toEqual(['4', '5', '6', '7', '8', '9', '10']);
  });

  it('excludes untitled numbered paragraphs', () => {
    for (const n of ['4.4.1', '6.1.1', '7.5.3.1', '8.2.3.1', '8.7.1', '9.2.1', '10.2.1']) {
      expect(byNumber.has(n), n).toBe(false);
    }
  });

  it('has a plausible number of clauses', () => {
    expect(numbers.length).toBeGreaterThanOrEqual(60);
    expect(numbers.length).toBeLessThanOrEqual(90);
  });
});

describe('ISO 9001:2015 starter question bank', () => {
  it('refers to the catalogue', () => {
    expect(bank.standard).toBe(standard.id);
    expect(bank.questions.length).toBeGreaterThan(0);
  });

  it('only references clauses that exist in the catalogue', () => {
    for (const q of bank.questions) {
      expect(byNumber.has(q.clause), `question clause ${q.clause}`).toBe(true);
    }
  });

  it('has at least one question for every subclause', () => {
    const covered = new Set(bank.questions.map((q) => q.clause));
    const missing = numbers.filter((n) => n.includes('.') && !covered.has(n));
    expect(missing).toEqual([]);
  });

  it('has non-empty Swedish and English text for every question', () => {
    bank.questions.forEach((q, i) => {
      expect(isNonEmpty(q.text?.sv), `sv text of question ${i} (${q.clause})`).toBe(true);
      expect(isNonEmpty(q.text?.en), `en text of question ${i} (${q.clause})`).toBe(true);
    });
  });

  it('has no duplicate question texts', () => {
    for (const lang of ['sv', 'en'] as const) {
      const texts = bank.questions.map((q) => q.text[lang].trim().toLowerCase());
      const duplicates = texts.filter((t, i) => texts.indexOf(t) !== i);
      expect(duplicates, lang).toEqual([]);
    }
  });
});

/** The other catalogues a group certified to several standards audits against: titles only, sections 4–10. */
describe.each([
  ['iso-14001-2015', 'ISO 14001:2015', { '6.1.2': 'Environmental aspects', '6.1.3': 'Compliance obligations', '8.2': 'Emergency preparedness and response', '9.1.2': 'Evaluation of compliance' }],
  ['iso-45001-2018', 'ISO 45001:2018', { '5.4': 'Consultation and participation of workers', '6.1.2.1': 'Hazard identification', '8.1.4.2': 'Contractors', '10.2': 'Incident, nonconformity and corrective action' }],
] as const)('%s clause catalogue', (id, name, spotChecks) => {
  const other = readJson<StandardCatalogue>(`resources/standards/${id}.json`);
  const otherNumbers = other.clauses.map((c) => c.number);
  const otherByNumber = new Map(other.clauses.map((c) => [c.number, c]));

  it('names itself', () => {
    expect(other.id).toBe(id);
    expect(other.name).toEqual({ en: name, sv: name });
  });

  it('has unique, well-formed numbers in document order', () => {
    for (const n of otherNumbers) expect(n, n).toMatch(/^\d+(\.\d+)*$/);
    expect(new Set(otherNumbers).size).toBe(otherNumbers.length);
    for (let i = 1; i < otherNumbers.length; i++) {
      expect(compareClauseNumbers(otherNumbers[i - 1]!, otherNumbers[i]!), `${otherNumbers[i - 1]} < ${otherNumbers[i]}`).toBeLessThan(0);
    }
  });

  it('has the parent of every subclause', () => {
    for (const n of otherNumbers) {
      const parent = parentOf(n);
      if (parent !== undefined) expect(otherByNumber.has(parent), `parent ${parent} of ${n}`).toBe(true);
    }
  });

  it('has Swedish and English titles, and titles only', () => {
    for (const c of other.clauses) {
      expect(isNonEmpty(c.title?.sv), `sv title of ${c.number}`).toBe(true);
      expect(isNonEmpty(c.title?.en), `en title of ${c.number}`).toBe(true);
      // Requirement text is copyrighted and never shipped: a title is a heading, not a sentence.
      expect(c.title.en.length, c.number).toBeLessThan(100);
      expect(c.title.en, c.number).not.toMatch(/\bshall\b|\.$/);
      expect(c.title.sv, c.number).not.toMatch(/\bska\b|\.$/);
    }
  });

  it('holds sections 4 to 10 and the headings people look for', () => {
    expect(otherNumbers.filter((n) => !n.includes('.'))).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    for (const [n, title] of Object.entries(spotChecks)) expect(otherByNumber.get(n)?.title.en, n).toBe(title);
    expect(otherByNumber.get('9.2')?.title).toEqual({ en: 'Internal audit', sv: 'Internrevision' });
  });
});
