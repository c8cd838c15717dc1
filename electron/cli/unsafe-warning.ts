import texts from '../../shared/i18n/locales/en/backup.json';
import { detectUnsafePlace } from '../backend/features/backup/detect-place';
import { fill } from '../../shared/i18n/fill';

/** One line on stderr when a database sits on a network drive or in a synced folder; the command still runs. */
export function warnIfUnsafePlace(dbFile: string): void {
  const place = detectUnsafePlace(dbFile);
  if (!place) return;
  const u = texts.unsafe;
  const service = (u.services as Record<string, string>)[place.service] ?? place.service;
  const detail = fill(place.kind === 'network' ? u.network : u.synced, { service, root: place.root ?? '?' });
  process.stderr.write(`granska: ${fill(texts.cli.unsafe, { title: place.kind === 'network' ? u.title_network : u.title_synced, detail, advice: u.advice })}\n`);
}
