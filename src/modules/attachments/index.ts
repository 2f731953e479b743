export {
  attachmentMarkdown,
  attachmentUrl,
  toAttachmentItem,
  type AttachmentItem,
} from './attachment-view.ts';
export { listAttachmentsForMessages } from './attachment-list.service.ts';
export { claimUploads, listPendingUploads, type ClaimInput } from './claim.service.ts';
export { ATTACHMENTS_CLEANUP_JOB, PENDING_TTL_MS, removeExpiredUploads } from './cleanup.service.ts';
export { openAttachment, type OpenedFile } from './download.service.ts';
export { contentDisposition, sanitizeFileName, urlFileName } from './file-name.ts';
export { ownerKeyOf } from './owner.ts';
export {
  deleteObjects,
  discardUploads,
  storeUpload,
  uploadLimits,
  type IncomingFile,
  type UploadLimits,
} from './upload.service.ts';
export type { Attachment } from './attachment.repo.ts';
