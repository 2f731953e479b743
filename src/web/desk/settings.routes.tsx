import type { FastifyInstance } from 'fastify';
import { requirePermission } from '../../modules/accounts/index.ts';
import { updateSiteSettings, type SiteSettings } from '../../modules/settings/index.ts';
import { formBody, formList, redirectWithFlash } from '../../platform/http/request-context.ts';
import { LOCALES, LOCALE_NAMES, isLocale } from '../../platform/i18n/i18n.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { Csrf, Field, FormError, Submit, emptyForm, type FormState } from '../ui/Form.tsx';
import { DeskLayout } from '../ui/layouts.tsx';
import { UploadTypesFieldset } from '../ui/Attachments.tsx';
import { MailSettingsFieldset, mailSettingsInput } from './mail-settings.tsx';
import type { View } from '../ui/view.ts';
import { attempt, formWithError, routeKit, type WebDeps } from '../route-kit.ts';

function Check(props: { name: string; label: string; checked: boolean; value?: string }) {
  return (
    <label class="choice">
      <input type="checkbox" name={props.name} value={props.value ?? 'on'} checked={props.checked} />{' '}
      <span safe>{props.label}</span>
    </label>
  );
}

function SettingsPage({ v, s, form }: { v: View; s: SiteSettings; form: FormState }) {
  const t = v.t.t;
  return (
    <DeskLayout v={v} title={t('desk.settings.title')}>
      <h1 safe>{t('desk.settings.title')}</h1>
      {v.user?.isAdmin ? (
        <p>
          <a href="/desk/settings/sso" safe>
            {t('desk.settings.ssoLink')}
          </a>
        </p>
      ) : (
        ''
      )}
      <FormError v={v} form={form} />
      <form method="post" action="/desk/settings" class="stack card">
        <Csrf v={v} />
        <Field
          v={v}
          form={form}
          name="siteName"
          label={t('desk.settings.siteName')}
          value={form.values.siteName ?? s.siteName}
          required
          maxlength={80}
        />
        <div class="field">
          <label for="f-defaultLocale" safe>
            {t('desk.settings.defaultLocale')}
          </label>
          <select id="f-defaultLocale" name="defaultLocale">
            {LOCALES.map((l) => (
              <option value={l} selected={s.defaultLocale === l} safe>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <fieldset class={form.errors.enabledLocales ? 'field-invalid' : undefined}>
          <legend safe>{t('desk.settings.enabledLocales')}</legend>
          <input type="hidden" name="enabledLocalesShown" value="1" />
          {LOCALES.map((l) => (
            <Check
              name="enabledLocales"
              value={l}
              label={LOCALE_NAMES[l]}
              checked={s.enabledLocales.includes(l)}
            />
          ))}
          {form.errors.enabledLocales ? (
            <p class="field-error" id="f-enabledLocales-error" safe>
              {t(form.errors.enabledLocales)}
            </p>
          ) : (
            ''
          )}
        </fieldset>
        <fieldset>
          <legend safe>{t('desk.settings.captcha')}</legend>
          <Check name="captchaGuests" label={t('desk.settings.captchaGuests')} checked={s.captchaGuests} />
          <Check name="captchaMembers" label={t('desk.settings.captchaMembers')} checked={s.captchaMembers} />
        </fieldset>
        <fieldset>
          <legend safe>{t('desk.settings.registration')}</legend>
          {(['open', 'closed'] as const).map((r) => (
            <label class="choice">
              <input type="radio" name="registration" value={r} checked={s.registration === r} />{' '}
              <span safe>{t(`desk.settings.registration.${r}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend safe>{t('desk.settings.privacy')}</legend>
          <Check
            name="revealStaffNames"
            label={t('desk.settings.revealStaffNames')}
            checked={s.revealStaffNames}
          />
        </fieldset>
        <fieldset class={form.errors.twoFactorStaff ? 'field-invalid' : undefined}>
          <legend safe>{t('desk.settings.security')}</legend>
          <Check name="twoFactorStaff" label={t('desk.settings.twoFactorStaff')} checked={s.twoFactorStaff} />
          {form.errors.twoFactorStaff ? (
            <p class="field-error" id="f-twoFactorStaff-error" safe>
              {t(form.errors.twoFactorStaff)}
            </p>
          ) : (
            ''
          )}
        </fieldset>
        <UploadTypesFieldset v={v} selected={s.uploadTypes} error={form.errors.uploadTypes} />
        <MailSettingsFieldset v={v} s={s} form={form} />
        <Submit label={t('common.save')} />
      </form>
    </DeskLayout>
  );
}

/** Site settings (permission `settings`). */
export async function deskSettingsRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  app.get('/desk/settings', async (req, reply) => {
    requirePermission(req.actor, 'settings');
    const s = await deps.settings.get();
    return sendHtml(reply, <SettingsPage v={await view(req, reply)} s={s} form={emptyForm} />);
  });

  app.post('/desk/settings', async (req, reply) => {
    const body = formBody(req);
    // A form without the language checkboxes (an older page) keeps the enabled languages as they are.
    const enabledLocales = body.enabledLocalesShown
      ? formList(req, 'enabledLocales').filter(isLocale)
      : (await deps.settings.get()).enabledLocales;
    const input: SiteSettings = {
      siteName: body.siteName ?? '',
      defaultLocale: (body.defaultLocale ?? 'en') as SiteSettings['defaultLocale'],
      enabledLocales,
      captchaGuests: body.captchaGuests === 'on',
      captchaMembers: body.captchaMembers === 'on',
      registration: (body.registration ?? 'open') as SiteSettings['registration'],
      revealStaffNames: body.revealStaffNames === 'on',
      twoFactorStaff: body.twoFactorStaff === 'on',
      uploadTypes: body.uploadTypesShown
        ? formList(req, 'uploadTypes')
        : (await deps.settings.get()).uploadTypes,
      ...mailSettingsInput(body, await deps.settings.get()),
    };
    const result = await attempt(() => updateSiteSettings(ctx(req), input));
    if (!result.ok) {
      return sendHtml(
        reply,
        <SettingsPage v={await view(req, reply)} s={input} form={formWithError(body, result.error)} />,
        result.error.status,
      );
    }
    deps.settings.invalidate();
    return redirectWithFlash(reply, '/desk/settings', { kind: 'success', key: 'flash.settingsSaved' });
  });
}
