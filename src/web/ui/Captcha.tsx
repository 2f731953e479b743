import type { View } from './view.ts';

/** The widget's texts (altcha's `Strings`), each taken from the catalog key `captcha.widget.<name>`. */
const WIDGET_STRINGS = [
  'ariaLinkLabel',
  'cancel',
  'enterCode',
  'enterCodeAria',
  'enterCodeFromImage',
  'error',
  'expired',
  'footer',
  'getAudioChallenge',
  'label',
  'loading',
  'reload',
  'verify',
  'verificationRequired',
  'verified',
  'verifying',
  'waitAlert',
] as const;

/**
 * The proof-of-work captcha: the widget starts solving when the visitor focuses the form and puts
 * its payload in the form field `altcha`; `error` is a message key.
 */
export function CaptchaField({ v, error }: { v: View; error?: string }) {
  const t = v.t.t;
  const strings = Object.fromEntries(WIDGET_STRINGS.map((name) => [name, t(`captcha.widget.${name}`)]));
  return (
    <div
      class={error ? 'field field-invalid captcha-field' : 'field captcha-field'}
      role="group"
      aria-label={t('captcha.label')}
      aria-describedby={error ? 'f-altcha-error' : undefined}
    >
      <tag
        of="altcha-widget"
        challenge="/captcha/challenge"
        name="altcha"
        auto="onfocus"
        language={v.locale}
        configuration={JSON.stringify({ validationMessage: t('captcha.required') })}
        data-strings={JSON.stringify(strings)}
      ></tag>
      <noscript>
        <p class="field-hint" safe>
          {t('captcha.noscript')}
        </p>
      </noscript>
      {error ? (
        <p class="field-error" id="f-altcha-error" safe>
          {t(error)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
