/** Applies a theme choice at once, without waiting for the round trip that remembers it. */
export function enhanceTheme(root: ParentNode): void {
  const select = root.querySelector<HTMLSelectElement>('#footer-theme');
  select?.addEventListener('change', () => {
    const value = select.value;
    if (value === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', value);
  });
}
