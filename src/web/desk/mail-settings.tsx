import type { MailSettings } from '../../modules/settings/index.ts';
import { Field, type FormState } from '../ui/Form.tsx';
import type { View } from '../ui/view.ts';

const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/** The mail part of the site settings form: sender, reply domain, footer and time zone. */
export function MailSettingsFieldset({ v, s, form }: { v: View; s: MailSettings; form: FormState }) {
  const t = v.t.t;
  const value = (name: keyof MailSettings) => form.values[name] ?? s[name];
  const footerError = form.errors.mailFooter;
  return (
    <fieldset class="stack">
      <legend safe>{t('desk.settings.mail')}</legend>
      <input type="hidden" name="mailSettingsShown" value="1" />
      <Field
        v={v}
        form={form}
        name="mailFromName"
        label={t('desk.settings.mailFromName')}
        value={value('mailFromName')}
        maxlength={80}
        hint={t('desk.settings.mailFromHint')}
      />
      <Field
        v={v}
        form={form}
        name="mailFromAddress"
        type="email"
        label={t('desk.settings.mailFromAddress')}
        value={value('mailFromAddress')}
      />
      <Field
        v={v}
        form={form}
        name="replyDomain"
        label={t('desk.settings.replyDomain')}
        value={value('replyDomain')}
        hint={t('desk.settings.replyDomainHint')}
      />
      <Field
        v={v}
        form={form}
        name="inboundAuthservId"
        label={t('desk.settings.inboundAuthservId')}
        value={value('inboundAuthservId')}
        hint={t('desk.settings.inboundAuthservIdHint')}
      />
      <div class={footerError ? 'field field-invalid' : 'field'}>
        <label for="f-mailFooter" safe>
          {t('desk.settings.mailFooter')}
        </label>
        <textarea id="f-mailFooter" name="mailFooter" rows="3" maxlength={2000} safe>
          {value('mailFooter')}
        </textarea>
        {footerError ? (
          <p class="field-error" safe>
            {t(footerError)}
          </p>
        ) : (
          ''
        )}
      </div>
      <div class={form.errors.timeZone ? 'field field-invalid' : 'field'}>
        <label for="f-timeZone" safe>
          {t('desk.settings.timeZone')}
        </label>
        <select id="f-timeZone" name="timeZone">
          {TIME_ZONES.map((zone) => (
            <option value={zone} selected={value('timeZone') === zone} safe>
              {zone}
            </option>
          ))}
        </select>
        <p class="field-hint" safe>
          {t('desk.settings.timeZoneHint')}
        </p>
      </div>
    </fieldset>
  );
}

/** The mail settings from the posted form; a form without them (an older page) keeps the saved ones. */
export function mailSettingsInput(body: Record<string, string>, saved: MailSettings): MailSettings {
  if (!body.mailSettingsShown) {
    const { mailFromName, mailFromAddress, replyDomain, mailFooter, timeZone, inboundAuthservId } = saved;
    return { mailFromName, mailFromAddress, replyDomain, mailFooter, timeZone, inboundAuthservId };
  }
  return {
    mailFromName: body.mailFromName ?? '',
    mailFromAddress: body.mailFromAddress ?? '',
    replyDomain: body.replyDomain ?? '',
    mailFooter: body.mailFooter ?? '',
    timeZone: body.timeZone ?? 'UTC',
    inboundAuthservId: body.inboundAuthservId ?? '',
  };
}
