import { z } from 'zod';

/**
 * What a laptop and the team server say to each other: JSON over HTTP, one version prefix, the
 * change shape from DESIGN.md checked field by field on arrival. Both sides import this file, so
 * a limit or a field cannot drift between them.
 */
export const PROTOCOL_PREFIX = '/v1';

export const LIMITS = {
  /** A push body; a laptop splits its backlog into batches below this. */
  pushBytes: 8 * 1024 * 1024,
  /** Changes in one push; one transaction each. */
  pushChanges: 2000,
  /** Attachment bytes in one blob upload (photos and documents are capped far below this in the app). */
  blobBytes: 64 * 1024 * 1024,
  /** Sign-in and other small bodies. */
  smallBytes: 16 * 1024,
  /** The most changes one pull returns, whatever the laptop asks for. */
  pullMax: 5000,
} as const;

const HLC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9A-F]{4}-[0-9a-f]{16}$/i;
const SHA256 = /^[0-9a-f]{64}$/;

export const changeSchema = z
  .object({
    changeId: z.string().min(1).max(64),
    hlc: z.string().regex(HLC),
    node: z.string().regex(/^[0-9a-f]{16}$/),
    table: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
    rowId: z.string().min(1).max(400),
    op: z.enum(['upsert', 'delete']),
    fields: z.record(z.string(), z.unknown()),
    auditId: z.string().min(1).max(64).nullable(),
  })
  .strict();
export type WireChange = z.infer<typeof changeSchema>;

export const pushSchema = z.object({ changes: z.array(changeSchema).max(LIMITS.pushChanges) }).strict();
export const signInSchema = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) }).strict();

export const isSha256 = (value: string) => SHA256.test(value);

/** A pull position: the server's own order (`seq`), shifted by `grant` when a person joins an audit's team later and must receive its earlier history. Opaque to the laptop. */
export interface PullCursor {
  grant: number;
  seq: number;
}
export const START_CURSOR = '0.0';
export function parseCursor(value: string): PullCursor | null {
  const m = /^(\d{1,18})\.(\d{1,18})$/.exec(value);
  return m ? { grant: Number(m[1]), seq: Number(m[2]) } : null;
}
export const formatCursor = (c: PullCursor) => `${c.grant}.${c.seq}`;

export type Role = 'coordinator' | 'auditor';

export interface SignInResult {
  token: string;
  user: { name: string; role: Role; personId: string | null };
}
export interface MeResult {
  name: string;
  role: Role;
  personId: string | null;
  /** Changes when the server's database is new or was restored from a backup. */
  instance: string;
}
export interface PushResult {
  accepted: number;
  duplicates: number;
}
export interface PullResult {
  changes: WireChange[];
  /** Where the next pull starts. */
  cursor: string;
  /** True when more changes wait beyond `limit`. */
  more: boolean;
}

/** Errors a server answers with, as `{ error: { code, params } }`; the laptop translates them. */
export const SERVER_ERRORS = {
  unauthorized: 401,
  forbidden: 403,
  invalid_input: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  too_many_attempts: 429,
  hash_mismatch: 422,
  unsupported_media_type: 415,
  internal: 500,
} as const;
export type ServerErrorCode = keyof typeof SERVER_ERRORS;
