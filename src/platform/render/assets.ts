import { fromRoot } from '../paths.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config.ts';

export const ASSET_DIR = fromRoot('dist/public');

let version: string | undefined;

/** The client bundle's content hash, for cache-busting URLs; "dev" before the first build. */
export function assetVersion(_config: Config): string {
  if (version === undefined) {
    try {
      version = (
        JSON.parse(readFileSync(path.join(ASSET_DIR, 'manifest.json'), 'utf8')) as { version: string }
      ).version;
    } catch {
      version = 'dev';
    }
  }
  return version;
}
