import type { PersonRole, RiskLevel, UnitKind } from '../../../../../shared/domain/org';

/**
 * A fictional municipal group ("Sjöviks kommunkoncern"). Every name is invented; any likeness to a
 * real person or place is chance.
 */
export const DEMO_ORGANISATION = 'Sjöviks kommunkoncern';

export interface DemoUnit { key: string; name: string; code: string; kind: UnitKind; parent?: string; description: string }
export interface DemoProcess { name: string; owner: string; risk: RiskLevel; description: string }
export interface DemoPerson { name: string; email: string; title: string; roles: PersonRole[]; unit: string }

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'ks', name: 'Kommunledningsförvaltningen', code: 'KLF', kind: 'administration', description: 'Kommunstyrelsens förvaltning: ekonomi, HR, kvalitet och kommunikation.' },
  { key: 'kval', name: 'Kvalitets- och utvecklingsenheten', code: 'KVU', kind: 'department', parent: 'ks', description: 'Samordnar ledningssystemet och internrevisionen.' },
  { key: 'soc', name: 'Socialförvaltningen', code: 'SOC', kind: 'administration', description: 'Äldreomsorg, individ- och familjeomsorg, funktionsstöd.' },
  { key: 'aldre', name: 'Äldreomsorgen', code: 'ÄO', kind: 'department', parent: 'soc', description: 'Särskilda boenden och hemtjänst.' },
  { key: 'ifo', name: 'Individ- och familjeomsorgen', code: 'IFO', kind: 'department', parent: 'soc', description: 'Myndighetsutövning, barn och unga, försörjningsstöd.' },
  { key: 'bun', name: 'Barn- och utbildningsförvaltningen', code: 'BUF', kind: 'administration', description: 'Förskola, grundskola, gymnasium och vuxenutbildning.' },
  { key: 'gr', name: 'Grundskolan', code: 'GR', kind: 'department', parent: 'bun', description: 'Kommunens tolv grundskolor.' },
  { key: 'mbf', name: 'Miljö- och byggförvaltningen', code: 'MBF', kind: 'administration', description: 'Bygglov, miljötillsyn och livsmedelskontroll.' },
  { key: 'bost', name: 'Sjöviksbostäder AB', code: 'SBO', kind: 'company', description: 'Kommunens bostadsbolag, 4 200 lägenheter.' },
  { key: 'energi', name: 'Sjövik Energi & Återvinning AB', code: 'SEÅ', kind: 'company', description: 'Fjärrvärme, elnät och avfallshantering.' },
  { key: 'turism', name: 'Destination Sjövik AB', code: 'DSJ', kind: 'company', description: 'Turistbyrå, evenemang och besöksnäring.' },
];

export const DEMO_PROCESSES: DemoProcess[] = [
  { name: 'Styrning och ledning', owner: 'ks', risk: 'medium', description: 'Mål, budget, uppföljning och ledningens genomgång.' },
  { name: 'Kompetensförsörjning', owner: 'ks', risk: 'medium', description: 'Rekrytering, introduktion och kompetensutveckling.' },
  { name: 'Upphandling och avtalsuppföljning', owner: 'ks', risk: 'high', description: 'Inköp av varor och tjänster, uppföljning av leverantörer.' },
  { name: 'Dokumentstyrning och arkiv', owner: 'ks', risk: 'low', description: 'Styrande dokument, diarium och arkivering.' },
  { name: 'Internrevision och avvikelsehantering', owner: 'kval', risk: 'medium', description: 'Revisionsprogram, revisioner, avvikelser och förbättringar.' },
  { name: 'Synpunkter och klagomål', owner: 'kval', risk: 'medium', description: 'Ta emot, utreda och återkoppla medborgarnas synpunkter.' },
  { name: 'Vård och omsorg på särskilt boende', owner: 'aldre', risk: 'high', description: 'Genomförandeplaner, läkemedel, social dokumentation.' },
  { name: 'Hemtjänst', owner: 'aldre', risk: 'high', description: 'Insatser i hemmet enligt biståndsbeslut.' },
  { name: 'Handläggning av bistånd', owner: 'ifo', risk: 'high', description: 'Utredning och beslut enligt socialtjänstlagen.' },
  { name: 'Barn och unga – utredning', owner: 'ifo', risk: 'high', description: 'Förhandsbedömning, utredning och uppföljning av insatser.' },
  { name: 'Undervisning i grundskolan', owner: 'gr', risk: 'medium', description: 'Planering, genomförande och bedömning av undervisning.' },
  { name: 'Elevhälsa', owner: 'gr', risk: 'medium', description: 'Medicinska, psykologiska, psykosociala och specialpedagogiska insatser.' },
  { name: 'Skolskjuts', owner: 'bun', risk: 'low', description: 'Beslut och beställning av skolskjuts.' },
  { name: 'Bygglovshandläggning', owner: 'mbf', risk: 'high', description: 'Från ansökan till beslut och slutbesked.' },
  { name: 'Miljötillsyn', owner: 'mbf', risk: 'medium', description: 'Planerad och händelsestyrd tillsyn.' },
  { name: 'Livsmedelskontroll', owner: 'mbf', risk: 'medium', description: 'Offentlig kontroll av livsmedelsverksamheter.' },
  { name: 'Uthyrning och kundservice', owner: 'bost', risk: 'medium', description: 'Bostadskö, kontrakt och hyresgästernas ärenden.' },
  { name: 'Fastighetsförvaltning och underhåll', owner: 'bost', risk: 'medium', description: 'Felanmälan, planerat underhåll och besiktningar.' },
  { name: 'Fjärrvärmeleverans', owner: 'energi', risk: 'high', description: 'Produktion och distribution av fjärrvärme.' },
  { name: 'Avfallsinsamling', owner: 'energi', risk: 'medium', description: 'Hämtning av hushållsavfall och drift av återvinningscentraler.' },
  { name: 'Evenemang och besöksservice', owner: 'turism', risk: 'low', description: 'Turistbyrå, evenemangsplanering och marknadsföring.' },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: 'Karin Lindqvist', email: 'karin.lindqvist@sjovik.example', title: 'Kvalitetssamordnare', roles: ['audit_lead', 'auditor'], unit: 'kval' },
  { name: 'Johan Ekström', email: 'johan.ekstrom@sjovik.example', title: 'Controller', roles: ['audit_lead', 'auditor'], unit: 'ks' },
  { name: 'Amira Haddad', email: 'amira.haddad@sjovik.example', title: 'Utvecklingsledare', roles: ['auditor'], unit: 'soc' },
  { name: 'Per-Olof Nyberg', email: 'per-olof.nyberg@sjovik.example', title: 'Bygglovsarkitekt', roles: ['auditor'], unit: 'mbf' },
  { name: 'Sofia Bergström', email: 'sofia.bergstrom@sjovik.example', title: 'Biträdande rektor', roles: ['auditor'], unit: 'gr' },
  { name: 'Mikael Åberg', email: 'mikael.aberg@sjovik.example', title: 'Driftingenjör', roles: ['auditor'], unit: 'energi' },
  { name: 'Elin Sjögren', email: 'elin.sjogren@sjovik.example', title: 'Förvaltare', roles: ['auditor'], unit: 'bost' },
  { name: 'Lars Öhman', email: 'lars.ohman@sjovik.example', title: 'Verksamhetschef äldreomsorg', roles: ['auditee_manager'], unit: 'aldre' },
  { name: 'Maria Johansson', email: 'maria.johansson@sjovik.example', title: 'Enhetschef IFO', roles: ['auditee_manager'], unit: 'ifo' },
  { name: 'Henrik Dahl', email: 'henrik.dahl@sjovik.example', title: 'Bygglovschef', roles: ['auditee_manager'], unit: 'mbf' },
  { name: 'Anna Virtanen', email: 'anna.virtanen@sjovik.example', title: 'Skolchef', roles: ['auditee_manager'], unit: 'bun' },
  { name: 'Gustav Holm', email: 'gustav.holm@sjovik.example', title: 'VD', roles: ['auditee_manager'], unit: 'bost' },
  { name: 'Fatima Al-Sayed', email: 'fatima.al-sayed@sjovik.example', title: 'Avfallschef', roles: ['auditee_manager'], unit: 'energi' },
  { name: 'Oskar Wennberg', email: 'oskar.wennberg@sjovik.example', title: 'Turistchef', roles: ['auditee_manager'], unit: 'turism' },
  { name: 'Ingrid Forsberg', email: 'ingrid.forsberg@sjovik.example', title: 'HR-specialist', roles: ['auditor'], unit: 'ks' },
  { name: 'David Nilsson', email: 'david.nilsson@sjovik.example', title: 'Miljöinspektör', roles: ['auditor'], unit: 'mbf' },
];
