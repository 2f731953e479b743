// Bundles the browser code and the stylesheets into dist/public, with a content hash for cache-busting.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/public');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [path.join(root, 'src/web/client/app.ts'), path.join(root, 'src/web/client/styles/app.css')],
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['es2022'],
  logLevel: 'warning',
  entryNames: '[name]',
  loader: { '.css': 'css' },
});

copyFileSync(path.join(root, 'src/web/client/favicon.svg'), path.join(out, 'favicon.svg'));

const hash = createHash('sha256');
for (const file of ['app.js', 'app.css']) hash.update(readFileSync(path.join(out, file)));
writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: hash.digest('hex').slice(0, 12) }));
