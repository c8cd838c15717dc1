import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const child = (mode: string) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts'), mode], {
    encoding: 'utf8',
    cwd: path.join(__dirname, '../../..'),
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('an uncaught error inside PDF generation', () => {
  it('takes a plain Node process down (the reproduction from issue 17 is real)', () => {
    const r = child('unguarded');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('incorrect header check');
    expect(r.stdout).not.toContain('finished');
  });

  it('fails only its own PDF job, with a clear error, and the next job still works', () => {
    const r = child('guarded');
    expect(r.stderr).not.toContain('incorrect header check');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('refused {"code":"internal","params":{"reason":"pdf"}}');
    expect(r.stdout).toContain('next %PDF-');
  });

  it('is not swallowed when it comes from outside any PDF job', () => {
    const r = child('outside');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unrelated failure');
    expect(r.stdout).not.toContain('job done');
  });
});
