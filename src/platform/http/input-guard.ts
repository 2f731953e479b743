import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

const MAX_DEPTH = 20;

/** The path of the first string holding a NUL character, or undefined. */
function nulAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path || 'body';
    const found = nulAt(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses a request whose parsed body, query or path holds a NUL character, before any route sees
 * it. No person types one, PostgreSQL cannot store one in text, and SQLite would keep a string
 * that other tools cut short. Multipart fields are read later by their routes; a NUL there is
 * caught when the database refuses it (see toAppError).
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const field = nulAt(req.params, '') ?? nulAt(req.query, '') ?? nulAt(req.body, '');
    if (field) throw new AppError('VALIDATION', { [field]: 'error.field.invalid' });
  });
}
