import * as m001 from './001-core';
import * as m002 from './002-audits';
import * as m003 from './003-findings';
import * as m004 from './004-cases';
import * as m005 from './005-reports';
// 006 and 007 arrive from other branches; the lead orders them on merge.
import * as m008 from './008-register-indexes';

/**
 * Migrations in order; the position + 1 is the `user_version` a database has after applying it.
 * Never edit one that has shipped: add the next.
 */
export const MIGRATIONS: { name: string; sql: string }[] = [
  { name: '001-core', ...m001 },
  { name: '002-audits', ...m002 },
  { name: '003-findings', ...m003 },
  { name: '004-cases', ...m004 },
  { name: '005-reports', ...m005 },
  { name: '008-register-indexes', ...m008 },
];

export const LATEST_VERSION = MIGRATIONS.length;
