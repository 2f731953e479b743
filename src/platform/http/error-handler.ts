import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';
import { translator } from '../i18n/i18n.ts';

/** Maps anything thrown in a request to a stable code; unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & {
    validation?: { instancePath?: string; params?: { missingProperty?: string } }[];
  };
  if (e?.validation) {
    const fields: Record<string, string> = {};
    for (const v of e.validation) {
      const name =
        (v.params?.missingProperty ?? v.instancePath?.replace(/^\//, '').replace(/\//g, '.')) || 'body';
      fields[name] = 'error.field.invalid';
    }
    return new AppError('VALIDATION', fields);
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  const byCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION',
    FST_CSRF_INVALID_TOKEN: 'CSRF',
    FST_CSRF_MISSING_SECRET: 'CSRF',
    // PostgreSQL refusing a character it cannot store in text (NUL): bad input, not a crash.
    '22021': 'VALIDATION',
    '22P05': 'VALIDATION',
  };
  if (byCode[code]) return new AppError(byCode[code]);
  if (e instanceof SyntaxError && (e as { statusCode?: number }).statusCode === 400)
    return new AppError('BAD_JSON');
  const status = e?.statusCode ?? 500;
  if (status === 429) return new AppError('RATE_LIMITED');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (status >= 400 && status < 500) return new AppError('VALIDATION');
  return new AppError('INTERNAL');
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> | undefined; requestId?: string };
}

/** The JSON error shape every API answer uses: `{"error":{"code","message"}}`. */
export function jsonError(req: FastifyRequest, err: AppError): ErrorBody {
  const t = req.t ?? translator('en');
  const fields = Object.keys(err.fields).length
    ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, t.t(v)]))
    : undefined;
  return {
    error: {
      code: err.code,
      message: t.t(`error.${err.code}`, err.params),
      ...(fields ? { fields } : {}),
      ...(err.code === 'INTERNAL' ? { requestId: req.id } : {}),
    },
  };
}

/** Logs unexpected errors with the request id; expected ones are not noise. */
export function logIfUnexpected(req: FastifyRequest, original: unknown, mapped: AppError): void {
  if (mapped.code === 'INTERNAL') req.log.error({ err: original }, 'unhandled error');
}

export function sendJsonError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  if (err.code === 'UNAUTHENTICATED' || err.code === 'INVALID_TOKEN')
    reply.header('www-authenticate', 'Bearer');
  return reply.code(err.status).type('application/json; charset=utf-8').send(jsonError(req, err));
}
