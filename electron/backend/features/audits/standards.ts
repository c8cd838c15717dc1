import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import { compareClauseNumbers, type Standard, type StandardSummary } from '../../../../shared/domain/standards';
import type { Localized } from '../../../../shared/domain/common';
import { resourcesDir } from '../../paths';

/**
 * Clause catalogues and starter question banks are data under resources/: a new standard is a new
 * `standards/<id>.json` (and, if wanted, `question-banks/<id>.json`), never new code.
 */
const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const cache = new Map<string, Standard>();

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

export function loadStandard(id: string): Standard {
  const cached = cache.get(id);
  if (cached) return cached;
  const file = path.join(resourcesDir(), 'standards', `${id}.json`);
  if (!SAFE_ID.test(id) || !fs.existsSync(file)) throw new AppError('not_found', { standard: id });
  const raw = readJson(file) as Standard;
  const standard: Standard = {
    id: raw.id,
    name: raw.name,
    clauses: [...raw.clauses].sort((a, b) => compareClauseNumbers(a.number, b.number)),
  };
  cache.set(id, standard);
  return standard;
}

export function listStandards(): StandardSummary[] {
  const dir = path.join(resourcesDir(), 'standards');
  const ids = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : [];
  return ids
    .filter((id) => SAFE_ID.test(id))
    .map((id) => {
      const s = loadStandard(id);
      return { id: s.id, name: s.name };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface StarterQuestion {
  clause: string;
  text: Localized;
}

/** The starter question bank shipped for a standard; empty when none is shipped. */
export function loadStarterQuestions(standardId: string): StarterQuestion[] {
  const file = path.join(resourcesDir(), 'question-banks', `${standardId}.json`);
  if (!SAFE_ID.test(standardId) || !fs.existsSync(file)) return [];
  return (readJson(file) as { questions: StarterQuestion[] }).questions;
}
