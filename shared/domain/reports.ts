import { z } from 'zod';
import { FULFILMENT_LEVELS, type Audit, type AuditStatus, type Fulfilment } from './audits';
import { id, LANGS, optionalText, requiredText, type Lang } from './common';
import { reportTemplateInput, type ReportTemplate } from './report-templates';

// ---- issued reports ------------------------------------------------------------------------------

/** What the report said when it was issued, kept with the revision (the audit may change later). */
export interface ReportSnapshot {
  auditNumber: string;
  title: string;
  fulfilment: Fulfilment | null;
  summary: string;
  conclusion: string;
  findings: Record<string, number>;
  pages: number;
  /** The report template the revision was laid out with; absent for revisions issued before templates. */
  template?: ReportTemplate;
}

/** One issued, signed revision of an audit's report. Immutable: a correction is the next revision. */
export interface ReportRevision {
  id: string;
  auditId: string;
  revision: number;
  lang: Lang;
  fileName: string;
  size: number;
  /** SHA-256 (hex) of the signed file exactly as stored and delivered. */
  sha256: string;
  issuedAt: string;
  issuedBy: string;
  signerName: string;
  signerRole: string;
  /** Uppercase hex pairs separated by ':' (as certificate viewers show it). */
  signerFingerprint: string;
  identityId: string | null;
  reason: string;
  /** Why the previous revision was corrected; empty for revision 1. */
  correctionReason: string;
  summary: ReportSnapshot;
}

export interface OpenCorrection {
  id: string;
  afterRevision: number;
  reason: string;
  startedAt: string;
  startedBy: string;
}

/** Why a report cannot be issued right now; the renderer translates each. */
export const ISSUE_BLOCKERS = ['status', 'locked', 'summary', 'conclusion', 'fulfilment', 'external', 'approval'] as const;
export type IssueBlocker = (typeof ISSUE_BLOCKERS)[number];

/** An audit's report as the report tab shows it. */
export interface ReportOverview {
  auditId: string;
  auditRevision: number;
  locked: boolean;
  status: AuditStatus;
  revisions: ReportRevision[];
  openCorrection: OpenCorrection | null;
  /** The revision number the next issue gets. */
  nextRevision: number;
  blockers: IssueBlocker[];
  /** Locked with no report issued in Granska (e.g. history entered afterwards): nothing to correct here. */
  lockedWithoutReport: boolean;
}

/**
 * What stands between an audit and issuing its report. The first issue needs an audit in
 * progress; later ones need a correction opened on the issued report. The lead's conclusions
 * (ISO 19011 6.4.10, 6.5.1) must be written: a report without them is not a report.
 * Certification-body audits are reported by the body, not by Granska.
 */
export function issueBlockers(
  audit: Pick<Audit, 'status' | 'locked' | 'summary' | 'conclusion' | 'fulfilment'> & { external: boolean },
  facts: { revisions: number; openCorrection: boolean; approvalMissing?: boolean },
): IssueBlocker[] {
  const out: IssueBlocker[] = [];
  if (audit.external) out.push('external');
  if (facts.revisions === 0) {
    if (audit.locked) out.push('locked');
    else if (audit.status !== 'in_progress') out.push('status');
  } else if (!facts.openCorrection || audit.locked) {
    out.push('locked');
  }
  if (!audit.summary.trim()) out.push('summary');
  if (!audit.conclusion.trim()) out.push('conclusion');
  if (!audit.fulfilment) out.push('fulfilment');
  // The coordinator requires the report approved as it will be issued (Settings › Approvals).
  if (facts.approvalMissing && !audit.external) out.push('approval');
  return out;
}

/** `IR-2027-004 Revisionsrapport v1.pdf` / `IR-2027-004 Audit report rev 1.pdf`. */
export function reportFileName(auditNumber: string, revision: number | null, lang: Lang): string {
  const kind = lang === 'sv' ? 'Revisionsrapport' : 'Audit report';
  if (revision === null) return `${auditNumber} ${kind} ${lang === 'sv' ? 'utkast' : 'draft'}.pdf`;
  return `${auditNumber} ${kind} ${lang === 'sv' ? 'version' : 'revision'} ${revision}.pdf`;
}

// ---- inputs ----------------------------------------------------------------------------------------

const revision = z.number().int().min(1);
const lang = z.enum(LANGS, { message: 'choose' });
/** Never trimmed: a passphrase is exactly what was typed. */
const passphrase = z.string().min(1, { message: 'required' }).max(1024, { message: 'too_long' });
const base64 = (maxBytes: number) => z.string().min(1, { message: 'required' }).max(Math.ceil(maxBytes / 3) * 4 + 4, { message: 'too_long' });

export const MAX_PDF_BYTES = 40 * 1024 * 1024;
export const MAX_P12_BYTES = 256 * 1024;
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
export const MIN_NEW_PASSPHRASE = 12;

/** The lead's conclusions: written in the report tab until the report is issued. */
export const conclusionFields = z.object({
  summary: optionalText(8000),
  conclusion: optionalText(8000),
  fulfilment: z.enum(FULFILMENT_LEVELS, { message: 'choose' }).nullable().default(null),
  divergingOpinions: optionalText(8000),
  areasNotCovered: optionalText(8000),
});
export type ConclusionFields = z.input<typeof conclusionFields>;

export const conclusionsInput = z.object({ auditId: id, revision, fields: conclusionFields });

/** `template` lays the draft out with a template not yet saved (the template editor's preview). */
export const previewInput = z.object({ auditId: id, lang, template: reportTemplateInput.optional() });

export const issueInput = z.object({
  auditId: id,
  /** The audit's revision as last seen: someone else's change in the meantime is a conflict. */
  revision,
  lang,
  identityId: id,
  passphrase,
  signerRole: optionalText(120),
  reason: optionalText(300),
});

export const correctionInput = z.object({ auditId: id, reason: requiredText(2000) });

export const programmePdfInput = z.object({
  programmeId: id,
  year: z.number().int().min(1900).max(2200),
  lang,
});

export const logoInput = z.object({ fileName: z.string().trim().max(255).default('logo'), contentBase64: base64(MAX_LOGO_BYTES) });

// ---- signing identities and trusted certificates --------------------------------------------------

/** A signing identity as the app shows it; its key never leaves the stored, encrypted PKCS#12. */
export interface SigningIdentity {
  id: string;
  label: string;
  subjectName: string;
  email: string;
  organisation: string;
  issuerName: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  selfSigned: boolean;
  /** Outside its validity today: kept for the record, refused for signing. */
  expired: boolean;
  /** Its certificate is on the organisation's trusted list. */
  trusted: boolean;
  createdAt: string;
  revision: number;
}

export interface TrustedCertificate {
  id: string;
  label: string;
  subjectName: string;
  fingerprint: string;
  notAfter: string;
  createdAt: string;
}

/** An e-mail address a certificate can carry (IA5String: ASCII only). */
const certificateEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(64, { message: 'too_long' })
  .refine((v) => /^[\x21-\x7e]+@[\x21-\x7e]+\.[\x21-\x7e]+$/.test(v) && z.email().safeParse(v).success, { message: 'email' });

export const identityCreateInput = z.object({
  name: requiredText(64),
  email: certificateEmail,
  organisation: requiredText(64),
  passphrase: z
    .string()
    .max(1024, { message: 'too_long' })
    // counted as people count characters: "åäö" is three
    .refine((v) => [...v].length >= MIN_NEW_PASSPHRASE, { message: 'passphrase_length' }),
  validYears: z.number({ message: 'number' }).int({ message: 'number' }).min(1, { message: 'invalid' }).max(10, { message: 'invalid' }).default(3),
});
export type IdentityCreateInput = z.input<typeof identityCreateInput>;

export const identityImportInput = z.object({
  fileName: z.string().trim().max(255).default(''),
  contentBase64: base64(MAX_P12_BYTES),
  passphrase,
  label: z.string().trim().max(120, { message: 'too_long' }).default(''),
});

export const trustAddInput = z
  .object({
    label: z.string().trim().max(120, { message: 'too_long' }).default(''),
    /** A .pem/.crt/.cer file, PEM or DER. */
    contentBase64: base64(MAX_CERTIFICATE_BYTES).optional(),
    /** Or one of the organisation's own signing identities. */
    identityId: id.optional(),
  })
  .refine((v) => (v.contentBase64 === undefined) !== (v.identityId === undefined), { message: 'required', path: ['contentBase64'] });

export const verifyInput = z.object({ fileName: z.string().trim().max(255).default(''), contentBase64: base64(MAX_PDF_BYTES) });

// ---- verification ------------------------------------------------------------------------------------

/** The issued report a verified file is (or began as), when the database knows it. */
export interface IssuedMatch {
  /** An audit report revision, or the signed minutes of a management review (no revisions; its title in auditTitle, no number). */
  kind: 'report' | 'minutes';
  revisionId: string;
  auditId: string;
  auditNumber: string;
  auditTitle: string;
  revision: number;
  issuedAt: string;
  signerName: string;
  /** The file is byte for byte the issued one; false when its signed part is, but something follows it. */
  exact: boolean;
  /** A later revision exists: this file is no longer the current report. */
  supersededBy: number | null;
  /** The current revision when this one is superseded: when it was issued and why the report was corrected. */
  current: { revision: number; issuedAt: string; correctionReason: string } | null;
}

export type CheckState = 'pass' | 'fail' | 'warn' | 'info';
export const CHECK_KEYS = [
  'signed',
  'integrity',
  'whole_file',
  'later_signature',
  'signer',
  'signing_time',
  'certificate',
  'key_usage',
  'trusted',
  'claimed',
  'issued',
] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];

export interface VerificationCheck {
  key: CheckKey;
  /** The variant of the message to show, e.g. `pass`, `fail`, `superseded`, `unknown`. */
  outcome: string;
  state: CheckState;
  params: Record<string, string | number>;
}

export interface SignerFacts {
  subjectName: string;
  email: string | null;
  organisation: string | null;
  fingerprintSha256: string;
  notBefore: string;
  notAfter: string;
}

/** The certificate checks made for a signer at its signing time. */
export interface CertificateFacts {
  checkedAt: string;
  validity: 'valid' | 'expired' | 'not_yet_valid';
  usableForSigning: boolean;
}

/** One signature in the file (kept structural so shared/ stays Node-free; the signing library's results extend these). */
export interface SignatureFactsEach {
  /** 1 is the signature of the earliest revision (the issued report); later ones sign updates. */
  index: number;
  byteRange: number[];
  /** Where this signature's coverage ends; the file length when it signs the whole file. */
  coveredUpTo: number;
  /** ByteRange starts at 0 and its second range ends exactly at the end of the file. */
  coversWholeFile: boolean;
  /** The signed ranges hash to the CMS messageDigest and the CMS signature verifies with the signer certificate. */
  integrityValid: boolean;
  /** SHA-256 (hex) of the signed byte ranges; empty when there is no usable ByteRange. */
  digestSha256: string;
  /** The CMS digest algorithm, e.g. 'sha256'. */
  digestAlgorithm: string | null;
  /** /SubFilter of the signature dictionary, e.g. 'adbe.pkcs7.detached' or 'ETSI.CAdES.detached'. */
  subFilter: string | null;
  /** OIDs of the CMS signed attributes (content-type, message-digest, signing-certificate-v2, …). */
  signedAttributes: string[];
  signer: SignerFacts | null;
  /** ISO 8601: the CMS signing-time attribute, else the dictionary's /M (both inside the signed bytes). */
  signingTime: string | null;
  reason: string | null;
  certificate: CertificateFacts | null;
  trusted: boolean;
  /** How trust was established. */
  trustedVia: 'pinned' | 'chain' | null;
  problems: string[];
}

/** `untrusted`: intact, but no certificate is trusted at all, so the signer cannot be vouched for. */
export type Verdict = 'valid' | 'untrusted' | 'invalid';

/** The part of the signing library's result the checks read. */
export interface SignatureFacts {
  signed: boolean;
  /** The issued (first) signature's ranges hash to its messageDigest and its CMS signature verifies. */
  integrityValid: boolean;
  /** The issued signature covers the file up to its last byte: nothing was added after it. */
  coversWholeFile: boolean;
  byteRange: number[];
  /** SHA-256 (hex) of the issued signature's byte ranges; empty when there is no usable ByteRange. */
  digestSha256: string;
  signer: SignerFacts | null;
  /** ISO 8601: the CMS signing-time attribute, else the signature dictionary's /M (where PAdES puts it). */
  signingTime: string | null;
  reason: string | null;
  /** The signer is on the trusted list or chains to a trusted CA certificate on it. */
  trusted: boolean;
  /** At least one trusted certificate was given. */
  trustConfigured: boolean;
  certificate: CertificateFacts | null;
  /** What follows the issued signature's coverage: nothing, a later signature, an update, or other bytes. */
  afterSigning: 'none' | 'signature' | 'update' | 'bytes';
  /** The audit number and revision the signed part of the file says it is (Granska's document information). */
  claimed: { auditNumber: string; revision: number } | null;
  /** Every signature in the file, issued one first. */
  signatures: SignatureFactsEach[];
  fileSha256: string;
  /** SHA-256 (hex) of the file as far as the issued signature covers it: the file as issued. */
  issuedSha256: string;
  verdict: Verdict;
  /** verdict === 'valid'. */
  valid: boolean;
  problems: string[];
  /** The kind of signature: 'PAdES B-B' (EU baseline) or 'PKCS#7 detached'; null when unsigned. */
  level: 'PAdES B-B' | 'PKCS#7 detached' | null;
}

export interface VerifyOutcome extends SignatureFacts {
  fileName: string;
  /** Checked against a database (always in the app; with --db on the command line). */
  databaseChecked: boolean;
  match: IssuedMatch | null;
  checks: VerificationCheck[];
}

/** The database's side of a verification: what it holds under the number and revision the file claims. */
export interface DatabaseFacts {
  checked: boolean;
  match: IssuedMatch | null;
  /** The database has an audit with the claimed number. */
  claimedAuditKnown?: boolean;
}

const INTEGRITY_FAILURE: Record<string, string> = {
  weak_algorithm: 'weak',
  unsupported_algorithm: 'unsupported',
  signer_certificate_missing: 'fail',
  signer_certificate_mismatch: 'certificate_mismatch',
};

/**
 * Every check a recipient should see, in reading order. The verdict needs all of them: the issued
 * signature intact and covering the whole file, no later signature or update, a certificate valid
 * and meant for signing when it signed, a trusted signer and, with a database, the current revision.
 */
export function verificationChecks(r: SignatureFacts, db: DatabaseFacts): VerificationCheck[] {
  const checks: VerificationCheck[] = [];
  const add = (key: CheckKey, outcome: string, state: CheckState, params: Record<string, string | number> = {}) =>
    checks.push({ key, outcome, state, params });
  add('signed', r.signed ? 'pass' : 'fail', r.signed ? 'pass' : 'fail');
  if (!r.signed) return checks;
  const algorithm = (r.signatures[0]?.digestAlgorithm ?? '').toUpperCase().replace('SHA', 'SHA-');
  if (r.integrityValid) add('integrity', 'pass', 'pass', { digest: r.digestSha256, algorithm });
  else {
    const cause = r.problems.map((p) => INTEGRITY_FAILURE[p]).find(Boolean) ?? 'fail';
    add('integrity', cause, 'fail', { digest: r.digestSha256, algorithm });
  }
  if (r.afterSigning === 'none') add('whole_file', r.coversWholeFile ? 'pass' : 'fail', r.coversWholeFile ? 'pass' : 'fail');
  else add('whole_file', r.afterSigning, 'fail');
  for (const later of r.signatures.slice(1)) {
    const outcome = !later.signer ? 'unknown_signer' : later.trusted ? 'trusted' : 'untrusted';
    add('later_signature', outcome, 'fail', { index: later.index, name: later.signer?.subjectName ?? '', time: later.signingTime ?? '' });
  }
  if (r.signer) {
    add('signer', 'known', 'info', {
      name: r.signer.subjectName,
      email: r.signer.email ?? '',
      organisation: r.signer.organisation ?? '',
      fingerprint: r.signer.fingerprintSha256,
    });
  } else {
    add('signer', 'unknown', 'fail');
  }
  add('signing_time', r.signingTime ? 'known' : 'unknown', r.signingTime ? 'info' : 'warn', { time: r.signingTime ?? '' });
  if (r.certificate && r.signer) {
    const params = { notBefore: r.signer.notBefore, notAfter: r.signer.notAfter, time: r.certificate.checkedAt };
    add('certificate', r.certificate.validity, r.certificate.validity === 'valid' ? 'pass' : 'fail', params);
    add('key_usage', r.certificate.usableForSigning ? 'pass' : 'fail', r.certificate.usableForSigning ? 'pass' : 'fail');
    const via = r.signatures[0]?.trustedVia ?? null;
    if (r.trusted) add('trusted', via === 'chain' ? 'chain' : 'pass', 'pass');
    else if (r.trustConfigured) add('trusted', 'untrusted', 'fail');
    else add('trusted', 'none_configured', 'warn');
  }
  if (r.claimed) add('claimed', 'known', 'info', { number: r.claimed.auditNumber, revision: r.claimed.revision });
  if (db.checked) issuedCheck(r, db, add);
  return checks;
}

function issuedCheck(r: SignatureFacts, db: DatabaseFacts, add: (key: CheckKey, outcome: string, state: CheckState, params?: Record<string, string | number>) => void): void {
  const m = db.match;
  if (!m) {
    // a file that says it is a revision of an audit this database holds, but is not that revision's bytes
    if (r.claimed && db.claimedAuditKnown) add('issued', 'different', 'fail', { number: r.claimed.auditNumber, revision: r.claimed.revision });
    else add('issued', 'unknown', 'warn', { sha256: r.fileSha256 });
    return;
  }
  const params = { number: m.auditNumber, revision: m.revision, issuedAt: m.issuedAt, title: m.auditTitle };
  if (m.kind === 'minutes') {
    if (m.exact) add('issued', 'minutes', 'pass', params);
    else add('issued', 'minutesPrefix', 'info', params);
    return;
  }
  if (m.supersededBy !== null && m.current) {
    add('issued', 'superseded', 'fail', {
      ...params,
      newer: m.current.revision,
      newerIssuedAt: m.current.issuedAt,
      why: m.current.correctionReason,
    });
  } else if (!m.exact) add('issued', 'prefix', 'info', params);
  else add('issued', 'pass', 'pass', params);
}

/** The final verdict: the signature's, and with a database also "is this the current report". */
export function finalVerdict(r: SignatureFacts, checks: VerificationCheck[]): Verdict {
  const issuedFail = checks.some((c) => c.key === 'issued' && c.state === 'fail');
  if (issuedFail) return 'invalid';
  return r.verdict;
}

/** The first failed check: the reason a verdict states. */
export function verdictReason(checks: VerificationCheck[]): VerificationCheck | null {
  return checks.find((c) => c.state === 'fail') ?? checks.find((c) => c.key === 'trusted' && c.state === 'warn') ?? null;
}
