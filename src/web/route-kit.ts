import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { ctxOf, type AppDeps } from '../platform/http/request-context.ts';
import { viewOf } from '../platform/render/render.ts';
import type { FormState } from './ui/Form.tsx';
import type { View } from './ui/view.ts';
import type { SiteSettingsCache } from './site-settings-cache.ts';

export type WebDeps = AppDeps & { settings: SiteSettingsCache };

const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', '_csrf', 'token']);

/** The helpers every web route uses: the use-case context and the layout's view model. */
export function routeKit(deps: WebDeps) {
  return {
    ctx: (req: FastifyRequest) => ctxOf(req, deps),
    view: async (req: FastifyRequest, reply: FastifyReply): Promise<View> => {
      const site = await deps.settings.get();
      return viewOf(req, reply, deps, site.siteName, site.enabledLocales);
    },
  };
}

/**
 * Runs a use case for a form. An expected failure (bad input, wrong password, rate limit) comes
 * back so the route can re-render the form with the user's input; anything else propagates.
 */
export async function attempt<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (
      err instanceof AppError &&
      err.status < 500 &&
      err.code !== 'NOT_FOUND' &&
      err.code !== 'UNAUTHENTICATED'
    ) {
      return { ok: false, error: err };
    }
    throw err;
  }
}

/** The form to re-render: what was typed (never secrets), field errors, and a form-level message. */
export function formWithError(values: Record<string, string>, err?: AppError): FormState {
  const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.has(k)));
  if (!err) return { values: kept, errors: {} };
  const hasFields = Object.keys(err.fields).length > 0;
  return { values: kept, errors: err.fields, error: hasFields ? 'error.form.fix' : `error.${err.code}` };
}

export function numericParam(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('NOT_FOUND');
  return n;
}

export function optionalNumber(value: unknown): number | undefined {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
