import { Readable } from 'node:stream';
import type { Storage } from '../../platform/storage/storage.ts';

export const THUMB_TYPE = 'image/webp';
const THUMB_WIDTH = 320;
const THUMB_HEIGHT = 240;
/** Decompression bombs stop here: 40 megapixels is more than any phone photo. */
const MAX_PIXELS = 40_000_000;

/**
 * Renders a small WebP of a stored raster image (first frame, EXIF rotation applied, metadata
 * dropped) and stores it under `thumbKey`. Returns false when the image cannot be decoded: the
 * file is kept, just without a preview.
 */
export async function storeThumbnail(storage: Storage, key: string, thumbKey: string): Promise<boolean> {
  let webp: Buffer;
  try {
    const options = { limitInputPixels: MAX_PIXELS, animated: false, failOn: 'error' as const };
    // From disk libvips reads the file itself; from a bucket sharp needs the bytes in memory
    // (an image is at most one file's size limit, and only for this moment).
    const local = storage.localPath?.(key);
    const input = local ?? Buffer.concat(await (await storage.get(key)).toArray());
    // Loaded on first use: libvips costs ~13 MB resident that a site without images never needs.
    const { default: sharp } = await import('sharp');
    webp = await sharp(input, options)
      .rotate()
      .resize({ width: THUMB_WIDTH, height: THUMB_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
  } catch {
    return false;
  }
  await storage.put(thumbKey, Readable.from([webp]), { contentType: THUMB_TYPE });
  return true;
}
