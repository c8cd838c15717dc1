import type { Handlers } from '../../router';
import * as org from './service';

type OrgCall =
  | 'units.list' | 'units.create' | 'units.update' | 'units.archive'
  | 'processes.list' | 'processes.create' | 'processes.update' | 'processes.archive'
  | 'people.list' | 'people.create' | 'people.update' | 'people.archive';

export const orgHandlers: Handlers<OrgCall> = {
  'units.list': (q, b) => org.listUnits(b.ctx(), q),
  'units.create': (f, b) => org.createUnit(b.ctx(), f),
  'units.update': (i, b) => org.updateUnit(b.ctx(), i),
  'units.archive': (i, b) => org.setArchived(b.ctx(), 'units', i),
  'processes.list': (q, b) => org.listProcesses(b.ctx(), q),
  'processes.create': (f, b) => org.createProcess(b.ctx(), f),
  'processes.update': (i, b) => org.updateProcess(b.ctx(), i),
  'processes.archive': (i, b) => org.setArchived(b.ctx(), 'processes', i),
  'people.list': (q, b) => org.listPeople(b.ctx(), q),
  'people.create': (f, b) => org.createPerson(b.ctx(), f),
  'people.update': (i, b) => org.updatePerson(b.ctx(), i),
  'people.archive': (i, b) => org.setArchived(b.ctx(), 'people', i),
};
