// Bundles the server into dist/server/server.mjs: plain JavaScript for `npm start`, so production
// runs without a TypeScript loader (faster start, less memory). Packages stay in node_modules.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

await build({
  entryPoints: { server: path.join(root, 'src/main/server.ts') },
  outdir: path.join(root, 'dist/server'),
  outExtension: { '.js': '.mjs' },
  // Code behind a dynamic import (S3 storage, IMAP, the mail parser…) stays in its own chunk and
  // is loaded only when used, as it is when running the sources.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: ['node22'],
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  sourcemap: 'linked',
  logLevel: 'warning',
});
