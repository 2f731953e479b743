import type { Children } from '@kitajs/html';
import type { LabelColors, PriorityDetail, StatusDetail, Texts } from '../../modules/taxonomy/index.ts';
import { priorityClass } from '../portal/labels-css.routes.ts';
import { Csrf, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';
import { ColorFields, FallbackNote, OrderButtons, TextFields } from './taxonomy-ui.tsx';
import {
  colorsShown,
  displayText,
  previewTexts,
  textsShown,
  type SiteLocales,
} from './taxonomy.view-model.ts';

const NAME_MAX = 80;

/** A label as it looks on a light and on a dark page. */
function SchemePair({ cls, name }: { cls: string; name: string }) {
  return (
    <span class="scheme-pair">
      <span class="label-scheme-light">
        <span class={`label ${cls}`} safe>
          {name}
        </span>
      </span>
      <span class="label-scheme-dark">
        <span class={`label ${cls}`} safe>
          {name}
        </span>
      </span>
    </span>
  );
}

/** Statuses (with preview, closing flag, order and actions) and, below, the five priorities. */
export function StatusListPage(props: {
  v: View;
  site: SiteLocales;
  statuses: StatusDetail[];
  priorities: PriorityDetail[];
}) {
  const { v, site } = props;
  const t = v.t.t;
  return (
    <DeskLayout v={v} title={t('desk.nav.statuses')}>
      <div class="page-head">
        <h1 safe>{t('taxonomy.statuses.title')}</h1>
        <a class="button button-primary" href="/desk/statuses/new" safe>
          {t('taxonomy.statuses.add')}
        </a>
      </div>
      <table class="table">
        <thead>
          <tr>
            <th safe>{t('taxonomy.preview')}</th>
            <th safe>{t('taxonomy.field.name')}</th>
            <th safe>{t('taxonomy.field.closing')}</th>
            <th safe>{t('taxonomy.order')}</th>
            <th safe>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.statuses.map((s, index) => {
            const name = displayText(s.names, v.locale, site);
            return (
              <tr data-status={String(s.id)}>
                <td>
                  <SchemePair cls={`status-${s.id}`} name={name.text} />
                </td>
                <td>
                  <a href={`/desk/statuses/${s.id}`} safe>
                    {name.text}
                  </a>{' '}
                  <FallbackNote v={v} p={name} />
                  {s.builtin ? (
                    <span class="badge" safe>
                      {t('taxonomy.builtin')}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td safe>{s.closing ? t('taxonomy.yes') : t('taxonomy.no')}</td>
                <td>
                  <OrderButtons
                    v={v}
                    action={`/desk/statuses/${s.id}/move`}
                    index={index}
                    count={props.statuses.length}
                    name={name.text}
                  />
                </td>
                <td>
                  <a href={`/desk/statuses/${s.id}`} safe>
                    {t('taxonomy.edit')}
                  </a>{' '}
                  {s.builtin ? (
                    ''
                  ) : (
                    <a href={`/desk/statuses/${s.id}/delete`} safe>
                      {t('taxonomy.deleteAction')}
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 id="priorities" class="section-gap" safe>
        {t('taxonomy.priorities.title')}
      </h2>
      <p class="field-hint" safe>
        {t('taxonomy.priorities.hint')}
      </p>
      <table class="table">
        <thead>
          <tr>
            <th safe>{t('taxonomy.preview')}</th>
            <th safe>{t('taxonomy.field.name')}</th>
            <th safe>{t('taxonomy.field.value')}</th>
            <th safe>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.priorities.map((p) => {
            const name = displayText(p.names, v.locale, site);
            return (
              <tr data-priority={String(p.value)}>
                <td>
                  <SchemePair cls={priorityClass(p.value)} name={name.text} />
                </td>
                <td>
                  <span safe>{name.text}</span> <FallbackNote v={v} p={name} />
                </td>
                <td safe>{String(p.value)}</td>
                <td>
                  <a href={`/desk/statuses/priorities/${p.value}`} safe>
                    {t('taxonomy.edit')}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </DeskLayout>
  );
}

interface LabelFormProps {
  v: View;
  site: SiteLocales;
  form: FormState;
  title: string;
  action: string;
  version?: number | undefined;
  names: Texts;
  colors: LabelColors;
  labelClass: string;
  children?: Children;
}

/** The form shared by statuses and priorities: names per language, colours with a live preview. */
function LabelForm(props: LabelFormProps) {
  const { v, site, form } = props;
  const t = v.t.t;
  const shown = colorsShown(props.colors, form.values);
  const names = previewTexts(textsShown(props.names, form.values, 'names', site.enabled), site);
  return (
    <DeskLayout v={v} title={props.title}>
      <p class="breadcrumb">
        <a href="/desk/statuses" safe>
          {t('desk.nav.statuses')}
        </a>
      </p>
      <h1 safe>{props.title}</h1>
      <FormError v={v} form={form} />
      <form method="post" action={props.action} class="stack card" data-label-form>
        <Csrf v={v} />
        {props.version !== undefined ? (
          <input type="hidden" name="version" value={String(props.version)} />
        ) : (
          ''
        )}
        <TextFields
          v={v}
          form={form}
          site={site}
          field="names"
          stored={props.names}
          label={t('taxonomy.field.name')}
          maxlength={NAME_MAX}
        />
        {props.children ?? ''}
        <ColorFields
          v={v}
          form={form}
          colors={shown.colors}
          contrast={shown.contrast}
          labelClass={props.labelClass}
          names={names}
        />
        <Submit label={t('common.save')} />
      </form>
    </DeskLayout>
  );
}

/** Add or edit a status. A builtin status keeps its closing flag: the box is shown but cannot change. */
export function StatusFormPage(props: {
  v: View;
  site: SiteLocales;
  s?: StatusDetail;
  colors: LabelColors;
  form: FormState;
}) {
  const { v, s, form } = props;
  const t = v.t.t;
  const submitted = Object.keys(form.values).length > 0;
  const closing = submitted && !s?.builtin ? form.values.closing === 'on' : !!s?.closing;
  const error = form.errors.closing;
  return (
    <LabelForm
      v={v}
      site={props.site}
      form={form}
      title={s ? t('taxonomy.statuses.edit') : t('taxonomy.statuses.add')}
      action={s ? `/desk/statuses/${s.id}` : '/desk/statuses'}
      version={s?.version}
      names={s?.names ?? {}}
      colors={props.colors}
      labelClass={s ? `status-${s.id}` : 'label-preview'}
    >
      <div class={error ? 'field field-invalid' : 'field'}>
        {s?.builtin ? '' : <input type="hidden" name="closingField" value="1" />}
        <label class="choice">
          <input
            type="checkbox"
            name={s?.builtin ? undefined : 'closing'}
            value="on"
            checked={closing}
            disabled={s?.builtin}
            aria-describedby="f-closing-hint"
          />{' '}
          <span safe>{t('taxonomy.field.closing')}</span>
        </label>
        <p class="field-hint" id="f-closing-hint" safe>
          {s?.builtin ? t('taxonomy.field.closingBuiltin') : t('taxonomy.field.closingHint')}
        </p>
        {error ? (
          <p class="field-error" id="f-closing-error" safe>
            {t(error)}
          </p>
        ) : (
          ''
        )}
      </div>
    </LabelForm>
  );
}

/** Edit a priority's names and colours; the values themselves are fixed. */
export function PriorityFormPage(props: { v: View; site: SiteLocales; p: PriorityDetail; form: FormState }) {
  const { v, p } = props;
  const name = displayText(p.names, v.locale, props.site).text;
  return (
    <LabelForm
      v={v}
      site={props.site}
      form={props.form}
      title={v.t.t('taxonomy.priorities.edit', { name })}
      action={`/desk/statuses/priorities/${p.value}`}
      version={p.version}
      names={p.names}
      colors={p.colors}
      labelClass={priorityClass(p.value)}
    />
  );
}
