import { z } from 'zod';
import { optionalText } from './common';

/**
 * The sections of an audit report after its cover (ISO 19011:2018 6.5.1), in the order Granska
 * prints them unless the organisation's template says otherwise. The cover and the signature
 * block are not in the list: the cover carries the key facts every report starts with, and the
 * signature closes the record, so both keep their places.
 */
export const REPORT_SECTIONS = [
  'objectives',
  'scope',
  'criteria',
  'team',
  'schedule',
  'methods',
  'conclusions',
  'findings',
  'strengths',
  'diverging',
  'notCovered',
  'impartiality',
  'distribution',
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

/**
 * What ISO 19011 6.5.1 says a report shall provide (objectives, scope, criteria, team and
 * participants, findings and evidence, conclusions with the degree of fulfilment): these may move,
 * never disappear. The rest are the "can also include" items an organisation may leave out.
 */
export const REQUIRED_SECTIONS: ReadonlySet<ReportSectionId> = new Set(['objectives', 'scope', 'criteria', 'team', 'findings', 'conclusions']);

export const MAX_COVER_TEXT = 2000;
export const MAX_FOOTER_TEXT = 160;

export interface ReportTemplateSection {
  id: ReportSectionId;
  visible: boolean;
}

/** The organisation's report template: which sections appear and in what order, cover text and footer. */
export interface ReportTemplate {
  sections: ReportTemplateSection[];
  coverText: string;
  footerText: string;
}

export const DEFAULT_REPORT_TEMPLATE: ReportTemplate = {
  sections: REPORT_SECTIONS.map((id) => ({ id, visible: true })),
  coverText: '',
  footerText: '',
};

export const reportTemplateInput = z.object({
  sections: z
    .array(z.object({ id: z.enum(REPORT_SECTIONS, { message: 'choose' }), visible: z.boolean() }))
    .max(REPORT_SECTIONS.length * 2)
    .refine((list) => new Set(list.map((s) => s.id)).size === list.length, { message: 'duplicate' }),
  coverText: optionalText(MAX_COVER_TEXT),
  // one line under every page: a line break would be lost
  footerText: optionalText(MAX_FOOTER_TEXT).transform((s) => s.replace(/\s*\n\s*/g, ' ')),
});
export type ReportTemplateInput = z.input<typeof reportTemplateInput>;

/**
 * Every section exactly once: a stored template that predates a section gets it at its default
 * place (after the section it follows by default), visible; unknown entries are dropped.
 */
export function completeTemplate(template: Pick<ReportTemplate, 'sections'> & Partial<ReportTemplate>): ReportTemplate {
  const known = template.sections.filter((s, i, all) => REPORT_SECTIONS.includes(s.id) && all.findIndex((o) => o.id === s.id) === i);
  const sections = [...known];
  REPORT_SECTIONS.forEach((id, i) => {
    if (sections.some((s) => s.id === id)) return;
    const before = REPORT_SECTIONS.slice(0, i).reverse().find((p) => sections.some((s) => s.id === p));
    const at = before ? sections.findIndex((s) => s.id === before) + 1 : 0;
    sections.splice(at, 0, { id, visible: true });
  });
  return { sections, coverText: template.coverText ?? '', footerText: template.footerText ?? '' };
}

/** The first required section the template hides, or null when it keeps them all. */
export function hiddenRequiredSection(template: ReportTemplate): ReportSectionId | null {
  return template.sections.find((s) => !s.visible && REQUIRED_SECTIONS.has(s.id))?.id ?? null;
}

/** The sections to print, in order. */
export function visibleSections(template: ReportTemplate): ReportSectionId[] {
  return template.sections.filter((s) => s.visible).map((s) => s.id);
}
