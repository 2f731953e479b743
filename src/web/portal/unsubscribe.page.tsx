import type { UnsubscribeInfo } from '../../modules/notifications/index.ts';
import { Csrf } from '../ui/Form.tsx';
import { PortalLayout } from '../ui/layouts.tsx';
import type { View } from '../ui/view.ts';

/** Asks to stop one kind of mail, confirms it, and offers the way back. */
export function UnsubscribePage(props: {
  v: View;
  info: UnsubscribeInfo;
  token: string;
  state: 'ask' | 'done' | 'undone';
}) {
  const { v, info, token, state } = props;
  const t = v.t.t;
  const kind = t(`notify.type.${info.type}`, { category: info.categoryName ?? '' });
  const values = { kind, address: info.address };
  const action = state === 'done' ? `/unsubscribe/${token}/resubscribe` : `/unsubscribe/${token}`;
  return (
    <PortalLayout v={v} title={t('unsubscribe.title')}>
      <section class="card narrow stack">
        <h1 safe>{t('unsubscribe.title')}</h1>
        <p
          class={state === 'ask' ? undefined : 'alert alert-success'}
          role={state === 'ask' ? undefined : 'status'}
          safe
        >
          {t(`unsubscribe.${state}`, values)}
        </p>
        <form method="post" action={action} class="inline-form">
          <Csrf v={v} />
          <button
            type="submit"
            class={`button button-${state === 'done' ? 'plain' : 'primary'}`}
            data-unsubscribe={state === 'done' ? 'undo' : 'confirm'}
            safe
          >
            {t(state === 'done' ? 'unsubscribe.undo' : 'unsubscribe.confirm')}
          </button>
        </form>
        <p class="muted" safe>
          {t('unsubscribe.settingsHint')}
        </p>
      </section>
    </PortalLayout>
  );
}
