import type { z } from 'zod';
import type { WirePath } from './wire';
import { appCalls } from './app';
import { orgCalls } from './org';
import { casesCalls } from './cases';
import { auditCalls } from './audits';
import { conductCalls } from './conduct';
import { reportsCalls } from './reports';
import { backupCalls } from './backup';
import { teamServerCalls } from './teamServer';
import { packagesCalls } from './packages';
import { packCalls } from './pack';
import { competenceCalls } from './competence';
import { approvalsCalls } from './approvals';
import { managementReviewCalls } from './managementReview';
import { reportTemplateCalls } from './reportTemplates';
import type { CallDef } from './define';
import type { ErrorPayload } from '../errors';

/**
 * Every call the renderer can make. Adding a feature's calls is one spread here; the preload
 * bridge, the renderer client, the router and the HTTP routes all derive from this object.
 */
export const contract = {
  ...appCalls,
  ...orgCalls,
  ...casesCalls,
  ...auditCalls,
  ...conductCalls,
  ...reportsCalls,
  ...backupCalls,
  ...teamServerCalls,
  ...packagesCalls,
  ...packCalls,
  ...competenceCalls,
  ...approvalsCalls,
  ...managementReviewCalls,
  ...reportTemplateCalls,
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

type DefOf<K extends CallName> = Contract[K];
export type InputOf<K extends CallName> = DefOf<K> extends CallDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<K extends CallName> = DefOf<K> extends CallDef<infer I, unknown> ? z.output<I> : never;
export type ResultOf<K extends CallName> = DefOf<K> extends CallDef<z.ZodType, infer R> ? R : never;

/** What the renderer holds: one async function per call. */
export type Api = { [K in CallName]: (input: InputOf<K>) => Promise<ResultOf<K>> };

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What crosses a transport: never a thrown error, always one of these. */
export type Envelope<R> = { ok: true; result: R } | { ok: false; error: ErrorPayload };

/**
 * An envelope as it travels (HTTP and IPC alike): lists of like records in the result may be packed
 * as tables, listed in `tables` (see wire.ts); the renderer's client unpacks them into `R`.
 */
export type WireEnvelope = { ok: true; result: unknown; tables?: WirePath[] } | { ok: false; error: ErrorPayload };

/** What the Electron preload exposes as `window.granska`: one function per call, enveloped for the wire. */
export type Bridge = { [K in CallName]: (input: InputOf<K>) => Promise<WireEnvelope> };

export const BRIDGE_KEY = 'granska';
export const IPC_CHANNEL = 'granska:call';
