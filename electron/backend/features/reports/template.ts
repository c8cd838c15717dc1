import type { ParsedInputOf } from '../../../../shared/contract';
import {
  completeTemplate,
  DEFAULT_REPORT_TEMPLATE,
  hiddenRequiredSection,
  REQUIRED_SECTIONS,
  reportTemplateInput,
  type ReportTemplate,
} from '../../../../shared/domain/report-templates';
import { AppError } from '../../../../shared/errors';
import type { ServiceContext } from '../../core/context';
import { getSetting, setSetting } from '../../core/settings';

/**
 * The template lives in settings beside the logo: both are the organisation's look, kept with its
 * database, and neither travels in audit packages.
 */
export const REPORT_TEMPLATE_SETTING = 'reportTemplate';

/** The saved template, completed with any section added since; the default when none is saved or it cannot be read. */
export function readTemplate(ctx: ServiceContext): ReportTemplate {
  const raw = getSetting(ctx, REPORT_TEMPLATE_SETTING);
  if (!raw) return completeTemplate(DEFAULT_REPORT_TEMPLATE);
  try {
    const parsed = reportTemplateInput.safeParse(JSON.parse(raw));
    // a stored template that no longer parses prints the full default rather than stopping every report
    const template = completeTemplate(parsed.success ? parsed.data : DEFAULT_REPORT_TEMPLATE);
    // saving refuses to hide a required section; a value written around the app cannot either
    return { ...template, sections: template.sections.map((s) => (REQUIRED_SECTIONS.has(s.id) ? { ...s, visible: true } : s)) };
  } catch {
    return completeTemplate(DEFAULT_REPORT_TEMPLATE);
  }
}

/** A template as the layout may use it: every section once, none that ISO 19011 requires hidden. */
export function checkedTemplate(input: ParsedInputOf<'reportTemplate.save'>): ReportTemplate {
  const template = completeTemplate(input);
  const hidden = hiddenRequiredSection(template);
  if (hidden) {
    const index = template.sections.findIndex((s) => s.id === hidden);
    throw new AppError('invalid_input', {
      reason: 'required_section',
      section: hidden,
      issues: [{ path: `sections.${index}.visible`, message: 'required_section' }],
    });
  }
  return template;
}

export function saveTemplate(ctx: ServiceContext, input: ParsedInputOf<'reportTemplate.save'>): ReportTemplate {
  const template = checkedTemplate(input);
  setSetting(ctx, REPORT_TEMPLATE_SETTING, JSON.stringify(template));
  return template;
}
