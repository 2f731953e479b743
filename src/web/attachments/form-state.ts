import { listPendingUploads } from '../../modules/attachments/index.ts';
import type { Ctx } from '../../platform/context.ts';
import type { AppError } from '../../platform/errors.ts';
import { formWithError } from '../route-kit.ts';
import type { FormState } from '../ui/Form.tsx';
import type { UploadForm } from './upload-form.ts';

/** The form to re-render after a refusal: what was typed, and the files already uploaded, still attached. */
export async function uploadFormState(ctx: Ctx, form: UploadForm, err?: AppError): Promise<FormState> {
  const state = formWithError(form.fields, err ?? form.error);
  const uploads = await listPendingUploads(ctx, { uploadIds: form.uploadIds, guestToken: form.guestToken });
  return { ...state, uploads };
}

/** What the ticket services take as the message's files. */
export function attachmentsOf(form: UploadForm) {
  return { uploadIds: form.uploadIds, guestToken: form.guestToken };
}
