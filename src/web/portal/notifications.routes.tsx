import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  describeUnsubscribe,
  getMyNotificationSettings,
  saveMyNotificationSettings,
  setSubscription,
} from '../../modules/notifications/index.ts';
import { AppError } from '../../platform/errors.ts';
import { formBody, formList, redirectWithFlash } from '../../platform/http/request-context.ts';
import { sendHtml } from '../../platform/render/render.ts';
import { emptyForm, type FormState } from '../ui/Form.tsx';
import { attempt, formWithError, routeKit, type WebDeps } from '../route-kit.ts';
import { NotificationsPage } from './notifications.page.tsx';
import { UnsubscribePage } from './unsubscribe.page.tsx';

/** The path of the RFC 8058 one-click unsubscribe route, exempt from CSRF (see request-context.hook.ts). */
export const ONE_CLICK_UNSUBSCRIBE = '/unsubscribe/:token';

/** Notification settings under the profile, and the unsubscribe links every notification carries. */
export async function notificationRoutes(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  const { ctx, view } = routeKit(deps);

  async function render(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    if (!req.user) throw new AppError('UNAUTHENTICATED');
    const settings = await getMyNotificationSettings(ctx(req));
    const { timeZone } = await deps.settings.get();
    return sendHtml(
      reply,
      <NotificationsPage v={await view(req, reply)} s={{ ...settings, timeZone }} form={form} />,
      status,
    );
  }

  app.get('/profile/notifications', async (req, reply) => render(req, reply, emptyForm));

  app.post('/profile/notifications', async (req, reply) => {
    if (!req.user) throw new AppError('UNAUTHENTICATED');
    const body = formBody(req);
    const result = await attempt(() =>
      saveMyNotificationSettings(ctx(req), {
        created: body.created === 'on',
        staffReply: body.staffReply === 'on',
        customerReply: body.customerReply === 'on',
        assignment: body.assignment === 'on',
        digest: body.digest === 'on',
        digestHour: Number(body.digestHour ?? 8),
        categoryIds: formList(req, 'categoryIds').map(Number).filter(Number.isSafeInteger),
      }),
    );
    if (!result.ok) return render(req, reply, formWithError(body, result.error), result.error.status);
    return redirectWithFlash(reply, '/profile/notifications', {
      kind: 'success',
      key: 'flash.notificationsSaved',
    });
  });

  const tokenOf = (req: FastifyRequest) => (req.params as { token: string }).token;

  // Opening the link only asks: link checkers in mail systems open links too.
  app.get(ONE_CLICK_UNSUBSCRIBE, async (req, reply) => {
    const info = await describeUnsubscribe(ctx(req), tokenOf(req));
    return sendHtml(
      reply,
      <UnsubscribePage v={await view(req, reply)} info={info} token={tokenOf(req)} state="ask" />,
    );
  });

  // The button on that page, and the mail client's one-click POST (RFC 8058), which carries no cookie.
  app.post(ONE_CLICK_UNSUBSCRIBE, async (req, reply) => {
    const info = await setSubscription(ctx(req), tokenOf(req), false);
    return sendHtml(
      reply,
      <UnsubscribePage v={await view(req, reply)} info={info} token={tokenOf(req)} state="done" />,
    );
  });

  app.post('/unsubscribe/:token/resubscribe', async (req, reply) => {
    const info = await setSubscription(ctx(req), tokenOf(req), true);
    return sendHtml(
      reply,
      <UnsubscribePage v={await view(req, reply)} info={info} token={tokenOf(req)} state="undone" />,
    );
  });
}
