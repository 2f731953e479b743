import type { Children } from '@kitajs/html';
import { LOCALE_NAMES } from '../../platform/i18n/i18n.ts';
import { Csrf } from './Form.tsx';
import type { View } from './view.ts';

/** The HTML document shared by both surfaces: head, theme, the footer with language and theme switchers. */
export function Document(props: { v: View; title: string; surface: 'portal' | 'desk'; children: Children }) {
  const { v } = props;
  const themeAttr = v.theme === 'system' ? undefined : v.theme;
  return (
    <>
      {'<!doctype html>'}
      <html lang={v.locale} data-theme={themeAttr} data-surface={props.surface}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <meta name="csrf-token" content={v.csrf} />
          {/* htmx would otherwise inject an inline <style>, which our CSP forbids, and re-create any
              <script> in swapped HTML (which 'strict-dynamic' would then trust). */}
          <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowScriptTags":false}' />
          <title safe>{`${props.title} · ${v.siteName}`}</title>
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href={`/assets/app.css?v=${v.assetVersion}`} />
          <link rel="stylesheet" href="/styles/labels.css" />
          {v.flash?.clearDraft ? <meta name="clear-draft" content={v.flash.clearDraft} /> : ''}
          <script src={`/assets/app.js?v=${v.assetVersion}`} nonce={v.cspNonce} defer></script>
        </head>
        <body>
          <a class="skip-link" href="#main" safe>
            {v.t.t('a11y.skipToContent')}
          </a>
          {props.children}
          <Footer v={v} />
        </body>
      </html>
    </>
  );
}

function Footer({ v }: { v: View }) {
  return (
    <footer class="site-footer">
      <form method="post" action="/preferences/locale" class="inline-form" data-autosubmit>
        <Csrf v={v} />
        <input type="hidden" name="back" value={v.path} />
        <label for="footer-locale" safe>
          {v.t.t('footer.language')}
        </label>
        <select id="footer-locale" name="locale">
          {v.locales.map((l) => (
            <option value={l} selected={l === v.locale} safe>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-small js-hide" safe>
          {v.t.t('footer.apply')}
        </button>
      </form>
      <form method="post" action="/preferences/theme" class="inline-form" data-autosubmit>
        <Csrf v={v} />
        <input type="hidden" name="back" value={v.path} />
        <label for="footer-theme" safe>
          {v.t.t('footer.theme')}
        </label>
        <select id="footer-theme" name="theme">
          {(['system', 'light', 'dark'] as const).map((th) => (
            <option value={th} selected={th === v.theme} safe>
              {v.t.t(`theme.${th}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-small js-hide" safe>
          {v.t.t('footer.apply')}
        </button>
      </form>
      <p class="muted" safe>
        {v.t.t('footer.poweredBy')}
      </p>
    </footer>
  );
}
