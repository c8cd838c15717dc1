import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { id, isoDay, LANGS } from '../domain/common';

/**
 * The certification pack: what an audit lead hands the certification body before its visit, for
 * one period, as a zip with a manifest of SHA-256 hashes.
 */
export const packInput = z
  .object({
    from: isoDay,
    to: isoDay,
    lang: z.enum(LANGS).default('sv'),
    /** Signs the management review inputs with one of the organisation's identities. */
    identityId: id.optional(),
    /** Never trimmed: a passphrase is exactly what was typed. */
    passphrase: z.string().max(1024, { message: 'too_long' }).optional(),
  })
  .refine((v) => v.from <= v.to, { message: 'end_before_start', path: ['to'] })
  .refine((v) => v.identityId === undefined || (v.passphrase ?? '') !== '', { message: 'required', path: ['passphrase'] });

export const packCalls = {
  /** Builds the pack for the period and delivers it as one zip file. */
  'pack.create': call<DeliveredFile>()(packInput),
};
