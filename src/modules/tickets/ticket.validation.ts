import type { FieldErrors } from '../../platform/errors.ts';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 100_000;

export function checkSubject(errors: FieldErrors, subject: unknown): string {
  const value = typeof subject === 'string' ? subject.trim() : '';
  if (value.length < 1) errors.subject = 'error.field.required';
  else if (value.length > SUBJECT_MAX) errors.subject = 'error.field.subjectLength';
  return value;
}

/** A message body: required unless the message carries files. */
export function checkBody(errors: FieldErrors, body: unknown, field = 'body', optional = false): string {
  const value = typeof body === 'string' ? body.replace(/\r\n/g, '\n') : '';
  if (value.trim().length < 1 && !optional) errors[field] = 'error.field.required';
  else if (value.length > BODY_MAX) errors[field] = 'error.field.bodyLength';
  return value;
}
