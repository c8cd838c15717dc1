import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import { wouldCreateCycle, type Person, type PersonRole, type Process, type Unit } from '../../../../shared/domain/org';
import { assertRevision, fieldError, mutate, searchClause, timestamp, uniqueAs, type ServiceContext } from '../../core/context';

interface UnitRow {
  id: string; name: string; code: string; kind: Unit['kind']; parent_id: string | null; description: string;
  archived: number; created_at: string; updated_at: string; revision: number;
}
interface ProcessRow {
  id: string; name: string; description: string; owner_unit_id: string; risk_level: Process['riskLevel'];
  archived: number; created_at: string; updated_at: string; revision: number;
}
interface PersonRow {
  id: string; name: string; email: string; title: string; roles_json: string; home_unit_id: string | null;
  archived: number; created_at: string; updated_at: string; revision: number;
}

const meta = (r: { id: string; created_at: string; updated_at: string; revision: number; archived: number }) => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, archived: r.archived === 1,
});

const toUnit = (r: UnitRow): Unit => ({ ...meta(r), name: r.name, code: r.code, kind: r.kind, parentId: r.parent_id, description: r.description });
const toProcess = (r: ProcessRow): Process => ({
  ...meta(r), name: r.name, description: r.description, ownerUnitId: r.owner_unit_id, riskLevel: r.risk_level,
});
const toPerson = (r: PersonRow): Person => ({
  ...meta(r), name: r.name, email: r.email, title: r.title, roles: JSON.parse(r.roles_json) as PersonRole[], homeUnitId: r.home_unit_id,
});

function listWhere(q: ParsedInputOf<'units.list'>, columns: string[]): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (!q.includeArchived) clauses.push('archived = 0');
  if (q.search) {
    const s = searchClause(columns, q.search);
    clauses.push(s.sql);
    params.push(...s.params);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

// ---- units -------------------------------------------------------------------------------------

export function getUnit(ctx: ServiceContext, id: string): Unit {
  const row = ctx.db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toUnit(row);
}

export function listUnits(ctx: ServiceContext, q: ParsedInputOf<'units.list'>): Unit[] {
  const w = listWhere(q, ['name', 'code', 'description']);
  return (ctx.db.prepare(`SELECT * FROM units ${w.sql} ORDER BY name COLLATE NOCASE`).all(...w.params) as UnitRow[]).map(toUnit);
}

function checkParent(ctx: ServiceContext, unitId: string | null, parentId: string | null): void {
  if (!parentId) return;
  const all = ctx.db.prepare('SELECT id, parent_id AS parentId FROM units').all() as { id: string; parentId: string | null }[];
  if (!all.some((u) => u.id === parentId)) throw fieldError('parentId', 'not_found');
  if (unitId && wouldCreateCycle(all, unitId, parentId)) throw fieldError('parentId', 'cycle');
}

export function createUnit(ctx: ServiceContext, f: ParsedInputOf<'units.create'>): Unit {
  return mutate(ctx, (trail) => {
    checkParent(ctx, null, f.parentId);
    const id = ctx.newId();
    const now = timestamp(ctx);
    uniqueAs(
      () =>
        ctx.db
          .prepare(
            `INSERT INTO units (id, name, code, kind, parent_id, description, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
          )
          .run(id, f.name, f.code, f.kind, f.parentId, f.description, now, now),
      'name',
    );
    const unit = getUnit(ctx, id);
    trail({ entity: 'unit', entityId: id, action: 'create', after: unit });
    return unit;
  });
}

export function updateUnit(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'units.update'>): Unit {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'units', id, revision);
    checkParent(ctx, id, f.parentId);
    const before = getUnit(ctx, id);
    uniqueAs(
      () =>
        ctx.db
          .prepare(
            `UPDATE units SET name=?, code=?, kind=?, parent_id=?, description=?, updated_at=?, revision=revision+1 WHERE id=?`,
          )
          .run(f.name, f.code, f.kind, f.parentId, f.description, timestamp(ctx), id),
      'name',
    );
    const after = getUnit(ctx, id);
    trail({ entity: 'unit', entityId: id, action: 'update', before, after });
    return after;
  });
}

// ---- processes ---------------------------------------------------------------------------------

export function getProcess(ctx: ServiceContext, id: string): Process {
  const row = ctx.db.prepare('SELECT * FROM processes WHERE id = ?').get(id) as ProcessRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toProcess(row);
}

export function listProcesses(ctx: ServiceContext, q: ParsedInputOf<'processes.list'>): Process[] {
  const w = listWhere(q, ['name', 'description']);
  return (ctx.db.prepare(`SELECT * FROM processes ${w.sql} ORDER BY name COLLATE NOCASE`).all(...w.params) as ProcessRow[]).map(
    toProcess,
  );
}

function checkUnitExists(ctx: ServiceContext, unitId: string | null, field: string): void {
  if (unitId && !ctx.db.prepare('SELECT 1 FROM units WHERE id = ?').get(unitId)) throw fieldError(field, 'not_found');
}

export function createProcess(ctx: ServiceContext, f: ParsedInputOf<'processes.create'>): Process {
  return mutate(ctx, (trail) => {
    checkUnitExists(ctx, f.ownerUnitId, 'ownerUnitId');
    const id = ctx.newId();
    const now = timestamp(ctx);
    uniqueAs(
      () =>
        ctx.db
          .prepare(
            `INSERT INTO processes (id, name, description, owner_unit_id, risk_level, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`,
          )
          .run(id, f.name, f.description, f.ownerUnitId, f.riskLevel, now, now),
      'name',
    );
    const created = getProcess(ctx, id);
    trail({ entity: 'process', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function updateProcess(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'processes.update'>): Process {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'processes', id, revision);
    checkUnitExists(ctx, f.ownerUnitId, 'ownerUnitId');
    const before = getProcess(ctx, id);
    uniqueAs(
      () =>
        ctx.db
          .prepare(
            `UPDATE processes SET name=?, description=?, owner_unit_id=?, risk_level=?, updated_at=?, revision=revision+1 WHERE id=?`,
          )
          .run(f.name, f.description, f.ownerUnitId, f.riskLevel, timestamp(ctx), id),
      'name',
    );
    const after = getProcess(ctx, id);
    trail({ entity: 'process', entityId: id, action: 'update', before, after });
    return after;
  });
}

// ---- people ------------------------------------------------------------------------------------

export function getPerson(ctx: ServiceContext, id: string): Person {
  const row = ctx.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toPerson(row);
}

export function listPeople(ctx: ServiceContext, q: ParsedInputOf<'people.list'>): Person[] {
  const w = listWhere(q, ['name', 'email', 'title']);
  return (ctx.db.prepare(`SELECT * FROM people ${w.sql} ORDER BY name COLLATE NOCASE`).all(...w.params) as PersonRow[]).map(toPerson);
}

export function createPerson(ctx: ServiceContext, f: ParsedInputOf<'people.create'>): Person {
  return mutate(ctx, (trail) => {
    checkUnitExists(ctx, f.homeUnitId, 'homeUnitId');
    const id = ctx.newId();
    const now = timestamp(ctx);
    uniqueAs(
      () =>
        ctx.db
          .prepare(
            `INSERT INTO people (id, name, email, title, roles_json, home_unit_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
          )
          .run(id, f.name, f.email, f.title, JSON.stringify([...new Set(f.roles)]), f.homeUnitId, now, now),
      'email',
    );
    const created = getPerson(ctx, id);
    trail({ entity: 'person', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function updatePerson(ctx: ServiceContext, { id, revision, fields: f }: ParsedInputOf<'people.update'>): Person {
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'people', id, revision);
    checkUnitExists(ctx, f.homeUnitId, 'homeUnitId');
    const before = getPerson(ctx, id);
    uniqueAs(
      () =>
        ctx.db
          .prepare(
            `UPDATE people SET name=?, email=?, title=?, roles_json=?, home_unit_id=?, updated_at=?, revision=revision+1 WHERE id=?`,
          )
          .run(f.name, f.email, f.title, JSON.stringify([...new Set(f.roles)]), f.homeUnitId, timestamp(ctx), id),
      'email',
    );
    const after = getPerson(ctx, id);
    trail({ entity: 'person', entityId: id, action: 'update', before, after });
    return after;
  });
}

// ---- archiving (same rule for all three) -------------------------------------------------------

const ARCHIVABLE = {
  units: { entity: 'unit', get: getUnit },
  processes: { entity: 'process', get: getProcess },
  people: { entity: 'person', get: getPerson },
} as const;

export function setArchived<T extends keyof typeof ARCHIVABLE>(
  ctx: ServiceContext,
  table: T,
  input: ParsedInputOf<'units.archive'>,
): ReturnType<(typeof ARCHIVABLE)[T]['get']> {
  const { entity, get } = ARCHIVABLE[table];
  return mutate(ctx, (trail) => {
    assertRevision(ctx, table, input.id, input.revision);
    const before = get(ctx, input.id);
    ctx.db
      .prepare(`UPDATE ${table} SET archived=?, updated_at=?, revision=revision+1 WHERE id=?`)
      .run(input.archived ? 1 : 0, timestamp(ctx), input.id);
    const after = get(ctx, input.id);
    trail({ entity, entityId: input.id, action: input.archived ? 'archive' : 'restore', before, after });
    return after as ReturnType<(typeof ARCHIVABLE)[T]['get']>;
  });
}
