// The ALTCHA widget in its strict-CSP build: no inline styles (its CSS comes with app.css) and no
// bundled workers, so the SHA worker is registered here.
import 'altcha/external';
import type { AltchaGlobal } from 'altcha/types';
import shaWorkerScript from 'altcha/workers/sha' with { type: 'text' };

const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha;

// The worker ships inside app.js and starts from a blob: URL, hence CSP `worker-src blob:`.
const shaWorkerUrl = URL.createObjectURL(new Blob([shaWorkerScript as string], { type: 'text/javascript' }));
for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
  altcha.algorithms.set(algorithm, () => new Worker(shaWorkerUrl));
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Hands the widget the texts the server rendered from the catalog into data-strings. */
function localiseWidgets(root: ParentNode): void {
  for (const widget of root.querySelectorAll<HTMLElement>('altcha-widget[data-strings]')) {
    const strings = JSON.parse(widget.dataset.strings ?? '{}') as Record<string, string>;
    const language = widget.getAttribute('language') || document.documentElement.lang || 'en';
    // The widget inserts its footer as HTML.
    altcha.i18n.set(language, { ...strings, footer: escapeHtml(strings.footer ?? '') });
  }
}

localiseWidgets(document);
// Forms that htmx swaps in later bring their own widgets.
document.addEventListener('htmx:load', (event) => {
  if (event.target instanceof Element) localiseWidgets(event.target);
});
