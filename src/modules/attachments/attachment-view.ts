import { RASTER_IMAGES } from '../../platform/storage/file-types.ts';
import type { Attachment } from './attachment.repo.ts';
import { urlFileName } from './file-name.ts';

/** An attachment as pages, scripts and the API show it: never the row (no owner, no storage key). */
export interface AttachmentItem {
  id: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
  /** Same-origin download path; prefix PUBLIC_URL for mail or the API. */
  url: string;
  thumbUrl: string | null;
  /** A raster image: shown inline, and written as `![name](url)` in Markdown. */
  image: boolean;
  markdown: string;
}

/** The download path of an attachment: `/attachments/<id>/<name>`, the shape Markdown images may use. */
export function attachmentUrl(att: { id: string; name: string }): string {
  return `/attachments/${att.id}/${urlFileName(att.name)}`;
}

/** Markdown that shows an image, or links any other file. */
export function attachmentMarkdown(att: { id: string; name: string; content_type: string }): string {
  const label = att.name.replace(/[[\]\\]/g, (c) => `\\${c}`);
  const link = `[${label}](${attachmentUrl(att)})`;
  return RASTER_IMAGES.has(att.content_type) ? `!${link}` : link;
}

export function toAttachmentItem(att: Attachment): AttachmentItem {
  return {
    id: att.id,
    name: att.name,
    size: att.size,
    type: att.content_type,
    sha256: att.sha256,
    url: attachmentUrl(att),
    thumbUrl: att.thumb_key ? `/attachments/thumbs/${att.id}` : null,
    image: RASTER_IMAGES.has(att.content_type),
    markdown: attachmentMarkdown(att),
  };
}
