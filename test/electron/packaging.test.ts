import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml arrives with electron-builder; it is the parser electron-builder itself reads the file with.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

const root = join(__dirname, '..', '..');
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses?: Record<string, unknown>;
  asar?: unknown;
  files?: string[];
};

describe('the packaged app has its Electron fuses set', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value);
  });

  it('names only fuses electron-builder knows (a misspelt fuse would be ignored silently)', () => {
    const scheme = JSON.parse(
      readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
    ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const fuse of Object.keys(config.electronFuses ?? {})) expect(known).toContain(fuse);
  });

  it('packs the app into an asar archive, which the integrity fuses check', () => {
    expect(config.asar).toBe(true);
  });
});

describe('the packaged app ships no source maps', () => {
  // electron-builder reads `files` in order: a path is packed when the last pattern matching it is
  // not negated. minimatch is the matcher it uses.
  const { minimatch } = require('minimatch') as { minimatch(path: string, pattern: string, opts?: object): boolean };
  const packed = (file: string) =>
    (config.files ?? []).reduce((inside, pattern) => {
      const negated = pattern.startsWith('!');
      return minimatch(file, negated ? pattern.slice(1) : pattern, { dot: true }) ? !negated : inside;
    }, false);

  it.each(['dist/renderer/assets/index-Abc123.js.map', 'dist/main/main.cjs.map', 'dist/cli/granska.cjs.map', 'dist/preload/preload.cjs.map'])('leaves out %s', (file) => {
    expect(packed(file)).toBe(false);
  });

  it.each(['dist/renderer/assets/index-Abc123.js', 'dist/renderer/index.html', 'dist/main/main.cjs', 'package.json'])('packs %s', (file) => {
    expect(packed(file)).toBe(true);
  });
});
