import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Envelope } from '../../shared/contract';
import { IPC_CHANNEL } from '../../shared/contract';
import { AppError, toErrorPayload } from '../../shared/errors';
import { isAppUrl } from './app-protocol';

/** What the IPC handler needs from the backend; a fake in tests. */
export interface CallTarget {
  call(name: string, input: unknown): Promise<unknown>;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * Only our own page in our own window may call the backend. A frame that navigated elsewhere, a
 * blob: or data: sub-frame, or any other web contents (devtools extensions, a window we did not
 * open) is refused, even though the preload is the only way in: defence in depth.
 */
export function isTrustedSender(event: SenderEvent, mainContents: WebContents | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !isAppUrl(frame.url)) return false;
  return mainContents !== null && event.sender === mainContents;
}

export const FORBIDDEN_ENVELOPE: Envelope<never> = { ok: false, error: { code: 'forbidden', params: {} } };

export interface CallHandlerOptions {
  backend: CallTarget;
  /** Looked up on every call: the window can be re-created (macOS) after the handler is registered. */
  mainContents: () => WebContents | null;
  /** Runs after each successful call, e.g. to rebuild the menu when the language changed. */
  afterCall?: (name: string) => void;
  log?: (message: string, err: unknown) => void;
}

/**
 * The one IPC entry point. It never throws: an exception in `ipcMain.handle` reaches the renderer
 * as an Error whose message carries main-process details, so every outcome, good or bad, crosses
 * as an Envelope with a stable error code instead.
 */
export function createCallHandler(opts: CallHandlerOptions) {
  const log = opts.log ?? ((message, err) => console.error(message, err));
  return async (event: SenderEvent, name: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, opts.mainContents())) return FORBIDDEN_ENVELOPE;
    if (typeof name !== 'string') return { ok: false, error: { code: 'invalid_input', params: {} } };
    try {
      const result = await opts.backend.call(name, input);
      try {
        opts.afterCall?.(name);
      } catch (err) {
        log(`Granska: after ${name}:`, err);
      }
      return { ok: true, result };
    } catch (err) {
      // AppErrors are expected outcomes (not found, locked, …); anything else is a bug worth a log line.
      if (!(err instanceof AppError)) log(`Granska: ${name} failed:`, err);
      return { ok: false, error: toErrorPayload(err) };
    }
  };
}

export function registerCallHandler(ipcMain: Pick<IpcMain, 'handle'>, handler: ReturnType<typeof createCallHandler>): void {
  ipcMain.handle(IPC_CHANNEL, (event, name: unknown, input: unknown) => handler(event, name, input));
}
