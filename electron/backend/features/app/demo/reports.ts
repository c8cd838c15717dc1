import crypto from 'node:crypto';
import type { Fulfilment } from '../../../../../shared/domain/audits';
import { mutate, timestamp, type ServiceContext } from '../../../core/context';
import { LOGO_SETTING } from '../../reports';
import { setSetting } from '../../../core/settings';
import type { DemoKeys } from './index';
import { encodePng } from './png';

/**
 * What the demo group's reports need: a logo (an emblem painted in code: a bay under a sun, in
 * the app's colours) and the lead's summary and conclusions on every audit that has been
 * conducted, so the audit in progress can be issued as soon as a signing identity exists.
 */

const SIZE = 240;

function emblem(): Buffer {
  const c = SIZE / 2;
  return encodePng(SIZE, SIZE, (x, y) => {
    const d = Math.hypot(x - c, y - c);
    if (d > 116) return [255, 255, 255];
    if (d > 106) return [0, 95, 110];
    const sun = Math.hypot(x - c, y - 92) < 34;
    if (y < 132) return sun ? [242, 183, 5] : [227, 241, 243];
    // three waves across the bay
    const wave = Math.sin((x / SIZE) * Math.PI * 4) * 5;
    const band = Math.floor((y - 132 + wave) / 18);
    return band % 2 === 0 ? [0, 95, 110] : [64, 150, 166];
  });
}

const plural = (n: number, one: string, many: string) => (n === 0 ? `inga ${many}` : `${n} ${n === 1 ? one : many}`);

const CONCLUSION: Record<Fulfilment, string> = {
  full: 'Verksamheten uppfyller de granskade kraven. Rutinerna är kända och följs, och uppföljningen fungerar.',
  largely:
    'Verksamheten uppfyller kraven i huvudsak. Konstaterade avvikelser ska hanteras som korrigerande åtgärder med grundorsaksanalys, och åtgärdernas effekt verifieras vid nästa revision.',
  partly:
    'Verksamheten uppfyller kraven delvis. Den större avvikelsen kräver en korrigerande åtgärd och en uppföljande revision inom sex månader.',
  not: 'Verksamheten uppfyller inte kraven.',
};

export function demoReports(ctx: ServiceContext, _keys: DemoKeys): void {
  const logo = emblem();
  const sha = crypto.createHash('sha256').update(logo).digest('hex');
  ctx.db
    .prepare('INSERT OR IGNORE INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(sha, logo, logo.length, 'image/png', timestamp(ctx));
  setSetting(ctx, LOGO_SETTING, sha);

  const audits = ctx.db
    .prepare(
      `SELECT a.id, a.title,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'major_nc') AS major,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'minor_nc') AS minor,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'observation') AS observations,
         (SELECT count(*) FROM findings f WHERE f.audit_id = a.id AND f.type = 'ofi') AS ofis
       FROM audits a WHERE a.status IN ('in_progress','reported','closed') AND a.type IN ('internal','supplier')`,
    )
    .all() as { id: string; title: string; major: number; minor: number; observations: number; ofis: number }[];
  // History, not a workflow: reported audits are locked, so their conclusions are written directly.
  mutate(ctx, (trail) => {
    const update = ctx.db.prepare('UPDATE audits SET summary = ?, conclusion = ?, fulfilment = ? WHERE id = ?');
    for (const a of audits) {
      const fulfilment: Fulfilment = a.major > 0 ? 'partly' : a.minor > 0 ? 'largely' : 'full';
      const summary =
        `Revisionen av ${a.title.toLocaleLowerCase('sv')} genomfördes enligt plan. Medarbetarna var väl förberedda och visade ` +
        `god kännedom om rutinerna. Revisionen noterade ${plural(a.major + a.minor, 'avvikelse', 'avvikelser')}, ` +
        `${plural(a.observations, 'iakttagelse', 'iakttagelser')} och ${plural(a.ofis, 'förbättringsförslag', 'förbättringsförslag')}.`;
      update.run(summary, CONCLUSION[fulfilment], fulfilment, a.id);
      trail({ entity: 'audit', entityId: a.id, action: 'conclusions', after: { summary, fulfilment } });
    }
  });
}
