import type { UploadLimitsView } from '../ui/Attachments.tsx';
import type { WebDeps } from '../route-kit.ts';

/** The limits AttachmentPicker shows and its script checks: sizes from config, types from settings. */
export async function uploadLimitsView(deps: WebDeps): Promise<UploadLimitsView> {
  const site = await deps.settings.get();
  return {
    maxFileBytes: deps.config.uploadMaxFileBytes,
    maxMessageBytes: deps.config.uploadMaxMessageBytes,
    maxFiles: deps.config.uploadMaxFiles,
    types: site.uploadTypes,
  };
}
