import type { ServiceContext } from '../../../core/context';
import { saveTemplate } from '../../reports';

/**
 * The group's own report template: conclusions first for the busy reader, the schedule last,
 * cover text and a footer. Set after the demo's reports are signed, so those stay as issued and
 * the next preview shows the organisation's template.
 */
export function demoReportTemplate(ctx: ServiceContext): void {
  const order = ['conclusions', 'objectives', 'scope', 'criteria', 'team', 'findings', 'strengths', 'methods', 'diverging', 'notCovered', 'impartiality', 'distribution', 'schedule'] as const;
  saveTemplate(ctx, {
    sections: order.map((id) => ({ id, visible: true })),
    coverText:
      'Internrevisionen är en del av Sjöviks kommunkoncerns gemensamma ledningssystem för kvalitet (ISO 9001:2015). ' +
      'Rapporten går till den reviderade enhetens chef och till kvalitetssamordnaren.',
    footerText: 'Sjöviks kommunkoncern · Kvalitets- och utvecklingsenheten · Intern revision',
  });
}
