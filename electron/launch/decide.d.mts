// Types for decide.mjs, so the TypeScript tests check how they call it.
export declare const NATIVE_BINDING_ENV: 'GRANSKA_SQLITE_NATIVE_BINDING';
export declare const FORCE_BROWSER_ENV: 'GRANSKA_FORCE_BROWSER';
export declare const EARLY_EXIT_MS: number;

export type NativeResult = { ok: true; bindingPath: string } | { ok: false; reason: string };
export type LaunchDecision =
  { mode: 'browser'; message: string } | { mode: 'electron'; binaryPath: string; env: { GRANSKA_SQLITE_NATIVE_BINDING: string } };

export declare function browserFallbackMessage(reason: string): string;
export declare const REASONS: {
  binaryMissing: string;
  noDisplay: string;
  native: (detail: string) => string;
  exited: (code: number | null, signal: string | null) => string;
  spawnFailed: (detail: string) => string;
};
export declare function isForcedBrowser(env: Record<string, string | undefined>): boolean;
export declare function hasDisplay(platform: string, env: Record<string, string | undefined>): boolean;
export declare function electronBinaryPath(
  electronDir: string,
  io: { readText: (file: string) => string; exists: (file: string) => boolean },
): string | null;
export declare function shouldTryDownload(facts: { forced: boolean; binaryPath: string | null }): boolean;
export declare function shouldPrepareNative(facts: { forced: boolean; binaryPath: string | null; display: boolean }): boolean;
export declare function decideLaunch(facts: {
  forced: boolean;
  binaryPath: string | null;
  display: boolean;
  native: NativeResult | null;
}): LaunchDecision;
export declare function decideAfterExit(facts: {
  code: number | null;
  signal: string | null;
  elapsedMs: number;
  spawnError?: string | null;
}): { mode: 'browser'; message: string } | null;
export declare function nativeCachePaths(
  projectRoot: string,
  electronVersion: string,
  sqliteVersion: string,
): { root: string; moduleDir: string; bindingPath: string; stampPath: string; logPath: string };
export declare function rebuildManifest(
  packageName: string,
  version: string,
): { name: string; private: true; dependencies: { 'better-sqlite3': string } };
export declare function electronArgs(projectRoot: string, forwarded: readonly string[]): string[];
export declare function browserArgs(cliPath: string, forwarded: readonly string[]): string[];
