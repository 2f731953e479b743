import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from './config/config.ts';
import { jobHandlers, recurringJobs, systemCtx } from './jobs.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { hmac } from './platform/crypto.ts';
import type { AppDeps } from './platform/http/request-context.ts';
import type { JobHandler } from './platform/jobs/worker.ts';
import { Worker } from './platform/jobs/worker.ts';
import { smtpTransport, type MailTransport } from './platform/mail/transport.ts';
import { ASSET_DIR } from './platform/render/assets.ts';
import { createThrottles } from './platform/throttle.ts';
import { createCaptcha } from './platform/captcha/captcha.ts';
import { createStorage, type Storage } from './platform/storage/storage.ts';
import { multipartOptions } from './web/attachments/multipart.ts';
import { registerApi } from './api/v1/api.plugin.ts';
import { registerWeb } from './web/web.plugin.ts';
import { SiteSettingsCache } from './web/site-settings-cache.ts';
import { registerErrorHandling } from './web/error-pages.tsx';
import { registerRequestContext } from './web/request-context.hook.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { requeuePendingMail } from './modules/mail/index.ts';

export interface BuildOptions {
  database?: Database;
  now?: () => number;
  mailTransport?: MailTransport;
  logger?: boolean | object;
  /** Extra job handlers (tests register their own kinds). */
  extraJobs?: Record<string, JobHandler>;
  /** Attachment storage; by default the one the configuration names. */
  storage?: Storage;
}

/** One registered route, as the router saw it (the security matrix test walks all of them). */
export interface RouteEntry {
  method: string;
  url: string;
}

export interface ParleyApp {
  app: FastifyInstance;
  /** Every route the app registered, collected by an onRoute hook before any plugin. */
  routes: readonly RouteEntry[];
  deps: AppDeps & { settings: SiteSettingsCache };
  worker: Worker;
  close(): Promise<void>;
}

function loggerOptions(config: Config, logger: BuildOptions['logger']) {
  if (logger === false) return false;
  if (typeof logger === 'object') return logger;
  return {
    level: config.logLevel,
    // Never log secrets: cookies, tokens and passwords are cut out of every log line.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
}

/** Builds the whole app: database (migrated), worker and HTTP surfaces. Never listens. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<ParleyApp> {
  const database = options.database ?? openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const now = options.now ?? Date.now;
  const mailTransport = options.mailTransport ?? smtpTransport(config.smtpUrl);
  const storage = options.storage ?? createStorage(config);
  const worker = new Worker({
    db: database.db,
    dialect: database.dialect,
    now,
    handlers: { ...jobHandlers({ config, database, mailTransport, now, storage }), ...options.extraJobs },
    recurring: recurringJobs(),
  });
  const settings = new SiteSettingsCache(database, now);
  const captcha = createCaptcha({ secret: config.appSecret, enabled: config.captcha, now });
  const deps = {
    config,
    database,
    throttles: createThrottles(),
    now,
    pokeWorker: () => worker.poke(),
    settings,
    captcha,
    storage,
  };

  const app = Fastify({
    logger: loggerOptions(config, options.logger),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // A file name in a download URL is up to 120 characters, percent-encoded up to 12 bytes each:
    // the default limit of 100 answered 414 for ordinary non-ASCII names.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
  });
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url ?? r.path });
  });
  registerSecurityHeaders(app);
  await app.register(cookie, {
    secret: hmac(config.appSecret, 'cookie-signing'),
    // Defaults for every cookie Parley sets: Secure whenever it is served over https.
    parseOptions: { secure: config.publicUrl.startsWith('https:') },
  });
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await app.register(multipart, multipartOptions(config));
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Strict CSP: a script runs only with this response's nonce (helmet adds it, see
        // enableCSPNonces), and what it loads inherits the trust ('strict-dynamic'); 'self' is the
        // fallback for browsers without CSP 3. No 'unsafe-inline' anywhere.
        scriptSrc: ["'self'", "'strict-dynamic'"],
        // The captcha widget runs its proof of work in a worker started from a blob: URL.
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    enableCSPNonces: true,
    hsts: config.publicUrl.startsWith('https:'),
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'parley_csrf',
    cookieOpts: {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      signed: true,
      secure: config.publicUrl.startsWith('https:'),
    },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      // Multipart bodies are read by the handler, after this check: their forms put the token in the URL.
      const query = req.query as Record<string, unknown> | undefined;
      const fromQuery = query && typeof query._csrf === 'string' ? query._csrf : undefined;
      return fromBody ?? (req.headers['x-csrf-token'] as string | undefined) ?? fromQuery;
    },
  });
  await app.register(fastifyStatic, { root: ASSET_DIR, prefix: '/assets/', maxAge: '7d', immutable: true });
  registerErrorHandling(app, deps);
  registerRequestContext(app, deps);
  registerInputGuard(app);
  await app.register(registerApi, { deps, prefix: '/api' });
  await app.register(registerWeb, { deps });

  if (config.smtpUrl) await requeuePendingMail(systemCtx({ config, database, now }));
  return {
    app,
    routes,
    deps,
    worker,
    async close() {
      await worker.stop();
      mailTransport?.close?.();
      await app.close();
      if (!options.database) await database.destroy();
    },
  };
}
