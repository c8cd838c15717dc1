import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { encodePng } from '../../../electron/backend/features/app/demo/png';
import { exportAuditPackage, makeReturnPackage } from '../../../electron/backend/features/packages/service';
import type { Finding } from '../../../shared/domain/findings';
import { caller } from '../../helpers/tmp';

/** A distinct small photo per call, so each is its own blob. */
let photoCounter = 0;
export const photo = (): Buffer => {
  const n = ++photoCounter;
  return encodePng(24, 16, (x, y) => [(x * 9 + n) % 256, (y * 13 + n * 7) % 256, (n * 31) % 256]);
};

export function backendAt(file: string): Backend {
  const backend = new Backend({ dataDir: path.dirname(file), transport: 'http', version: 'test', rememberDatabase: false });
  backend.open(file);
  afterAll(() => backend.close());
  return backend;
}

export function findingFields(over: Record<string, unknown> = {}) {
  return { clauseNumbers: ['8.5.1'], requirement: 'Krav enligt rutin', evidence: 'Belägg', statement: 'Avvikelse', ...over };
}

export async function addFinding(b: Backend, auditId: string, over: Record<string, unknown> = {}, photos = 0): Promise<Finding> {
  const call = caller(b);
  const f = await call<Finding>('findings.create', { auditId, lang: 'sv', fields: findingFields(over) });
  for (let i = 0; i < photos; i++) {
    await call('attachments.add', { ownerType: 'finding', ownerId: f.id, fileName: `foto-${i + 1}.png`, contentBase64: photo().toString('base64') });
  }
  return f;
}

export async function updateFinding(b: Backend, id: string, over: Record<string, unknown>): Promise<Finding> {
  const call = caller(b);
  const f = await call<Finding>('findings.get', { id });
  return call<Finding>('findings.update', {
    id, revision: f.revision,
    fields: {
      type: f.type, requirementSource: f.requirementSource, requirement: f.requirement, evidence: f.evidence, statement: f.statement,
      unitId: f.unitId, processId: f.processId, auditeeResponse: f.auditeeResponse, clauseNumbers: f.clauseNumbers, ...over,
    },
  });
}

export function sendPackage(coordinator: Backend, auditNumbers: string[], file: string): string {
  fs.writeFileSync(file, exportAuditPackage(coordinator.ctx(), auditNumbers).data);
  return file;
}

export function returnPackage(workingCopy: Backend, file: string): string {
  fs.writeFileSync(file, makeReturnPackage(workingCopy.ctx()).data);
  return file;
}
