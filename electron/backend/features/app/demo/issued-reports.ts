import { isExternalAudit, type AuditType } from '../../../../../shared/domain/audits';
import type { ServiceContext } from '../../../core/context';
import { addTrusted, importIdentity, issueReport, REPORT_SIGNER_ROLES_SETTING } from '../../reports';
import { setSetting } from '../../../core/settings';
import { DEMO_ORGANISATION } from './org';

/**
 * The demo's history includes its reports: every internal and supplier audit that is reported or
 * closed gets the signed revision 1 it would have had, issued the day after the audit ended by the
 * quality coordinator, whose demo certificate is on the trusted list. So a new user can open, save
 * and verify a real report in the first minute. (An external audit's report is the certification
 * body's document, which Granska neither writes nor signs.)
 *
 * The passphrase is printed by `granska demo` and shown in the identity's label: it guards a
 * fictional person's demo key and nothing else.
 */
export const DEMO_SIGNER = { name: 'Karin Lindqvist', email: 'karin.lindqvist@sjovik.example', role: 'Kvalitetssamordnare' };
export const DEMO_SIGNING_PASSPHRASE = 'sjovik-demo-2026';

const DAY_MS = 86_400_000;

interface IssuableRow {
  id: string;
  type: AuditType;
  status: 'reported' | 'closed';
  end_date: string;
}

export async function issueDemoReports(ctx: ServiceContext): Promise<number> {
  const audits = (
    ctx.db
      .prepare(`SELECT id, type, status, end_date FROM audits WHERE status IN ('reported','closed') ORDER BY end_date, number`)
      .all() as IssuableRow[]
  ).filter((a) => !isExternalAudit(a.type));
  if (!audits.length) return 0;

  const now = ctx.now();
  // the day after the audit ended, mid-afternoon; never in the future
  const issuedAt = (end: string) => new Date(Math.min(Date.parse(`${end}T14:00:00Z`) + DAY_MS, now.getTime() - 60 * 60_000));
  const first = issuedAt((audits[0] as IssuableRow).end_date);
  const { createSelfSignedIdentity } = await import('../../../signing/identity-create');
  const notBefore = new Date(first.getTime() - 30 * DAY_MS);
  const { p12 } = createSelfSignedIdentity({
    name: DEMO_SIGNER.name,
    email: DEMO_SIGNER.email,
    organisation: DEMO_ORGANISATION,
    passphrase: DEMO_SIGNING_PASSPHRASE,
    now: notBefore,
    // valid from before the first demo report until three years from today
    validDays: Math.ceil((now.getTime() - notBefore.getTime()) / DAY_MS) + 3 * 365,
    // a published demo passphrase gains nothing from 10 000 rounds, and the demo opens the file ~30 times
    pkcs12Iterations: 100,
  });
  const at = (date: Date): ServiceContext => ({ ...ctx, now: () => date });
  // The demo group lets its quality coordinator sign for every lead, as the issuing rule allows when
  // the coordinator names a role (Settings); without it only each audit's own lead could sign.
  setSetting(at(first), REPORT_SIGNER_ROLES_SETTING, JSON.stringify(['audit_lead']));
  const identity = await importIdentity(at(first), {
    fileName: 'karin-lindqvist-demo.p12',
    contentBase64: p12.toString('base64'),
    passphrase: DEMO_SIGNING_PASSPHRASE,
    label: `${DEMO_SIGNER.name} (demo, lösenord ${DEMO_SIGNING_PASSPHRASE})`,
  });
  addTrusted(at(first), { label: `${DEMO_SIGNER.name}, ${DEMO_ORGANISATION} (demo)`, identityId: identity.id });

  const unlock = ctx.db.prepare(`UPDATE audits SET status = 'in_progress', locked = 0 WHERE id = ?`);
  const restore = ctx.db.prepare('UPDATE audits SET status = ? WHERE id = ?');
  for (const a of audits) {
    // History, not a workflow: the audit is put back to where it stood when the report was issued,
    // issued through the same path as in the app, and returned to the status it has today.
    unlock.run(a.id);
    const when = at(issuedAt(a.end_date));
    await issueReport(
      when,
      { auditId: a.id, auditRevision: null, lang: 'sv', signerRole: DEMO_SIGNER.role, reason: '' },
      { p12, passphrase: DEMO_SIGNING_PASSPHRASE, identityId: identity.id },
    );
    restore.run(a.status, a.id);
  }
  return audits.length;
}
