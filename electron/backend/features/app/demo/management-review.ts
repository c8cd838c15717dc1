import type { ServiceContext } from '../../../core/context';
import { createReview, issueReview } from '../../managementReview';
import { identityForSigning } from '../../reports';
import type { DemoKeys } from './index';
import { DEMO_SIGNING_PASSPHRASE } from './issued-reports';

const DAY_MS = 86_400_000;

/**
 * Last year's management review, held in February and issued with the coordinator's demo key (its
 * decisions already tracked as cases), and this year's as a draft being prepared, so a new user sees
 * both a signed record and the form that leads to one.
 */
export async function demoManagementReviews(ctx: ServiceContext, keys: DemoKeys): Promise<void> {
  const person = (handle: string) => keys.people.get(`${handle}@sjovik.example`) ?? null;
  const unit = (k: string) => keys.units.get(k) ?? null;
  const lastYear = ctx.now().getUTCFullYear() - 1;
  const yesterday = new Date(ctx.now().getTime() - DAY_MS);
  const held = new Date(Math.min(Date.parse(`${lastYear + 1}-02-12T13:00:00Z`), yesterday.getTime()));
  const meetingDate = held.toISOString().slice(0, 10);
  const at = (date: Date): ServiceContext => ({ ...ctx, now: () => date });
  const participants = ['johan.ekstrom', 'karin.lindqvist', 'lars.ohman', 'anna.virtanen', 'gustav.holm'].map(person).filter((p): p is string => !!p);
  const due = (days: number) => new Date(held.getTime() + days * DAY_MS).toISOString().slice(0, 10);

  const issued = createReview(
    at(held),
    {
      title: `Ledningens genomgång ${lastYear}`,
      meetingDate,
      periodFrom: `${lastYear}-01-01`,
      periodTo: `${lastYear}-12-31`,
      participantIds: participants,
      otherParticipants: 'Kommundirektörens ledningsgrupp; ekonomichef (del av mötet)',
      inputs: {
        a: '', c3: '', c4: '', c6: '', c7: '', e: '', f: '',
        b: 'Ny socialtjänstlag från 1 juli; budgetram för äldreomsorgen sänkt med 2 %; ny bolagsordning för Sjöviksbostäder.',
        c1: 'Brukarundersökningen inom äldreomsorgen: 84 % nöjda (83 % året innan). 31 klagomål registrerade, flest om bemötande i hemtjänsten.',
        c2: 'Fem av sju kvalitetsmål uppfyllda. Ej uppfyllt: handläggningstid försörjningsstöd och andel digitala bygglov.',
        c5: 'Nyckeltal följs upp i Stratsys; avvikelserapporteringen har ökat efter utbildningsinsatsen i hemtjänsten.',
        d: 'Internrevisorspoolen har tio utbildade revisorer; två slutar under året. Behov av två nya revisorer från bolagen.',
      },
      conclusions: 'Ledningssystemet bedöms som lämpligt och tillräckligt. Effektiviteten behöver förbättras i uppföljningen av korrigerande åtgärder, där flera ärenden passerat sitt datum.',
      outputs: [
        {
          kind: 'improvement',
          decision: 'Korrigerande åtgärder ska följas upp månadsvis i förvaltningarnas ledningsgrupper.',
          action: 'Inför en stående punkt om försenade åtgärder i ledningsgruppernas dagordning.',
          unitId: unit('kval'), ownerId: person('karin.lindqvist'), dueDate: due(75),
        },
        {
          kind: 'resources',
          decision: 'Internrevisorspoolen utökas med två revisorer från bolagen.',
          action: 'Utse och utbilda två internrevisorer från Sjöviksbostäder och Sjövik Energi.',
          unitId: unit('ks'), ownerId: person('johan.ekstrom'), dueDate: due(200),
        },
        {
          kind: 'qms_change',
          decision: 'Processen för klagomålshantering tas in i ledningssystemet och revideras nästa år.',
          action: '', unitId: null, ownerId: null, dueDate: null,
        },
      ],
    },
    'sv',
  );
  const identityId = ctx.db.prepare('SELECT id FROM signing_identities ORDER BY created_at LIMIT 1').pluck().get() as string | undefined;
  if (identityId) {
    const when = at(new Date(Math.min(held.getTime() + 3 * 60 * 60_000, ctx.now().getTime() - 60_000)));
    const p12 = await identityForSigning(when, identityId, DEMO_SIGNING_PASSPHRASE);
    await issueReview(when, { id: issued.id, revision: issued.revision, lang: 'sv' }, { p12, passphrase: DEMO_SIGNING_PASSPHRASE });
  }

  createReview(
    ctx,
    {
      title: `Ledningens genomgång ${lastYear + 1}`,
      meetingDate: `${lastYear + 2}-02-11`,
      periodFrom: `${lastYear + 1}-01-01`,
      periodTo: `${lastYear + 1}-12-31`,
      participantIds: participants,
      otherParticipants: '',
      inputs: { a: '', b: '', c1: '', c2: '', c3: '', c4: '', c5: '', c6: '', c7: '', d: '', e: '', f: '' },
      conclusions: '',
      outputs: [],
    },
    'sv',
  );
}
