/** Shows the disclaimer of the category currently chosen on the new-ticket form. */
export function enhanceDisclaimers(root: ParentNode): void {
  const select = root.querySelector<HTMLSelectElement>('select[data-disclaimers]');
  if (!select) return;
  const update = () => {
    for (const box of root.querySelectorAll<HTMLElement>('[data-disclaimer-for]')) {
      box.hidden = box.dataset.disclaimerFor !== select.value;
    }
  };
  select.addEventListener('change', update);
  update();
}
