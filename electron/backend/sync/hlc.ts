/**
 * Hybrid logical clock in Actual Budget's timestamp format (packages/crdt/src/crdt/timestamp.ts):
 * `2026-12-04T05:01:02.003Z-0001-0123456789abcdef` — ISO wall time in ms, a 4-hex counter
 * (upper case, as Actual writes it) and the 16-hex node id. Plain string comparison orders stamps
 * causally, so SQLite and PostgreSQL can compare them without parsing.
 *
 * Unlike Actual we do not refuse a remote stamp far in the future: an auditor's laptop with a
 * wrong clock must not make their day's work unimportable. The clock simply moves ahead of it.
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
const PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9a-f]{16})$/;

export function formatHlc(t: Hlc): string {
  return `${new Date(t.millis).toISOString()}-${t.counter.toString(16).toUpperCase().padStart(4, '0')}-${t.node}`;
}

export function parseHlc(text: string): Hlc | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const millis = Date.parse(m[1]!);
  if (Number.isNaN(millis)) return null;
  return { millis, counter: parseInt(m[2]!, 16), node: m[3]! };
}

export function isHlc(text: unknown): text is string {
  return typeof text === 'string' && parseHlc(text) !== null;
}

/** The next stamp for a local change; `last` is the newest stamp this database has made or seen. */
export function sendHlc(last: string, node: string, wallMillis: number): string {
  const prev = parseHlc(last) ?? { millis: 0, counter: 0, node };
  const millis = Math.max(prev.millis, wallMillis);
  const counter = millis === prev.millis ? prev.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new Error('hlc_counter_overflow');
  return formatHlc({ millis, counter, node });
}

/** Moves the local clock past a stamp received from elsewhere, so later local changes sort after it. */
export function recvHlc(last: string, remote: string, node: string, wallMillis: number): string {
  const prev = parseHlc(last) ?? { millis: 0, counter: 0, node };
  const msg = parseHlc(remote);
  if (!msg) throw new Error('hlc_invalid');
  const millis = Math.max(prev.millis, msg.millis, wallMillis);
  const counter =
    millis === prev.millis && millis === msg.millis
      ? Math.max(prev.counter, msg.counter) + 1
      : millis === prev.millis
        ? prev.counter + 1
        : millis === msg.millis
          ? msg.counter + 1
          : 0;
  if (counter > MAX_COUNTER) throw new Error('hlc_counter_overflow');
  return formatHlc({ millis, counter, node });
}
