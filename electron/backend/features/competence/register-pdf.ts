import type { Lang } from '../../../../shared/domain/common';
import { competenceWarnings, RULE_ROLES, type CompetenceRule } from '../../../../shared/domain/competence';
import { fill } from '../../../../shared/i18n/fill';
import sv from '../../../../shared/i18n/locales/sv/competence.json';
import en from '../../../../shared/i18n/locales/en/competence.json';
import type { ServiceContext } from '../../core/context';
import { getSetting } from '../../core/settings';
import { runPdfJob } from '../../pdf/crash-guard';
import { listProfiles } from './records';
import { listRules } from './rules';

const WORDS = { sv, en } as const;

/**
 * The auditor register a certification body asks to see: every auditor's training, the audits
 * they have performed, whether they meet each role's rule, and the rules themselves.
 */
export function registerPdf(ctx: ServiceContext, lang: Lang): Promise<{ fileName: string; pdf: Buffer }> {
  return runPdfJob(() => writeRegister(ctx, lang));
}

async function writeRegister(ctx: ServiceContext, lang: Lang): Promise<{ fileName: string; pdf: Buffer }> {
  const { COLOR, PdfWriter, SIZE } = await import('../../pdf/writer');
  const W = WORDS[lang];
  const P = W.pdf;
  const organisation = getSetting(ctx, 'organisationName') ?? '';
  const now = new Date(Math.floor(ctx.now().getTime() / 1000) * 1000);
  const day = now.toISOString().slice(0, 10);
  const rules = listRules(ctx);
  const onTeams = new Set(
    ctx.db.prepare(`SELECT DISTINCT person_id FROM audit_team WHERE role IN ('lead','auditor')`).pluck().all() as string[],
  );
  // The register lists auditors: people with training on record or a place in an audit team.
  const profiles = listProfiles(ctx, { includeArchived: false }).filter(
    (p) => p.records.length > 0 || onTeams.has(p.personId) || p.performed.asLead + p.performed.asAuditor > 0,
  );
  const homeUnit = ctx.db.prepare('SELECT u.name FROM people p JOIN units u ON u.id = p.home_unit_id WHERE p.id = ?').pluck();
  const meets = (rule: CompetenceRule | undefined, p: (typeof profiles)[number]) => {
    if (!rule) return P.noRule;
    const gaps = competenceWarnings([{ personId: p.personId, role: rule.role }], [rule], new Map([[p.personId, { courses: p.records, performed: p.performed }]]));
    return gaps.length === 0 ? P.yes : P.no;
  };

  const w = new PdfWriter({
    lang,
    title: P.title,
    author: organisation,
    subject: `${P.title} ${day}`,
    created: now,
    landscape: true,
    chrome: {
      headerLeft: organisation,
      headerRight: P.title,
      footerLeft: `${P.title} · ${P.printed} ${day}`,
      pageOf: (page, pages) => fill(P.pageOf, { page, pages }),
    },
  });
  w.letterhead(organisation, null, `${P.docType} · ${day}`);
  w.label(P.docType, w.left, w.width, COLOR.brand);
  w.gap(2);
  w.text(P.title, { bold: true, size: SIZE.h1, color: COLOR.ink });
  w.gap(12);

  let n = 0;
  const section = (text: string, keep?: number) => w.section(String(++n), text, keep);
  section(P.summary, 80);
  w.table(
    [
      { header: P.name, width: 3, bold: true },
      { header: P.home, width: 3 },
      { header: P.asLead, width: 1.2 },
      { header: P.asAuditor, width: 1.2 },
      { header: P.meetsLead, width: 1.8 },
      { header: P.meetsAuditor, width: 1.8 },
    ],
    profiles.map((p) => [
      p.name,
      (homeUnit.get(p.personId) as string | undefined) ?? '',
      String(p.performed.asLead),
      String(p.performed.asAuditor),
      meets(rules.find((r) => r.role === 'lead'), p),
      meets(rules.find((r) => r.role === 'auditor'), p),
    ]),
    { empty: W.empty, size: 8.2 },
  );
  w.gap(4);
  w.text(P.performedNote, { size: SIZE.small, color: COLOR.muted });

  section(P.training, 80);
  for (const p of profiles) {
    w.subheading(p.name, 40);
    w.table(
      [
        { header: P.course, width: 4 },
        { header: P.completedOn, width: 1.4 },
        { header: P.certificate, width: 2.4 },
        { header: P.note, width: 3.6 },
      ],
      p.records.map((r) => [r.course, r.completedOn, r.certificateName, r.note]),
      { empty: P.noTraining, size: 8.2 },
    );
  }

  section(P.rules, 60);
  w.table(
    [
      { header: P.role, width: 2 },
      { header: P.courses, width: 5 },
      { header: P.minAuditsPerformed, width: 2 },
      { header: P.minAuditsAsLead, width: 2 },
    ],
    RULE_ROLES.flatMap((role) => {
      const r = rules.find((x) => x.role === role);
      return r ? [[W.roles[role], r.courses.join(', ') || '–', String(r.minAuditsPerformed), String(r.minAuditsAsLead)]] : [];
    }),
    { empty: P.noRules, size: 8.2 },
  );

  const pdf = await w.finish(null);
  return { fileName: `${lang === 'sv' ? 'revisorsforteckning' : 'auditor-register'}-${day}.pdf`, pdf };
}
