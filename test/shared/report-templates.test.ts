import { describe, expect, it } from 'vitest';
import {
  completeTemplate,
  hiddenRequiredSection,
  REPORT_SECTIONS,
  reportTemplateInput,
  visibleSections,
  type ReportSectionId,
} from '../../shared/domain/report-templates';

const sections = (ids: ReportSectionId[], hidden: ReportSectionId[] = []) => ids.map((id) => ({ id, visible: !hidden.includes(id) }));

describe('report template rules', () => {
  it('gives a template saved before a section existed that section at its default place, shown', () => {
    const old = sections(['findings', 'objectives', 'scope', 'criteria', 'team', 'schedule', 'conclusions', 'strengths', 'diverging', 'notCovered', 'distribution']);
    const t = completeTemplate({ sections: old });
    expect(t.sections.map((s) => s.id)).toEqual([
      'findings', 'objectives', 'scope', 'criteria', 'team', 'schedule', 'methods', 'conclusions', 'strengths', 'diverging', 'notCovered', 'impartiality', 'distribution',
    ]);
    expect(t.sections.find((s) => s.id === 'methods')?.visible).toBe(true);
    expect(t).toMatchObject({ coverText: '', footerText: '' });
  });

  it('names the first hidden required section, and none for optional ones', () => {
    expect(hiddenRequiredSection(completeTemplate({ sections: sections([...REPORT_SECTIONS], ['distribution', 'strengths']) }))).toBeNull();
    expect(hiddenRequiredSection(completeTemplate({ sections: sections([...REPORT_SECTIONS], ['strengths', 'conclusions', 'scope']) }))).toBe('scope');
  });

  it('prints only the visible sections, in order', () => {
    const t = completeTemplate({ sections: sections(['distribution', ...REPORT_SECTIONS.filter((s) => s !== 'distribution')], ['schedule']) });
    const v = visibleSections(t);
    expect(v[0]).toBe('distribution');
    expect(v).not.toContain('schedule');
    expect(v).toHaveLength(REPORT_SECTIONS.length - 1);
  });

  it('refuses a section twice or an unknown section, and keeps the footer to one line', () => {
    expect(reportTemplateInput.safeParse({ sections: sections(['scope', 'scope']) }).success).toBe(false);
    expect(reportTemplateInput.safeParse({ sections: [{ id: 'appendix', visible: true }] }).success).toBe(false);
    const parsed = reportTemplateInput.parse({ sections: [], footerText: 'Kvalitetsenheten\n  tfn 0123' });
    expect(parsed.footerText).toBe('Kvalitetsenheten tfn 0123');
    expect(reportTemplateInput.safeParse({ sections: [], footerText: 'x'.repeat(161) }).success).toBe(false);
  });
});
