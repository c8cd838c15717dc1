// The layer and feature boundaries of ARCHITECTURE.md ("Layout by feature"), as one lint rule.
// Paths are worked out from the import text alone (relative specifiers against the file's folder),
// so the rule needs no resolver and reports a crossing even before the imported file exists.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FEATURES = 'electron/backend/features/';

/** The repository-relative path of a file or import target, with forward slashes. */
function rel(abs) {
  return path.relative(ROOT, abs).split(path.sep).join('/');
}

function featureOf(p) {
  return p.startsWith(FEATURES) ? p.slice(FEATURES.length).split('/')[0] : null;
}

/** Why `target` (repo-relative; or a package name when `pkg`) may not be imported from `from`, or null. */
export function crossing(from, target, pkg) {
  const layer = (p) =>
    p.startsWith('renderer/') ? 'renderer'
    : p.startsWith('shared/') ? 'shared'
    : p.startsWith('electron/main/') ? 'main'
    : p.startsWith('electron/preload/') ? 'preload'
    : p.startsWith('electron/backend/') || p.startsWith('electron/cli/') ? 'node'
    : null;
  const own = layer(from);
  if (pkg) {
    if (target === 'electron' && own !== 'main' && own !== 'preload' && own !== null)
      return 'Only electron/main and electron/preload import electron; the backend, CLI, shared code and renderer run without it.';
    return null;
  }
  const theirs = layer(target);
  if (own === 'renderer' && (theirs === 'node' || theirs === 'main' || theirs === 'preload'))
    return 'The renderer reaches the backend only through the contract client, never by importing electron/.';
  if (own === 'node' && (theirs === 'renderer' || theirs === 'main' || theirs === 'preload'))
    return 'The backend and CLI never import the renderer or electron/main|preload; shared words live in shared/i18n/.';
  if (own === 'shared' && !target.startsWith('shared/'))
    return 'shared/ imports nothing outside shared/: both sides must be able to use it.';
  const a = featureOf(from);
  const b = featureOf(target);
  if (a && b && a !== b) {
    const inner = target.slice(FEATURES.length + b.length);
    if (!['', '/', '/index', '/index.ts'].includes(inner))
      return `Feature "${a}" reaches feature "${b}" only through ${FEATURES}${b}/index.ts.`;
  }
  return null;
}

const rule = {
  meta: { type: 'problem', schema: [], messages: { crossing: '{{why}} ({{source}})' } },
  create(context) {
    const file = rel(context.physicalFilename);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const relative = source.startsWith('./') || source.startsWith('../');
      const target = relative ? rel(path.resolve(path.dirname(context.physicalFilename), source)) : source;
      const why = crossing(file, target, !relative);
      if (why) context.report({ node, messageId: 'crossing', data: { why, source } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression: (n) =>
        n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal'
          ? check(n, n.arguments[0].value)
          : undefined,
    };
  },
};

export default { meta: { name: 'granska-boundaries' }, rules: { boundaries: rule } };
