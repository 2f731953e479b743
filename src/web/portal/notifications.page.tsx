import type { NotificationSettings } from '../../modules/notifications/index.ts';
import { Csrf, FormError, Submit, type FormState } from '../ui/Form.tsx';
import { PortalLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

function Check(props: { name: string; label: string; checked: boolean; value?: string }) {
  return (
    <label class="choice">
      <input type="checkbox" name={props.name} value={props.value ?? 'on'} checked={props.checked} />{' '}
      <span safe>{props.label}</span>
    </label>
  );
}

function StaffFields({ v, s }: { v: View; s: NotificationSettings & { timeZone: string } }) {
  const t = v.t.t;
  return (
    <>
      <fieldset>
        <legend safe>{t('notifications.desk')}</legend>
        <Check name="customerReply" label={t('notifications.customerReply')} checked={s.customerReply} />
        <Check name="assignment" label={t('notifications.assignment')} checked={s.assignment} />
      </fieldset>
      <fieldset>
        <legend safe>{t('notifications.categories')}</legend>
        <p class="field-hint" safe>
          {t('notifications.categoriesHint')}
        </p>
        {s.categories.map((c) => (
          <Check
            name="categoryIds"
            value={String(c.id)}
            label={c.name}
            checked={s.categoryIds.includes(c.id)}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend safe>{t('notifications.digest')}</legend>
        <Check name="digest" label={t('notifications.digestOn')} checked={s.digest} />
        <div class="field">
          <label for="f-digestHour" safe>
            {t('notifications.digestHour')}
          </label>
          <select id="f-digestHour" name="digestHour" aria-describedby="f-digestHour-hint">
            {Array.from({ length: 24 }, (_, h) => (
              <option value={String(h)} selected={s.digestHour === h} safe>
                {`${String(h).padStart(2, '0')}:00`}
              </option>
            ))}
          </select>
          <p class="field-hint" id="f-digestHour-hint" safe>
            {t('notifications.digestHourHint', { zone: s.timeZone })}
          </p>
        </div>
      </fieldset>
    </>
  );
}

/** Which mails the signed-in person gets. */
export function NotificationsPage(props: {
  v: View;
  s: NotificationSettings & { timeZone: string };
  form: FormState;
}) {
  const { v, s, form } = props;
  const t = v.t.t;
  return (
    <PortalLayout v={v} title={t('notifications.title')}>
      <h1 safe>{t('notifications.title')}</h1>
      <FormError v={v} form={form} />
      <form method="post" action="/profile/notifications" class="stack card">
        <Csrf v={v} />
        <fieldset>
          <legend safe>{t('notifications.myTickets')}</legend>
          <Check name="created" label={t('notifications.created')} checked={s.created} />
          <Check name="staffReply" label={t('notifications.staffReply')} checked={s.staffReply} />
        </fieldset>
        {s.staff ? <StaffFields v={v} s={s} /> : ''}
        <Submit label={t('common.save')} />
      </form>
      <p>
        <a href="/profile" safe>
          {t('notifications.backToProfile')}
        </a>
      </p>
    </PortalLayout>
  );
}
