// Types for native.mjs, for the TypeScript tests that use it.
import type { NativeResult } from './decide.mjs';

export declare function prepareElectronSqlite(opts: {
  projectRoot: string;
  electronVersion: string;
  say?: (line: string) => void;
}): NativeResult;
