import type { CategoryDetail } from '../../modules/taxonomy/index.ts';
import { Csrf, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';
import { FallbackNote, OrderButtons, TextFields } from './taxonomy-ui.tsx';
import {
  displayText,
  previewDisclaimers,
  previewTexts,
  textsShown,
  type SiteLocales,
} from './taxonomy.view-model.ts';

const NAME_MAX = 80;
const DISCLAIMER_MAX = 10_000;

/** The category list: name in the viewer's language, disclaimer, state, order and actions. */
export function CategoryListPage({ v, site, rows }: { v: View; site: SiteLocales; rows: CategoryDetail[] }) {
  const t = v.t.t;
  return (
    <DeskLayout v={v} title={t('taxonomy.categories.title')}>
      <div class="page-head">
        <h1 safe>{t('taxonomy.categories.title')}</h1>
        <a class="button button-primary" href="/desk/categories/new" safe>
          {t('taxonomy.categories.add')}
        </a>
      </div>
      <table class="table">
        <thead>
          <tr>
            <th safe>{t('taxonomy.field.name')}</th>
            <th safe>{t('taxonomy.field.disclaimer')}</th>
            <th safe>{t('taxonomy.field.state')}</th>
            <th safe>{t('taxonomy.order')}</th>
            <th safe>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, index) => {
            const name = displayText(c.names, v.locale, site);
            return (
              <tr data-category={String(c.id)}>
                <td>
                  <a href={`/desk/categories/${c.id}`} safe>
                    {name.text}
                  </a>{' '}
                  <FallbackNote v={v} p={name} />
                </td>
                <td safe>{Object.keys(c.disclaimers).length ? t('taxonomy.yes') : t('taxonomy.no')}</td>
                <td safe>{c.active ? t('taxonomy.state.active') : t('taxonomy.state.archived')}</td>
                <td>
                  <OrderButtons
                    v={v}
                    action={`/desk/categories/${c.id}/move`}
                    index={index}
                    count={rows.length}
                    name={name.text}
                  />
                </td>
                <td>
                  <a href={`/desk/categories/${c.id}`} safe>
                    {t('taxonomy.edit')}
                  </a>{' '}
                  <a href={`/desk/categories/${c.id}/delete`} safe>
                    {t('taxonomy.deleteAction')}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <p class="empty" safe>
          {t('taxonomy.categories.none')}
        </p>
      ) : (
        ''
      )}
    </DeskLayout>
  );
}

/** What readers of each language will see: the name and the disclaimer as the portal renders it. */
function CategoryPreview({
  v,
  site,
  c,
  form,
}: {
  v: View;
  site: SiteLocales;
  c?: CategoryDetail;
  form: FormState;
}) {
  const t = v.t.t;
  const names = previewTexts(textsShown(c?.names ?? {}, form.values, 'names', site.enabled), site);
  const disclaimers = previewDisclaimers(
    textsShown(c?.disclaimers ?? {}, form.values, 'disclaimers', site.enabled),
    site,
  );
  return (
    <section class="card stack section-gap" aria-labelledby="preview-title">
      <h2 id="preview-title" safe>
        {t('taxonomy.preview')}
      </h2>
      {names.map((n, i) => {
        const d = disclaimers[i]!;
        return (
          <div class="translation-preview" lang={n.locale} data-preview-locale={n.locale}>
            <h3 safe>{n.language}</h3>
            <p>
              <strong class="preview-name" safe>
                {n.text || t('taxonomy.missing')}
              </strong>{' '}
              <FallbackNote v={v} p={n} />
            </p>
            {d.html ? (
              <div class="alert alert-info disclaimer preview-disclaimer">
                {d.html as 'safe'}
                <FallbackNote v={v} p={d} />
              </div>
            ) : (
              <p class="muted" safe>
                {t('taxonomy.noDisclaimer')}
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The add and edit form; an edit carries the version it was opened at. */
export function CategoryFormPage(props: { v: View; site: SiteLocales; c?: CategoryDetail; form: FormState }) {
  const { v, site, c, form } = props;
  const t = v.t.t;
  const title = c ? t('taxonomy.categories.edit') : t('taxonomy.categories.add');
  // A re-rendered form shows what was sent; a fresh one the saved state.
  const submitted = Object.keys(form.values).length > 0;
  const archived = submitted ? form.values.archived === 'on' : !!c && !c.active;
  return (
    <DeskLayout v={v} title={title}>
      <p class="breadcrumb">
        <a href="/desk/categories" safe>
          {t('taxonomy.categories.title')}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <FormError v={v} form={form} />
      <form method="post" action={c ? `/desk/categories/${c.id}` : '/desk/categories'} class="stack card">
        <Csrf v={v} />
        {c ? <input type="hidden" name="version" value={String(c.version)} /> : ''}
        <TextFields
          v={v}
          form={form}
          site={site}
          field="names"
          stored={c?.names ?? {}}
          label={t('taxonomy.field.name')}
          maxlength={NAME_MAX}
        />
        <TextFields
          v={v}
          form={form}
          site={site}
          field="disclaimers"
          stored={c?.disclaimers ?? {}}
          label={t('taxonomy.field.disclaimer')}
          hint={t('taxonomy.field.disclaimerHint')}
          maxlength={DISCLAIMER_MAX}
        />
        <label class="choice">
          <input type="checkbox" name="archived" value="on" checked={archived} />{' '}
          <span safe>{t('taxonomy.field.archived')}</span>
        </label>
        <p class="field-hint" safe>
          {t('taxonomy.field.archivedHint')}
        </p>
        <Submit label={t('common.save')} />
      </form>
      <CategoryPreview v={v} site={site} c={c} form={form} />
    </DeskLayout>
  );
}
