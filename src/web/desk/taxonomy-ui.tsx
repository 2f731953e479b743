import type { ContrastCheck, LabelColors, Scheme } from '../../modules/taxonomy/index.ts';
import { LOCALE_NAMES, type Locale } from '../../platform/i18n/i18n.ts';
import { Csrf, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';
import { COLOR_FIELDS, type PreviewText, type SiteLocales } from './taxonomy.view-model.ts';

function FieldError({ v, id, error }: { v: View; id: string; error: string | undefined }) {
  if (!error) return '';
  return (
    <p class="field-error" id={`${id}-error`} safe>
      {v.t.t(error)}
    </p>
  );
}

/** One input (or Markdown textarea) per enabled language; the default language's name is required. */
export function TextFields(props: {
  v: View;
  form: FormState;
  site: SiteLocales;
  field: 'names' | 'disclaimers';
  stored: Partial<Record<Locale, string>>;
  label: string;
  maxlength: number;
  hint?: string;
}) {
  const { v, form, site, field } = props;
  return (
    <fieldset class="stack">
      <legend safe>{props.label}</legend>
      <FieldError v={v} id={`f-${field}`} error={form.errors[field]} />
      {props.hint ? (
        <p class="field-hint" safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      {site.enabled.map((locale) => {
        const name = `${field}.${locale}`;
        const id = `f-${field}-${locale}`;
        const error = form.errors[name];
        const value = form.values[name] ?? props.stored[locale] ?? '';
        const required = field === 'names' && locale === site.default;
        const label = required
          ? v.t.t('taxonomy.field.languageRequired', { language: LOCALE_NAMES[locale] })
          : LOCALE_NAMES[locale];
        const aria = {
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        };
        return (
          <div class={error ? 'field field-invalid' : 'field'}>
            <label for={id} safe>
              {label}
            </label>
            {field === 'disclaimers' ? (
              <textarea id={id} name={name} rows="4" maxlength={props.maxlength} lang={locale} {...aria} safe>
                {value}
              </textarea>
            ) : (
              <input
                id={id}
                name={name}
                value={value}
                required={required}
                maxlength={props.maxlength}
                lang={locale}
                {...aria}
              />
            )}
            <FieldError v={v} id={id} error={error} />
          </div>
        );
      })}
    </fieldset>
  );
}

/** "(from English)" after a text that a language borrows because it has none of its own. */
export function FallbackNote({ v, p }: { v: View; p: PreviewText }) {
  if (!p.fallbackFrom) return '';
  return (
    <span class="fallback-note" safe>
      {v.t.t('taxonomy.fallback', { language: p.fallbackFrom })}
    </span>
  );
}

function ContrastLine({ v, scheme, check }: { v: View; scheme: Scheme; check: ContrastCheck }) {
  const t = v.t.t;
  const suggestion = t(check.suggestion === '#000000' ? 'taxonomy.color.black' : 'taxonomy.color.white');
  const values = { ratio: v.t.number(check.ratio), suggestion };
  return (
    <p
      class={check.ok ? 'contrast' : 'contrast contrast-low'}
      data-contrast={scheme}
      data-ok-template={t('taxonomy.contrast.ok', { ratio: '{ratio}' })}
      data-low-template={t('taxonomy.contrast.low', { ratio: '{ratio}', suggestion: '{suggestion}' })}
      data-black={t('taxonomy.color.black')}
      data-white={t('taxonomy.color.white')}
      role={check.ok ? undefined : 'alert'}
      safe
    >
      {check.ok ? t('taxonomy.contrast.ok', values) : t('taxonomy.contrast.low', values)}
    </p>
  );
}

/**
 * The four colour inputs and a live preview of the label in both schemes. Without JavaScript the
 * preview shows the saved colours (from /styles/labels.css); with it, the inputs drive it.
 */
export function ColorFields(props: {
  v: View;
  form: FormState;
  colors: LabelColors;
  contrast: Record<Scheme, ContrastCheck>;
  /** The label's class: status-<id>, priority-<x>, or label-preview for one not saved yet. */
  labelClass: string;
  names: PreviewText[];
}) {
  const { v, form } = props;
  const t = v.t.t;
  return (
    <fieldset class="stack">
      <legend safe>{t('taxonomy.colors')}</legend>
      <div class="color-grid">
        {COLOR_FIELDS.map(([scheme, part]) => {
          const name = `colors.${scheme}.${part}`;
          const id = `f-colors-${scheme}-${part}`;
          const error = form.errors[name];
          return (
            <div class={error ? 'field field-invalid' : 'field'}>
              <label for={id} safe>
                {t(`taxonomy.color.${scheme}.${part}`)}
              </label>
              <input
                id={id}
                name={name}
                type="color"
                value={form.values[name] ?? props.colors[scheme][part]}
                data-label-color={`${scheme}-${part === 'background' ? 'bg' : 'fg'}`}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              <FieldError v={v} id={id} error={error} />
            </div>
          );
        })}
      </div>
      <div class="scheme-previews" aria-label={t('taxonomy.preview')}>
        {(['light', 'dark'] as const).map((scheme) => (
          <div class="scheme-preview">
            <p class="field-hint" safe>
              {t(`taxonomy.scheme.${scheme}`)}
            </p>
            <div class={`label-scheme-${scheme}`}>
              {props.names.map((n) => (
                <span class={`label ${props.labelClass}`} lang={n.locale} data-label-preview safe>
                  {n.text}
                </span>
              ))}
            </div>
            <ContrastLine v={v} scheme={scheme} check={props.contrast[scheme]} />
            <button
              type="button"
              class="button button-small button-plain js-only"
              data-use-suggestion={scheme}
              safe
            >
              {t('taxonomy.contrast.useSuggestion')}
            </button>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Up and down buttons that move a row one place in the list. */
export function OrderButtons(props: { v: View; action: string; index: number; count: number; name: string }) {
  const t = props.v.t.t;
  const button = (to: number, symbol: string, label: string) => (
    <form method="post" action={props.action} class="inline-form">
      <Csrf v={props.v} />
      <input type="hidden" name="position" value={String(to)} />
      <button type="submit" class="button button-small button-plain" aria-label={label} title={label} safe>
        {symbol}
      </button>
    </form>
  );
  return (
    <span class="order-buttons">
      {props.index > 0 ? button(props.index - 1, '↑', t('taxonomy.moveUp', { name: props.name })) : ''}
      {props.index < props.count - 1
        ? button(props.index + 1, '↓', t('taxonomy.moveDown', { name: props.name }))
        : ''}
    </span>
  );
}

/** Asks before deleting; when tickets use the thing, asks where they go. */
export function DeletePage(props: {
  v: View;
  title: string;
  action: string;
  back: string;
  tickets: number;
  targets: { id: number; name: string }[];
  form: FormState;
  /** Nothing to ask: the thing cannot be deleted (the form says why). */
  refused?: boolean | undefined;
}) {
  const { v, form } = props;
  const t = v.t.t;
  const errors = Object.values(form.errors);
  return (
    <DeskLayout v={v} title={props.title}>
      <h1 safe>{props.title}</h1>
      <FormError v={v} form={{ ...form, error: errors.length ? undefined : form.error }} />
      {errors.map((e) => (
        <div class="alert alert-error" role="alert" safe>
          {t(e)}
        </div>
      ))}
      {props.refused ? (
        <a href={props.back} safe>
          {t('taxonomy.back')}
        </a>
      ) : (
        <form method="post" action={props.action} class="stack card">
          <Csrf v={v} />
          {props.tickets > 0 ? (
            <>
              <p safe>{t('taxonomy.delete.inUse', { count: props.tickets })}</p>
              <div class="field">
                <label for="f-moveTo" safe>
                  {t('taxonomy.delete.moveTo')}
                </label>
                <select id="f-moveTo" name="moveTo" required>
                  <option value="" safe>
                    {t('taxonomy.delete.choose')}
                  </option>
                  {props.targets.map((o) => (
                    <option value={String(o.id)} selected={form.values.moveTo === String(o.id)} safe>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <Submit label={t('taxonomy.delete.moveAndDelete')} variant="danger" />
            </>
          ) : (
            <>
              <p safe>{t('taxonomy.delete.unused')}</p>
              <Submit label={t('taxonomy.delete.confirm')} variant="danger" />
            </>
          )}
          <a href={props.back} safe>
            {t('taxonomy.cancel')}
          </a>
        </form>
      )}
    </DeskLayout>
  );
}
