import crypto from 'node:crypto';
import { AppError } from '../../../shared/errors';
import {
  PROTOCOL_PREFIX,
  type MeResult,
  type PullResult,
  type PushResult,
  type ServerErrorCode,
  type SignInResult,
  type WireChange,
} from './protocol';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const TIMEOUT_MS = 60_000;

/**
 * The laptop's HTTP conversation with the team server. Every failure becomes
 * `sync_failed` with a reason the interface translates; nothing here changes the local database.
 */
export class ServerLink {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
  ) {}

  static normaliseUrl(input: string): string {
    let url: URL;
    try {
      url = new URL(input.trim());
    } catch {
      throw new AppError('invalid_input', { issues: [{ path: 'url', message: 'url' }] });
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
      throw new AppError('invalid_input', { issues: [{ path: 'url', message: 'url' }] });
    }
    return url.toString().replace(/\/+$/, '');
  }

  signIn(name: string, password: string): Promise<SignInResult> {
    return this.json<SignInResult>('POST', '/sign-in', { name, password });
  }

  signOut(): Promise<unknown> {
    return this.json('POST', '/sign-out', {});
  }

  me(): Promise<MeResult> {
    return this.json<MeResult>('GET', '/me');
  }

  push(changes: WireChange[]): Promise<PushResult> {
    return this.json<PushResult>('POST', '/push', { changes });
  }

  pull(cursor: string, limit: number): Promise<PullResult> {
    return this.json<PullResult>('GET', `/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`);
  }

  async hasBlob(sha256: string): Promise<boolean> {
    const res = await this.request('HEAD', `/blobs/${sha256}`);
    return res.status === 200;
  }

  async putBlob(sha256: string, bytes: Buffer, mime: string, auditId: string | null): Promise<void> {
    const res = await this.request('PUT', `/blobs/${sha256}${auditId ? `?audit=${encodeURIComponent(auditId)}` : ''}`, new Uint8Array(bytes), mime);
    if (!res.ok) await this.fail(res);
  }

  /** The bytes, refused unless they hash to the name they were asked for. */
  async getBlob(sha256: string): Promise<{ bytes: Buffer; mime: string }> {
    const res = await this.request('GET', `/blobs/${sha256}`);
    if (!res.ok) await this.fail(res);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha256) throw new AppError('sync_failed', { reason: 'blob_hash', sha256 });
    return { bytes, mime: res.headers.get('content-type') ?? 'application/octet-stream' };
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    if (!res.ok) await this.fail(res);
    try {
      return (await res.json()) as T;
    } catch {
      throw new AppError('sync_failed', { reason: 'protocol', url: this.baseUrl });
    }
  }

  private async request(method: string, path: string, body?: string | Uint8Array<ArrayBuffer>, contentType?: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined && contentType) headers['content-type'] = contentType;
    try {
      return await this.fetchImpl(`${this.baseUrl}${PROTOCOL_PREFIX}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new AppError('sync_failed', { reason: 'unreachable', url: this.baseUrl });
    }
  }

  private async fail(res: Response): Promise<never> {
    let code: ServerErrorCode | null = null;
    let params: Record<string, unknown> = {};
    try {
      const body = (await res.json()) as { error?: { code?: ServerErrorCode; params?: Record<string, unknown> } };
      code = body.error?.code ?? null;
      params = body.error?.params ?? {};
    } catch {
      // a proxy's HTML page, say: the status is all there is
    }
    if (code === 'unauthorized') throw new AppError('sync_failed', { reason: params.reason === 'sign_in' ? 'sign_in' : 'signed_out' });
    if (code === 'forbidden') {
      const audits = Array.isArray(params.audits) ? params.audits.filter((a): a is string => typeof a === 'string') : [];
      throw new AppError('sync_failed', { reason: 'forbidden', audits });
    }
    if (code === 'payload_too_large') throw new AppError('sync_failed', { reason: 'too_large' });
    if (code === 'too_many_attempts') {
      throw new AppError('sync_failed', { reason: 'too_many_attempts', minutes: Math.max(1, Math.ceil(Number(params.retryAfter ?? 60) / 60)) });
    }
    throw new AppError('sync_failed', { reason: 'server', status: res.status, url: this.baseUrl });
  }
}
