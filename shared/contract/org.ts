import { call } from './define';
import {
  archiveInput,
  listQuery,
  personFields,
  processFields,
  unitFields,
  updateOf,
  type Person,
  type Process,
  type Unit,
} from '../domain/org';

export const orgCalls = {
  'units.list': call<Unit[]>()(listQuery),
  'units.create': call<Unit>()(unitFields),
  'units.update': call<Unit>()(updateOf(unitFields)),
  'units.archive': call<Unit>()(archiveInput),
  'processes.list': call<Process[]>()(listQuery),
  'processes.create': call<Process>()(processFields),
  'processes.update': call<Process>()(updateOf(processFields)),
  'processes.archive': call<Process>()(archiveInput),
  'people.list': call<Person[]>()(listQuery),
  'people.create': call<Person>()(personFields),
  'people.update': call<Person>()(updateOf(personFields)),
  'people.archive': call<Person>()(archiveInput),
};
