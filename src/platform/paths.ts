import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project root: the nearest folder above this file with a package.json. It holds for the
 * TypeScript sources (src/platform) and for the production bundle (dist/server) alike.
 */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(import.meta.dirname);

/** A path inside the project, e.g. `fromRoot('locales')`. */
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
