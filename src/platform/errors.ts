/** Stable error codes. Each surface maps a code to an HTTP status and a localised message. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_TOKEN: 401,
  TWO_FACTOR_INVALID: 401,
  TWO_FACTOR_REQUIRED: 403,
  FORBIDDEN: 403,
  CSRF: 403,
  ACCOUNT_DISABLED: 403,
  EMAIL_UNVERIFIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  STALE_TICKET: 409,
  STALE_EDIT: 409,
  BUILTIN_STATUS: 409,
  COLLISION: 409,
  TICKET_LOCKED: 423,
  CURRENCY_MISMATCH: 400,
  REFUND_TOO_LARGE: 409,
  INVOICE_NOT_PAID: 409,
  INVOICE_STATE: 409,
  INVOICE_NOT_DELETABLE: 409,
  PURCHASE_NOT_CANCELED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PROVIDER_DECLINED: 409,
  LINK_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  REGISTRATION_CLOSED: 403,
  SETUP_DONE: 410,
  // Single sign-on (OpenID Connect): the login refused, never a 500.
  SSO_DISABLED: 403,
  SSO_STATE_INVALID: 400,
  SSO_FAILED: 400,
  SSO_EMAIL_UNVERIFIED: 403,
  SSO_ACCOUNT_UNVERIFIED: 403,
  SSO_NO_ACCOUNT: 403,
  SSO_UNAVAILABLE: 502,
  INTERNAL: 500,
  STORAGE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name → message key, for forms that re-render with the user's input. */
export type FieldErrors = Record<string, string>;

/** An expected failure with a stable code. Never carries user-facing sentences: those come from the locale. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldErrors = {},
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');

/** Throws VALIDATION when any field has an error. */
export function assertValid(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', fields);
}
