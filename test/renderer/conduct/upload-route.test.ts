import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, uploadAttachment } from '../../../renderer/src/api/client';
import type { Bridge } from '../../../shared/contract';
import { ATTACHMENT_FILES_PREFIX, TOKEN_HEADER } from '../../../shared/security';

/** Where the window sends a chosen file: the same streamed request in browser mode and the desktop app. */
describe('uploading an attachment from the window', () => {
  const file = new File(['Rad ett.\nRad två.\n'], 'anteckningar.txt', { type: 'text/plain' });
  const sent: { url: string; init: RequestInit }[] = [];
  const answer = (body: unknown, status = 200) =>
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    });

  afterEach(() => {
    vi.unstubAllGlobals();
    delete window.granska;
    sent.length = 0;
  });

  it('in browser mode posts the file itself with the token, not base64 in a JSON call', async () => {
    sessionStorage.setItem('granska.token', 'token-from-the-launch-url');
    answer({ ok: true, result: { id: 'a1', fileName: 'anteckningar.txt' } });
    expect(await uploadAttachment('case', 'c1', file)).toMatchObject({ id: 'a1' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(`${ATTACHMENT_FILES_PREFIX}?ownerType=case&ownerId=c1&fileName=anteckningar.txt`);
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.body).toBe(file);
    expect(sent[0]!.init.headers).toEqual({ [TOKEN_HEADER]: 'token-from-the-launch-url' });
  });

  it('in the desktop app posts the same request to its own scheme, without a token and without IPC', async () => {
    const ipc = vi.fn();
    window.granska = new Proxy({}, { get: () => ipc }) as unknown as Bridge;
    answer({ ok: true, result: { id: 'a2' } });
    expect(await uploadAttachment('finding', 'f1', file)).toMatchObject({ id: 'a2' });
    // relative, so the page at app://granska/ sends it to app://granska/files/attachments/
    expect(sent[0]!.url).toBe(`${ATTACHMENT_FILES_PREFIX}?ownerType=finding&ownerId=f1&fileName=anteckningar.txt`);
    expect(sent[0]!.init.body).toBe(file);
    expect(sent[0]!.init.headers).toEqual({});
    expect(ipc).not.toHaveBeenCalled();
  });

  it('turns a refusal into the error the panel translates', async () => {
    window.granska = {} as Bridge;
    answer({ ok: false, error: { code: 'file_too_large', params: { limit: 1024 } } }, 413);
    const err = await uploadAttachment('case', 'c1', file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).payload).toEqual({ code: 'file_too_large', params: { limit: 1024 } });
  });
});
