import type { AttachmentItem } from '../../modules/attachments/index.ts';
import { TYPE_EXTENSIONS, UPLOAD_TYPES, type UploadType } from '../../platform/storage/file-types.ts';
import type { Translator } from '../../platform/i18n/i18n.ts';
import type { View } from './view.ts';

/** What the picker tells people (and its script checks before sending): from config and settings. */
export interface UploadLimitsView {
  maxFileBytes: number;
  maxMessageBytes: number;
  maxFiles: number;
  types: string[];
}

/** A pending upload shown again in a form: id, name, size and download path are enough. */
export type UploadedItem = Pick<AttachmentItem, 'id' | 'name' | 'size' | 'url'>;

const TYPE_LABEL: Record<UploadType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'text',
  'application/json': 'json',
  'application/zip': 'zip',
  'application/gzip': 'gzip',
};

/** A size in the reader's language: "512 B", "3.4 KB", "12 MB". */
export function formatBytes(t: Translator, bytes: number): string {
  if (bytes < 1024) return t.t('attachments.size.b', { n: t.number(bytes) });
  if (bytes < 1024 * 1024) return t.t('attachments.size.kb', { n: t.number(Math.round(bytes / 102.4) / 10) });
  return t.t('attachments.size.mb', { n: t.number(Math.round(bytes / 104_857.6) / 10) });
}

function acceptList(types: string[]): string {
  return types
    .flatMap((type) => (TYPE_EXTENSIONS[type as UploadType] ?? []).map((ext) => `.${ext}`))
    .join(',');
}

/** The messages the upload script shows, carried as data attributes (the script has no catalog). */
function scriptMessages(v: View, limits: UploadLimitsView | undefined) {
  const t = v.t.t;
  return {
    // The script fills in {name} and {reason} itself.
    'data-msg-uploading': t('attachments.uploading', { name: '{name}' }),
    'data-msg-uploaded': t('attachments.uploaded', { name: '{name}' }),
    'data-msg-failed': t('attachments.failed', { name: '{name}', reason: '{reason}' }),
    'data-msg-too-large': t('attachments.error.fileTooLarge'),
    'data-msg-wait': t('attachments.wait'),
    'data-max-file-bytes': limits ? String(limits.maxFileBytes) : undefined,
  };
}

function UploadedRow({ v, item }: { v: View; item: UploadedItem }) {
  return (
    <li>
      <label class="choice">
        <input type="checkbox" name="attachmentIds" value={item.id} checked />{' '}
        <a href={item.url} target="_blank" safe>
          {item.name}
        </a>{' '}
        <span class="muted" safe>
          {formatBytes(v.t, item.size)}
        </span>
      </label>
    </li>
  );
}

/**
 * Files for a message: a plain `<input type="file" name="files" multiple>` that works without
 * JavaScript (the form must be `enctype="multipart/form-data"`, see multipartAction), and pending
 * uploads as checked `attachmentIds` boxes (untick to drop one). With JavaScript the script in
 * behaviours/uploads.ts uploads chosen, dropped and pasted files at once and adds their boxes;
 * images pasted or dropped into the form's textarea are written into it as Markdown.
 */
export function AttachmentPicker(props: {
  v: View;
  uploaded?: UploadedItem[];
  limits?: UploadLimitsView;
  /** A message key, e.g. from the form's `files` field error. */
  error?: string | undefined;
}) {
  const { v, limits, error } = props;
  const t = v.t.t;
  const hint = limits
    ? t('attachments.hint', {
        count: limits.maxFiles,
        file: formatBytes(v.t, limits.maxFileBytes),
        total: formatBytes(v.t, limits.maxMessageBytes),
      })
    : '';
  const describedBy = ['f-files-hint', error ? 'f-files-error' : ''].filter(Boolean).join(' ');
  return (
    <div
      class={error ? 'field field-invalid attachments-field' : 'field attachments-field'}
      data-uploads
      {...scriptMessages(v, limits)}
    >
      <label for="f-files" safe>
        {t('attachments.label')}
      </label>
      <ul class="upload-list" data-upload-list aria-label={t('attachments.pending')}>
        {(props.uploaded ?? []).map((item) => (
          <UploadedRow v={v} item={item} />
        ))}
      </ul>
      <div class="drop-zone" data-drop-zone>
        <input
          id="f-files"
          type="file"
          name="files"
          multiple
          accept={limits ? acceptList(limits.types) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        />
        <p class="field-hint js-only" safe>
          {t('attachments.dropHint')}
        </p>
      </div>
      <p class="field-hint" id="f-files-hint" safe>
        {hint}
      </p>
      {error ? (
        <p class="field-error" id="f-files-error" safe>
          {t(error)}
        </p>
      ) : (
        ''
      )}
      <p class="upload-status" data-upload-status role="status" aria-live="polite"></p>
    </div>
  );
}

/** A form action that carries the CSRF token in its URL: multipart bodies are read after the check. */
export function multipartAction(v: View, action: string): string {
  return `${action}${action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(v.csrf)}`;
}

/** A message's files in the timeline: thumbnails for images, name and size for everything. */
export function AttachmentList({ v, items }: { v: View; items: AttachmentItem[] }) {
  if (items.length === 0) return '';
  return (
    <ul class="attachment-list" aria-label={v.t.t('attachments.label')}>
      {items.map((item) => (
        <li class="attachment">
          <a href={item.url} class="attachment-link" target={item.image ? '_blank' : undefined}>
            {item.thumbUrl ? (
              <img class="attachment-thumb" src={item.thumbUrl} alt="" loading="lazy" />
            ) : (
              <span class="attachment-icon" aria-hidden="true" safe>
                {(item.name.split('.').pop() ?? '').slice(0, 4).toUpperCase()}
              </span>
            )}
            <span class="attachment-name" safe>
              {item.name}
            </span>
            <span class="attachment-size muted" safe>
              {formatBytes(v.t, item.size)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The admin's choice of allowed attachment types, for the settings form (field `uploadTypes`). */
export function UploadTypesFieldset({
  v,
  selected,
  error,
}: {
  v: View;
  selected: string[];
  error?: string | undefined;
}) {
  const t = v.t.t;
  return (
    <fieldset class={error ? 'field-invalid' : undefined}>
      <legend safe>{t('attachments.settings.legend')}</legend>
      <input type="hidden" name="uploadTypesShown" value="1" />
      {UPLOAD_TYPES.map((type) => (
        <label class="choice">
          <input type="checkbox" name="uploadTypes" value={type} checked={selected.includes(type)} />{' '}
          <span safe>{t(`attachments.type.${TYPE_LABEL[type]}`)}</span>
        </label>
      ))}
      <p class="field-hint" safe>
        {t('attachments.settings.hint')}
      </p>
      {error ? (
        <p class="field-error" safe>
          {t(error)}
        </p>
      ) : (
        ''
      )}
    </fieldset>
  );
}
