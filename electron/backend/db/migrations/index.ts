import * as m001 from './001-core';

/**
 * Migrations in order; the position + 1 is the `user_version` a database has after applying it.
 * Never edit one that has shipped: add the next.
 */
export const MIGRATIONS: { name: string; sql: string }[] = [{ name: '001-core', ...m001 }];

export const LATEST_VERSION = MIGRATIONS.length;
