import type { Api, Bridge, CallName, WireEnvelope } from '../../../shared/contract';
import { unpackResult, WIRE_HEADER, WIRE_TABLES } from '../../../shared/contract/wire';
import { API_PREFIX, ATTACHMENT_FILES_PREFIX, TOKEN_HEADER } from '../../../shared/security';
import type { Attachment, AttachmentOwnerType } from '../../../shared/domain/findings';
import { isErrorPayload, type ErrorPayload } from '../../../shared/errors';

/** A failed call as the renderer sees it: a stable code to translate, never a stack trace. */
export class ApiError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.code);
    this.name = 'ApiError';
  }
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    granska?: Bridge;
  }
}

const TOKEN_KEY = 'granska.token';

/** Browser mode gets its token once in the address; keep it for reloads, then hide it from the URL. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let httpToken: string | null = null;

/**
 * One async function per call name, made when first asked for. The names come from the contract's
 * types only: its schemas (and zod) stay out of the first script, which is parsed before anything
 * is drawn. The backend refuses a name it does not know.
 */
function callsThrough(send: (name: CallName, input: unknown) => Promise<unknown>): Api {
  const made = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as Api, {
    get(_target, name) {
      // not a call: `await`ing the object asks for `then`, dev tools for symbols
      if (typeof name !== 'string' || name === 'then') return undefined;
      let call = made.get(name);
      if (!call) {
        call = (input: unknown) => send(name as CallName, input ?? {});
        made.set(name, call);
      }
      return call;
    },
  });
}

function httpApi(): Api {
  const token = (httpToken ??= takeToken());
  return callsThrough(async (name, input) => {
    let response: Response;
    try {
      response = await fetch(`${API_PREFIX}${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token, [WIRE_HEADER]: WIRE_TABLES },
        body: JSON.stringify(input),
      });
    } catch {
      throw new ApiError({ code: 'internal', params: { reason: 'backend_unreachable' } });
    }
    const body = (await response.json().catch(() => null)) as WireEnvelope | null;
    if (body?.ok) return unpackResult(body.result, body.tables);
    const error = (body as { error?: unknown } | null)?.error;
    throw new ApiError(isErrorPayload(error) ? error : { code: response.status === 401 ? 'forbidden' : 'internal', params: {} });
  });
}

function electronApi(bridge: Bridge): Api {
  return callsThrough(async (name, input) => {
    const send = bridge[name] as ((i: unknown) => Promise<WireEnvelope>) | undefined;
    if (!send) throw new ApiError({ code: 'internal', params: {} });
    const envelope = await send(input);
    if (envelope.ok) return unpackResult(envelope.result, envelope.tables);
    const error = (envelope as { error?: unknown }).error;
    throw new ApiError(isErrorPayload(error) ? error : { code: 'internal', params: {} });
  });
}

let instance: Api | null = null;
/** A test's fake answers every call, files too. */
let swapped = false;

export function api(): Api {
  instance ??= window.granska ? electronApi(window.granska) : httpApi();
  return instance;
}

/** Tests swap in a fake. */
export function setApi(next: Api | null): void {
  instance = next;
  swapped = next !== null;
}

export type { CallName };

/** The envelope both transports answer in, as a result or a thrown ApiError. */
function unwrap<T>(body: { ok: boolean; result?: unknown; error?: unknown } | null, status: number): T {
  if (body?.ok) return body.result as T;
  throw new ApiError(isErrorPayload(body?.error) ? body.error : { code: status === 401 ? 'forbidden' : 'internal', params: {} });
}

/**
 * An attachment's bytes as a Blob, from the streamed file route (loopback HTTP in browser mode,
 * the app:// scheme in the desktop app), so a 25 MB photo never becomes a 33 MB base64 string.
 */
export async function attachmentBlob(id: string): Promise<{ blob: Blob; fileName: string; mime: string }> {
  if (swapped) {
    const c = await api()['attachments.content']({ id });
    const binary = atob(c.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return { blob: new Blob([bytes], { type: c.mime }), fileName: c.fileName, mime: c.mime };
  }
  // The same path in both modes: the loopback server checks the token, the desktop app's own
  // app:// scheme answers only its own pages.
  const headers: Record<string, string> = window.granska ? {} : { [TOKEN_HEADER]: (httpToken ??= takeToken()) };
  const response = await fetch(`${ATTACHMENT_FILES_PREFIX}${encodeURIComponent(id)}`, { headers }).catch(() => {
    throw new ApiError({ code: 'internal', params: { reason: 'backend_unreachable' } });
  });
  if (!response.ok) unwrap(await response.json().catch(() => null), response.status);
  const mime = response.headers.get('content-type') ?? 'application/octet-stream';
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? id);
  return { blob: await response.blob(), fileName, mime };
}

/** Only a test's fake API takes a file as base64 now; both real transports stream it. */
async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Adds a chosen file as an attachment, its bytes streamed as they are: to the loopback server with
 * the token in browser mode, to the app:// scheme's handler in the desktop app. The same request in
 * both, so a 25 MB photo is neither a base64 string nor copied whole through IPC.
 */
export async function uploadAttachment(ownerType: AttachmentOwnerType, ownerId: string, file: File): Promise<Attachment> {
  if (swapped) return api()['attachments.add']({ ownerType, ownerId, fileName: file.name, contentBase64: await base64Of(file) });
  const headers: Record<string, string> = window.granska ? {} : { [TOKEN_HEADER]: (httpToken ??= takeToken()) };
  const query = new URLSearchParams({ ownerType, ownerId, fileName: file.name });
  const response = await fetch(`${ATTACHMENT_FILES_PREFIX}?${query.toString()}`, { method: 'POST', headers, body: file }).catch(() => {
    throw new ApiError({ code: 'internal', params: { reason: 'backend_unreachable' } });
  });
  return unwrap<Attachment>(await response.json().catch(() => null), response.status);
}
