// Progressive enhancement only: every page works without this file.
import 'htmx.org';
import Alpine from '@alpinejs/csp';
import { enhanceAutosubmit } from './behaviours/autosubmit.ts';
import './behaviours/captcha.ts';
import { enhanceConfirm } from './behaviours/confirm.ts';
import { enhanceTheme } from './behaviours/theme.ts';
import { enhanceAutosave } from './behaviours/autosave.ts';
import { enhanceDisclaimers } from './behaviours/disclaimers.ts';
import { enhanceDialogs } from './behaviours/dialogs.ts';
import { enhanceUploads } from './behaviours/uploads.ts';
import { enhanceLabelPreview } from './behaviours/label-preview.ts';
import '@github/markdown-toolbar-element';

document.documentElement.classList.add('js');
(window as unknown as { Alpine: typeof Alpine }).Alpine = Alpine;
Alpine.start();

document.addEventListener('DOMContentLoaded', () => {
  enhanceAutosubmit(document);
  enhanceConfirm(document);
  enhanceTheme(document);
  enhanceAutosave(document);
  enhanceDisclaimers(document);
  enhanceDialogs(document);
  enhanceUploads(document);
  enhanceLabelPreview(document);
});

// htmx sends the CSRF token with every request it makes.
document.body?.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  if (token) (event as CustomEvent).detail.headers['x-csrf-token'] = token;
});
