import { rememberUploads, savedUploads } from './draft-files.ts';

/** What POST /attachments answers for a stored file. */
interface Uploaded {
  id: string;
  name: string;
  size: number;
  url: string;
  markdown: string;
}

interface Picker {
  box: HTMLElement;
  form: HTMLFormElement;
  list: HTMLElement;
  status: HTMLElement;
  area: HTMLTextAreaElement | null;
  pending: number;
  /** The textarea's autosave key: uploads are kept with its draft. */
  draftKey: string | undefined;
}

function message(box: HTMLElement, name: string, values: Record<string, string>): string {
  const text = box.getAttribute(`data-msg-${name}`) ?? '';
  return text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

/** Sends one file to POST /attachments; resolves with the stored upload or rejects with a readable reason. */
async function send(picker: Picker, file: File): Promise<Uploaded> {
  const max = Number(picker.box.dataset.maxFileBytes ?? 0);
  if (max && file.size > max) throw new Error(message(picker.box, 'too-large', {}));
  const body = new FormData();
  body.append('files', file, file.name || 'pasted.png');
  const res = await fetch('/attachments', {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'x-csrf-token': csrfToken() },
  });
  const json = (await res.json().catch(() => ({}))) as Uploaded & {
    error?: { message?: string; fields?: Record<string, string> };
  };
  if (!res.ok) throw new Error(json.error?.fields?.files ?? json.error?.message ?? String(res.status));
  return json;
}

/** Adds a checked `attachmentIds` box for the upload, so the form submits it like a kept upload. */
function addToList(picker: Picker, item: Pick<Uploaded, 'id' | 'name' | 'url'>): void {
  const li = document.createElement('li');
  const label = document.createElement('label');
  label.className = 'choice';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = 'attachmentIds';
  box.value = item.id;
  box.checked = true;
  const link = document.createElement('a');
  link.href = item.url;
  link.target = '_blank';
  link.textContent = item.name;
  label.append(box, ' ', link);
  li.append(label);
  picker.list.append(li);
}

function insertAtCursor(area: HTMLTextAreaElement, text: string): void {
  area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

function replaceText(area: HTMLTextAreaElement, from: string, to: string): void {
  const at = area.value.indexOf(from);
  if (at < 0) return;
  // A caret right after the placeholder (nothing typed since) moves past the Markdown; else it stays.
  const caretAtEnd = area.selectionStart === area.selectionEnd && area.selectionEnd === at + from.length;
  area.setRangeText(to, at, at + from.length, caretAtEnd ? 'end' : 'preserve');
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Uploads files one by one; with `intoText`, writes each as Markdown where the cursor was. */
async function uploadAll(picker: Picker, files: File[], intoText: boolean): Promise<void> {
  for (const file of files) {
    const name = file.name || 'pasted.png';
    const placeholder = `![${message(picker.box, 'uploading', { name })}]()`;
    if (intoText && picker.area) insertAtCursor(picker.area, placeholder);
    picker.status.textContent = message(picker.box, 'uploading', { name });
    picker.pending++;
    try {
      const item = await send(picker, file);
      addToList(picker, item);
      if (picker.draftKey) rememberUploads(picker.draftKey, picker.list);
      if (intoText && picker.area) replaceText(picker.area, placeholder, item.markdown);
      picker.status.textContent = message(picker.box, 'uploaded', { name: item.name });
    } catch (err) {
      if (intoText && picker.area) replaceText(picker.area, placeholder, '');
      picker.status.textContent = message(picker.box, 'failed', { name, reason: (err as Error).message });
    } finally {
      picker.pending--;
    }
  }
}

/** Ticks again the uploads saved with a restored draft, and keeps that record in step with the boxes. */
function restoreDraftUploads(picker: Picker, key: string): void {
  const shown = new Set(
    [...picker.list.querySelectorAll<HTMLInputElement>('input[name="attachmentIds"]')].map((b) => b.value),
  );
  for (const file of savedUploads(key)) if (!shown.has(file.id)) addToList(picker, file);
  picker.list.addEventListener('change', () => rememberUploads(key, picker.list));
}

function filesOf(data: DataTransfer | null): File[] {
  return data ? [...data.files] : [];
}

function wire(picker: Picker, input: HTMLInputElement, zone: HTMLElement | null): void {
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    // The files go up now; the form must not send them a second time.
    input.value = '';
    void uploadAll(picker, files, false);
  });
  for (const target of [zone, picker.area]) {
    target?.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) {
        event.preventDefault();
        zone?.classList.add('drop-zone-active');
      }
    });
    target?.addEventListener('dragleave', () => zone?.classList.remove('drop-zone-active'));
    target?.addEventListener('drop', (event) => {
      const files = filesOf(event.dataTransfer);
      zone?.classList.remove('drop-zone-active');
      if (files.length === 0) return;
      event.preventDefault();
      void uploadAll(picker, files, target === picker.area);
    });
  }
  picker.area?.addEventListener('paste', (event) => {
    const files = filesOf(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    void uploadAll(picker, files, true);
  });
  picker.form.addEventListener('submit', (event) => {
    if (picker.pending === 0) return;
    event.preventDefault();
    picker.status.textContent = message(picker.box, 'wait', {});
  });
}

/**
 * AttachmentPicker with JavaScript: chosen or dropped files upload at once, a file pasted or
 * dropped into the message's textarea uploads and lands there as Markdown (`![name](url)` for
 * images), and each upload becomes a checked `attachmentIds` box the form submits.
 */
export function enhanceUploads(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-uploads]')) {
    const form = box.closest('form');
    const input = box.querySelector<HTMLInputElement>('input[type="file"]');
    const list = box.querySelector<HTMLElement>('[data-upload-list]');
    const status = box.querySelector<HTMLElement>('[data-upload-status]');
    if (!form || !input || !list || !status) continue;
    const area = form.querySelector<HTMLTextAreaElement>('textarea');
    const picker: Picker = { box, form, list, status, area, pending: 0, draftKey: area?.dataset.autosave };
    wire(picker, input, box.querySelector<HTMLElement>('[data-drop-zone]'));
    if (picker.draftKey) restoreDraftUploads(picker, picker.draftKey);
  }
}
