/** What other features may use from org (units, processes, people). Its calls are wired in `handlers.ts`. */
export { createPerson, createProcess, createUnit } from './service';
