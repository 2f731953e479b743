import type { FastifyInstance } from 'fastify';
import {
  getStaffPreferences,
  saveStaffPreferences,
  type StaffPreferences,
} from '../../../modules/tickets/index.ts';
import { formBody, redirectWithFlash } from '../../../platform/http/request-context.ts';
import { sendHtml } from '../../../platform/render/render.ts';
import { Csrf, FormError, Submit, emptyForm, type FormState } from '../../ui/Form.tsx';
import { DeskLayout } from '../../ui/layouts.tsx';
import type { View } from '../../ui/view.ts';
import { attempt, formWithError, routeKit, type WebDeps } from '../../route-kit.ts';

function PreferencesPage({ v, p, form }: { v: View; p: StaffPreferences; form: FormState }) {
  const t = v.t.t;
  const radio = (name: string, value: string, current: string, label: string) => (
    <label class="choice">
      <input type="radio" name={name} value={value} checked={current === value} /> <span safe>{label}</span>
    </label>
  );
  return (
    <DeskLayout v={v} title={t('desk.prefs.title')}>
      <h1 safe>{t('desk.prefs.title')}</h1>
      <FormError v={v} form={form} />
      <form method="post" action="/desk/preferences" class="stack card">
        <Csrf v={v} />
        <div class="field">
          <label for="f-defaultReply" safe>
            {t('desk.prefs.defaultReply')}
          </label>
          <textarea
            id="f-defaultReply"
            name="defaultReply"
            rows="6"
            aria-describedby="f-defaultReply-hint"
            safe
          >
            {form.values.defaultReply ?? p.defaultReply}
          </textarea>
          <p class="field-hint" id="f-defaultReply-hint" safe>
            {t('desk.prefs.defaultReplyHint')}
          </p>
        </div>
        <fieldset>
          <legend safe>{t('desk.prefs.defaultAction')}</legend>
          {radio('defaultAction', 'respond', p.defaultAction, t('desk.reply.respond'))}
          {radio('defaultAction', 'note', p.defaultAction, t('desk.reply.note'))}
        </fieldset>
        <fieldset>
          <legend safe>{t('desk.prefs.timelineOrder')}</legend>
          {radio('timelineOrder', 'asc', p.timelineOrder, t('desk.ticket.oldestFirst'))}
          {radio('timelineOrder', 'desc', p.timelineOrder, t('desk.ticket.newestFirst'))}
        </fieldset>
        <Submit label={t('common.save')} />
      </form>
    </DeskLayout>
  );
}

/** The staff member's own desk preferences. */
export async function deskPreferenceRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);
  app.get('/desk/preferences', async (req, reply) => {
    const p = await getStaffPreferences(ctx(req));
    return sendHtml(reply, <PreferencesPage v={await view(req, reply)} p={p} form={emptyForm} />);
  });
  app.post('/desk/preferences', async (req, reply) => {
    const body = formBody(req);
    const input = {
      defaultReply: body.defaultReply ?? '',
      defaultAction: body.defaultAction as StaffPreferences['defaultAction'],
      timelineOrder: body.timelineOrder as StaffPreferences['timelineOrder'],
    };
    const result = await attempt(() => saveStaffPreferences(ctx(req), input));
    if (!result.ok) {
      const p = await getStaffPreferences(ctx(req));
      return sendHtml(
        reply,
        <PreferencesPage v={await view(req, reply)} p={p} form={formWithError(body, result.error)} />,
        result.error.status,
      );
    }
    reply.clearCookie('parley_timeline', { path: '/' });
    return redirectWithFlash(reply, '/desk/preferences', { kind: 'success', key: 'flash.settingsSaved' });
  });
}
