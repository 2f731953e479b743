/**
 * Dialog fragments (`<dialog data-dialog>`) that htmx swaps into the page open as modals; closing
 * one (Esc, the × button) removes it, so the next action starts fresh. Buttons marked data-print
 * print the page. Without JavaScript the same URLs are whole pages.
 */
export function enhanceDialogs(root: Document): void {
  const open = (scope: ParentNode) => {
    for (const dialog of scope.querySelectorAll<HTMLDialogElement>('dialog[data-dialog]:not([open])')) {
      dialog.addEventListener('close', () => dialog.remove());
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[aria-invalid=true], [data-autofocus]')?.focus();
    }
  };
  root.body.addEventListener('htmx:afterSwap', (event) => {
    const target = (event as CustomEvent<{ target?: Element }>).detail.target;
    open(target ?? root);
  });
  root.addEventListener('click', (event) => {
    if ((event.target as Element | null)?.closest('[data-print]')) window.print();
  });
}
