const PREFIX = 'parley:draft:';

/**
 * Textareas with data-autosave keep a draft in localStorage as you type and get it back after a
 * reload or crash. A page rendered after a successful send names the draft to forget.
 */
export function enhanceAutosave(root: ParentNode): void {
  const clear = document.querySelector<HTMLMetaElement>('meta[name="clear-draft"]')?.content;
  if (clear) localStorage.removeItem(PREFIX + clear);
  for (const area of root.querySelectorAll<HTMLTextAreaElement>('textarea[data-autosave]')) {
    const key = PREFIX + (area.dataset.autosave ?? '');
    const saved = localStorage.getItem(key);
    if (saved && !area.value.trim()) area.value = saved;
    let timer: number | undefined;
    area.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (area.value.trim()) localStorage.setItem(key, area.value);
        else localStorage.removeItem(key);
      }, 300);
    });
  }
}
