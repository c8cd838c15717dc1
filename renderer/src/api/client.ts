import { CALL_NAMES, type Api, type Bridge, type CallName } from '../../../shared/contract';
import { API_PREFIX, TOKEN_HEADER } from '../../../shared/security';
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

function httpApi(): Api {
  const token = takeToken();
  const entries = CALL_NAMES.map((name) => [
    name,
    async (input: unknown) => {
      let response: Response;
      try {
        response = await fetch(`${API_PREFIX}${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError({ code: 'internal', params: { reason: 'backend_unreachable' } });
      }
      const body = (await response.json().catch(() => null)) as { ok: boolean; result?: unknown; error?: unknown } | null;
      if (body?.ok) return body.result;
      throw new ApiError(isErrorPayload(body?.error) ? body.error : { code: response.status === 401 ? 'forbidden' : 'internal', params: {} });
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

function electronApi(bridge: Bridge): Api {
  const entries = CALL_NAMES.map((name) => [
    name,
    async (input: unknown) => {
      const envelope = await (bridge[name] as (i: unknown) => Promise<{ ok: boolean; result?: unknown; error?: unknown }>)(input ?? {});
      if (envelope.ok) return envelope.result;
      throw new ApiError(isErrorPayload(envelope.error) ? envelope.error : { code: 'internal', params: {} });
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

let instance: Api | null = null;

export function api(): Api {
  instance ??= window.granska ? electronApi(window.granska) : httpApi();
  return instance;
}

/** Tests swap in a fake. */
export function setApi(next: Api | null): void {
  instance = next;
}

export type { CallName };
