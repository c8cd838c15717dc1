import type { ServiceContext } from './context';
import { mutate } from './context';

/** Organisation-wide settings kept in the database (they travel with the file). */
export function getSetting(ctx: ServiceContext, key: string): string | null {
  const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(ctx: ServiceContext, key: string, value: string | null): void {
  mutate(ctx, (trail) => {
    const before = getSetting(ctx, key);
    if (before === value) return;
    if (value === null) ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    else ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    trail({ entity: 'setting', entityId: key, action: 'update', before, after: value });
  });
}
