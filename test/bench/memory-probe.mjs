/**
 * Preloaded into a child process (`node --import`) by a bench: keeps the peak of every figure of
 * process.memoryUsage(), sampled every millisecond while the event loop is free. On SIGUSR2 it
 * writes { base, peak } to the file named by GRANSKA_MEMORY_PROBE and starts over, so a bench can
 * bracket one request. Synchronous stretches (an SQLite insert) are not sampled inside; the
 * kernel's RSS high-water mark (VmHWM) covers those.
 */
import fs from 'node:fs';

const out = process.env.GRANSKA_MEMORY_PROBE;
if (out) {
  const keys = ['rss', 'heapUsed', 'external', 'arrayBuffers'];
  let base;
  let peak;
  const reset = () => {
    base = process.memoryUsage();
    peak = { ...base };
  };
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of keys) if (m[k] > peak[k]) peak[k] = m[k];
  };
  reset();
  setInterval(sample, 1).unref();
  process.on('SIGUSR2', () => {
    sample();
    const pick = (m) => Object.fromEntries(keys.map((k) => [k, m[k]]));
    fs.writeFileSync(`${out}.tmp`, JSON.stringify({ base: pick(base), peak: pick(peak) }));
    fs.renameSync(`${out}.tmp`, out);
    reset();
  });
}
