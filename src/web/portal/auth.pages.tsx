import { Csrf, Field, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { PortalLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

/** Name, email and a new password: the fields of registration and of first-run setup. */
function NewAccountFields({ v, form }: { v: View; form: FormState }) {
  const t = v.t.t;
  return (
    <>
      <Field
        v={v}
        form={form}
        name="displayName"
        label={t('field.displayName')}
        autocomplete="name"
        required
        maxlength={80}
      />
      <Field
        v={v}
        form={form}
        name="email"
        type="email"
        label={t('field.email')}
        autocomplete="email"
        required
      />
      <Field
        v={v}
        form={form}
        name="password"
        type="password"
        label={t('field.password')}
        autocomplete="new-password"
        required
        minlength={10}
        hint={t('field.passwordHint')}
      />
    </>
  );
}

export function LoginPage({
  v,
  form,
  next,
  sso,
}: {
  v: View;
  form: FormState;
  next: string;
  /** Single sign-on, when it is on: "Log in with <label>" (an empty label: the default wording). */
  sso?: { label: string; href: string } | undefined;
}) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('login.title')}>
      <section class="card narrow">
        <h1 safe>{t('login.title')}</h1>
        <FormError v={v} form={form} />
        <form method="post" action="/login" class="stack">
          <Csrf v={v} />
          <input type="hidden" name="next" value={next} />
          <Field
            v={v}
            form={form}
            name="email"
            type="email"
            label={t('field.email')}
            autocomplete="username"
            required
            autofocus
          />
          <Field
            v={v}
            form={form}
            name="password"
            type="password"
            label={t('field.password')}
            autocomplete="current-password"
            required
          />
          <Submit label={t('login.submit')} />
        </form>
        {sso ? (
          <p>
            <a class="button button-plain" href={sso.href} safe>
              {t('sso.loginWith', { label: sso.label || t('sso.defaultLabel') })}
            </a>
          </p>
        ) : (
          ''
        )}
        <p>
          <a href="/reset" safe>
            {t('login.forgot')}
          </a>{' '}
          ·{' '}
          <a href="/register" safe>
            {t('login.noAccount')}
          </a>
        </p>
      </section>
    </PortalLayout>
  );
}

export function RegisterPage({ v, form, closed }: { v: View; form: FormState; closed: boolean }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('register.title')}>
      <section class="card narrow">
        <h1 safe>{t('register.title')}</h1>
        {closed ? (
          <p class="alert alert-info" safe>
            {t('error.REGISTRATION_CLOSED')}
          </p>
        ) : (
          <>
            <FormError v={v} form={form} />
            <form method="post" action="/register" class="stack">
              <Csrf v={v} />
              <NewAccountFields v={v} form={form} />
              <Submit label={t('register.submit')} />
            </form>
          </>
        )}
      </section>
    </PortalLayout>
  );
}

/** A page with one message, e.g. "check your inbox". */
export function NoticePage({
  v,
  title,
  message,
  link,
}: {
  v: View;
  title: string;
  message: string;
  link?: { href: string; label: string };
}) {
  return (
    <PortalLayout v={v} title={title}>
      <section class="card narrow">
        <h1 safe>{title}</h1>
        <p safe>{message}</p>
        {link ? (
          <p>
            <a class="button button-primary" href={link.href} safe>
              {link.label}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
    </PortalLayout>
  );
}

export function ResetRequestPage({ v, form }: { v: View; form: FormState }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('reset.title')}>
      <section class="card narrow">
        <h1 safe>{t('reset.title')}</h1>
        <p safe>{t('reset.intro')}</p>
        <FormError v={v} form={form} />
        <form method="post" action="/reset" class="stack">
          <Csrf v={v} />
          <Field
            v={v}
            form={form}
            name="email"
            type="email"
            label={t('field.email')}
            autocomplete="email"
            required
          />
          <Submit label={t('reset.submit')} />
        </form>
      </section>
    </PortalLayout>
  );
}

export function ResetFormPage({ v, form, token }: { v: View; form: FormState; token: string }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('reset.newTitle')}>
      <section class="card narrow">
        <h1 safe>{t('reset.newTitle')}</h1>
        <FormError v={v} form={form} />
        <form method="post" action={`/reset/${encodeURIComponent(token)}`} class="stack">
          <Csrf v={v} />
          <Field
            v={v}
            form={form}
            name="password"
            type="password"
            label={t('field.newPassword')}
            autocomplete="new-password"
            required
            minlength={10}
            hint={t('field.passwordHint')}
          />
          <Submit label={t('reset.save')} />
        </form>
      </section>
    </PortalLayout>
  );
}

export function SetupPage({ v, form, token }: { v: View; form: FormState; token: string }) {
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('setup.title')}>
      <section class="card narrow">
        <h1 safe>{t('setup.title')}</h1>
        <p safe>{t('setup.intro')}</p>
        <FormError v={v} form={form} />
        <form method="post" action="/setup" class="stack">
          <Csrf v={v} />
          <input type="hidden" name="token" value={token} />
          <NewAccountFields v={v} form={form} />
          <Submit label={t('setup.submit')} />
        </form>
      </section>
    </PortalLayout>
  );
}
