import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '../..');

/** The asarUnpack patterns of electron-builder.yml (a plain list, read without a YAML library). */
function asarUnpack(): string[] {
  const text = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  const block = /^asarUnpack:\n((?:\s+- .+\n)+)/m.exec(text);
  return block ? [...block[1]!.matchAll(/- '([^']+)'/g)].map((m) => m[1]!) : [];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('the desktop package', () => {
  it('unpacks sharp and its libvips binaries from app.asar, where a native library cannot be loaded', () => {
    const patterns = asarUnpack();
    // the packaged app holds its dependencies under <app>/node_modules
    const packaged = (file: string) => `app/${path.relative(root, file).split(path.sep).join('/')}`;
    const natives = [...filesUnder(path.join(root, 'node_modules/sharp')), ...filesUnder(path.join(root, 'node_modules/@img'))];
    const binaries = natives.filter((f) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(f));
    expect(binaries.some((f) => f.endsWith('.node'))).toBe(true);
    expect(binaries.some((f) => /libvips/.test(f))).toBe(true);
    for (const file of [...binaries, path.join(root, 'node_modules/sharp/package.json')]) {
      expect(patterns.some((p) => path.matchesGlob(packaged(file), p)), packaged(file)).toBe(true);
    }
  });
});
