import type { FastifyInstance } from 'fastify';
import { attachmentRoutes } from './attachments/attachments.routes.ts';
import { deskPlugin } from './desk/desk.plugin.ts';
import { opsRoutes } from './ops.routes.ts';
import { authRoutes } from './portal/auth.routes.tsx';
import { ssoRoutes } from './portal/sso.routes.tsx';
import { twoFactorRoutes } from './portal/two-factor.routes.tsx';
import { homeRoutes } from './portal/home.tsx';
import { preferenceRoutes } from './portal/preferences.routes.ts';
import { profileRoutes } from './portal/profile.routes.tsx';
import { notificationRoutes } from './portal/notifications.routes.tsx';
import { labelsCssRoutes } from './portal/labels-css.routes.ts';
import { ticketRoutes } from './portal/tickets/tickets.routes.tsx';
import { captchaRoutes } from './portal/captcha.routes.ts';
import type { WebDeps } from './route-kit.ts';

/** The browser surfaces: operations endpoints, the customer portal and the staff desk. */
export async function registerWeb(app: FastifyInstance, { deps }: { deps: WebDeps }) {
  await app.register(opsRoutes, { deps });
  await app.register(homeRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(ssoRoutes, { deps });
  await app.register(twoFactorRoutes, { deps });
  await app.register(preferenceRoutes, { deps });
  await app.register(profileRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(labelsCssRoutes, { deps });
  await app.register(captchaRoutes, { captcha: deps.captcha, throttles: deps.throttles, now: deps.now });
  await app.register(ticketRoutes, { deps });
  await app.register(attachmentRoutes, { deps });
  await app.register(deskPlugin, { deps });
}
