import { AttachmentPicker, multipartAction, type UploadLimitsView } from '../../ui/Attachments.tsx';
import { Csrf, Field, FormError, Submit, type FormState } from '../../ui/Form.tsx';
import { CaptchaField } from '../../ui/Captcha.tsx';
import { MarkdownEditor } from '../../ui/MarkdownEditor.tsx';
import { PortalLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';

export interface NewTicketModel {
  guest: boolean;
  captcha: boolean;
  categories: { id: number; name: string; disclaimerHtml: string | null }[];
  bodyMax: number;
  limits: UploadLimitsView;
  subjectMax: number;
  form: FormState;
}

export function NewTicketPage({ v, m }: { v: View; m: NewTicketModel }) {
  const t = v.t.t;
  const selected = m.form.values.categoryId ?? String(m.categories[0]?.id ?? '');
  const catError = m.form.errors.categoryId;
  return (
    <PortalLayout v={v} title={t('ticket.new.title')}>
      <section class="card form-card">
        <h1 safe>{t('ticket.new.title')}</h1>
        <FormError v={v} form={m.form} />
        <form
          method="post"
          action={multipartAction(v, '/tickets')}
          enctype="multipart/form-data"
          class="stack"
        >
          <Csrf v={v} />
          {m.guest ? (
            <div class="grid-2 tight">
              <Field
                v={v}
                form={m.form}
                name="name"
                label={t('field.yourName')}
                autocomplete="name"
                required
                maxlength={80}
              />
              <Field
                v={v}
                form={m.form}
                name="email"
                type="email"
                label={t('field.email')}
                autocomplete="email"
                required
                hint={t('ticket.new.emailHint')}
              />
            </div>
          ) : (
            ''
          )}
          <div class={catError ? 'field field-invalid' : 'field'}>
            <label for="f-categoryId" safe>
              {t('field.category')}
            </label>
            <select
              id="f-categoryId"
              name="categoryId"
              required
              data-disclaimers
              aria-describedby={catError ? 'f-categoryId-error' : undefined}
            >
              {m.categories.map((c) => (
                <option value={String(c.id)} selected={String(c.id) === selected} safe>
                  {c.name}
                </option>
              ))}
            </select>
            {catError ? (
              <p class="field-error" id="f-categoryId-error" safe>
                {t(catError)}
              </p>
            ) : (
              ''
            )}
          </div>
          {m.categories
            .filter((c) => c.disclaimerHtml)
            .map((c) => (
              <div
                class="alert alert-info disclaimer"
                data-disclaimer-for={String(c.id)}
                hidden={String(c.id) !== selected}
              >
                {c.disclaimerHtml as 'safe'}
              </div>
            ))}
          <Field
            v={v}
            form={m.form}
            name="subject"
            label={t('field.subject')}
            required
            maxlength={m.subjectMax}
          />
          <MarkdownEditor
            v={v}
            form={m.form}
            name="body"
            label={t('field.message')}
            draftKey="new-ticket"
            maxlength={m.bodyMax}
          />
          <AttachmentPicker v={v} uploaded={m.form.uploads} limits={m.limits} error={m.form.errors.files} />
          {m.captcha ? <CaptchaField v={v} error={m.form.errors.altcha} /> : ''}
          <Submit label={t('ticket.new.submit')} />
        </form>
      </section>
    </PortalLayout>
  );
}

/** Shown once after a guest opens a ticket: the link is their key. */
export function GuestTicketCreatedPage({ v, link, number }: { v: View; link: string; number: number }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('ticket.created.title')}>
      <section class="card narrow">
        <h1 safe>{t('ticket.created.title', { number })}</h1>
        <p class="alert alert-info" safe>
          {t('ticket.created.keepLink')}
        </p>
        <p>
          <a class="ticket-link" href={link} safe>
            {link}
          </a>
        </p>
        <p class="muted" safe>
          {t('ticket.created.mailed')}
        </p>
      </section>
    </PortalLayout>
  );
}
