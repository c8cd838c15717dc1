import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/backend/http/server';
import { tempDir, testBackend } from '../../helpers/tmp';

const TOKEN = 'secret-token-for-keep-alive';
const KEEP_ALIVE_MS = 150;
/** Well past the keep-alive time: Node's socket timers fire up to about a second late. */
const STALL_MS = 2000;

/** A keep-alive connection spoken by hand, so a request can be sent at an exact moment. */
class Connection {
  private buffered = '';
  private waiting: (() => void) | null = null;
  closed: string | null = null;
  private constructor(private readonly socket: net.Socket, private readonly port: number) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buffered += d;
      this.waiting?.();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (this.closed = err.code ?? err.message));
    socket.on('close', () => {
      this.closed ??= 'closed';
      this.waiting?.();
    });
  }

  static open(port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new Connection(socket, port)));
      socket.once('error', reject);
    });
  }

  /** Written to the kernel at once: it is waiting for the server before this returns. */
  send(name: string, body: unknown): void {
    const json = JSON.stringify(body);
    this.socket.write(
      `POST /api/${name} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\nContent-Type: application/json\r\nx-granska-token: ${TOKEN}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
    );
  }

  /** The next whole response, or what became of the connection instead. */
  async response(): Promise<{ status: number; body: string } | { failed: string }> {
    for (;;) {
      const head = this.buffered.indexOf('\r\n\r\n');
      if (head >= 0) {
        const length = Number(/content-length: (\d+)/i.exec(this.buffered.slice(0, head))?.[1] ?? 0);
        if (Buffer.byteLength(this.buffered.slice(head + 4)) >= length) {
          const status = Number(this.buffered.slice(9, 12));
          const body = this.buffered.slice(head + 4, head + 4 + length);
          this.buffered = this.buffered.slice(head + 4 + length);
          return { status, body };
        }
      }
      if (this.closed) return { failed: this.closed };
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  end(): void {
    this.socket.destroy();
  }
}

/** A long synchronous step in the server's process (an integrity check of a large backup, say). */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else runs, the timers fall due meanwhile
  }
}

describe('keep-alive connections of the loopback server', () => {
  const backend = testBackend();
  const rendererDir = tempDir();
  let server: LoopbackServer;

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Granska</title>');
    server = await startLoopbackServer(backend, { rendererDir, token: TOKEN, keepAliveMs: KEEP_ALIVE_MS });
  });
  afterAll(() => server.close());

  it('answers a request sent on a kept connection even when the server was busy past its keep-alive time', async () => {
    const c = await Connection.open(server.port);
    c.send('units.list', {});
    expect(await c.response()).toMatchObject({ status: 200 });
    // The next page is asked for at once; the server is stuck in something long before it reads it.
    // Its keep-alive timer falls due meanwhile, and timers run before the waiting request is read.
    c.send('units.list', {});
    stall(STALL_MS);
    const second = await c.response();
    c.end();
    expect(second).toMatchObject({ status: 200 });
    expect(JSON.parse((second as { body: string }).body)).toMatchObject({ ok: true });
  });

  it('still closes a connection that stays idle past its keep-alive time', async () => {
    const c = await Connection.open(server.port);
    c.send('units.list', {});
    expect(await c.response()).toMatchObject({ status: 200 });
    for (let waited = 0; !c.closed && waited < STALL_MS * 2; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(c.closed).toBe('closed');
    c.end();
  });
});
