/** Forms marked data-autosubmit submit when a select changes (the footer switchers). */
export function enhanceAutosubmit(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-autosubmit]')) {
    form.addEventListener('change', () => form.requestSubmit());
  }
}
