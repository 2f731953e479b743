const TEXT_PREFIX = 'parley:draft:';
const FILES_PREFIX = 'parley:draft-files:';

/** An upload kept with a message draft: enough to show and submit its box again. */
export interface DraftFile {
  id: string;
  name: string;
  url: string;
}

function isDraftFile(x: unknown): x is DraftFile {
  const f = x as DraftFile;
  return !!f && typeof f.id === 'string' && typeof f.name === 'string' && typeof f.url === 'string';
}

/**
 * Saves the form's ticked uploads beside its text draft (see autosave.ts), so a reload keeps a
 * pasted screenshot attached and not only its Markdown.
 */
export function rememberUploads(key: string, list: HTMLElement): void {
  const files: DraftFile[] = [
    ...list.querySelectorAll<HTMLInputElement>('input[name="attachmentIds"]:checked'),
  ].map((box) => {
    const link = box.parentElement?.querySelector('a');
    return { id: box.value, name: link?.textContent ?? box.value, url: link?.getAttribute('href') ?? '' };
  });
  if (files.length) localStorage.setItem(FILES_PREFIX + key, JSON.stringify(files));
  else localStorage.removeItem(FILES_PREFIX + key);
}

/**
 * The uploads saved with a text draft. None, and forgotten, once the draft was sent (the page names
 * it in meta clear-draft) or emptied: autosave.ts has removed its text by then.
 */
export function savedUploads(key: string): DraftFile[] {
  const clear = document.querySelector<HTMLMetaElement>('meta[name="clear-draft"]')?.content;
  if (clear === key || !localStorage.getItem(TEXT_PREFIX + key)) {
    localStorage.removeItem(FILES_PREFIX + key);
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(FILES_PREFIX + key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isDraftFile) : [];
  } catch {
    return [];
  }
}
