import * as m001 from './001-core';
import * as m002 from './002-audits';
import * as m003 from './003-findings';
import * as m004 from './004-cases';
import * as m005 from './005-reports';
import * as m006 from './006-journal';
import * as m007 from './007-trail-chain';
import * as m008 from './008-register-indexes';
import * as m009 from './009-competence';
import * as m010 from './010-approvals';
import * as m011 from './011-adopted-packages';
import * as m012 from './012-management-review';
import * as m013 from './013-case-register';
import * as m014 from './014-trend-counts';
import * as m015 from './015-my-actions';
import * as m016 from './016-coverage-index';
import * as m017 from './017-case-register-unit-due';
import * as m018 from './018-trend-counts-after-update';
import * as m019 from './019-audit-summary-indexes';
import * as m020 from './020-case-register-rows';
import type Database from 'better-sqlite3';

/**
 * Migrations in order; the position + 1 is the `user_version` a database has after applying it.
 * Never edit one that has shipped: add the next. `run`, when present, follows the SQL in the same
 * transaction, for steps SQL cannot do (hashing). `foreignKeysOff` runs it with foreign keys off (a
 * table rebuilt from its definition), checked with `foreign_key_check` before it commits.
 */
export const MIGRATIONS: { name: string; sql: string; run?: (db: Database.Database) => void; foreignKeysOff?: boolean }[] = [
  { name: '001-core', ...m001 },
  { name: '002-audits', ...m002 },
  { name: '003-findings', ...m003 },
  { name: '004-cases', ...m004 },
  { name: '005-reports', ...m005 },
  { name: '006-journal', sql: m006.sql },
  { name: '007-trail-chain', ...m007 },
  { name: '008-register-indexes', ...m008 },
  { name: '009-competence', ...m009 },
  { name: '010-approvals', ...m010 },
  { name: '011-adopted-packages', ...m011 },
  { name: '012-management-review', ...m012 },
  { name: '013-case-register', ...m013 },
  { name: '014-trend-counts', sql: m014.sql },
  { name: '015-my-actions', ...m015 },
  { name: '016-coverage-index', ...m016 },
  { name: '017-case-register-unit-due', ...m017 },
  { name: '018-trend-counts-after-update', ...m018 },
  { name: '019-audit-summary-indexes', ...m019 },
  { name: '020-case-register-rows', sql: m020.sql },
];

export const LATEST_VERSION = MIGRATIONS.length;
