import type { FieldErrors } from '../../platform/errors.ts';

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]{2,}$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

export function checkEmail(errors: FieldErrors, field: string, email: string): void {
  if (!isValidEmail(normaliseEmail(email))) errors[field] = 'error.field.email';
}

export function checkDisplayName(errors: FieldErrors, field: string, name: string): void {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 80) errors[field] = 'error.field.name';
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function checkPassword(errors: FieldErrors, field: string, password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    errors[field] = 'error.field.password';
}
