import type { Expected } from './route-expectations.ts';

const L = 'login';

/**
 * Single sign-on routes, to merge into EXPECTATIONS. The matrix runs with single sign-on off.
 * Starting a login: anyone not signed in gets the "not available" page (403); a signed-in user is
 * sent on (303), like GET /login. The callback is 403 for everyone while it is off (with it on, a
 * callback without this browser's state is 400: test/security/sso.test.ts). The settings are for
 * admins only, like the inbound settings: whoever picks the provider decides who can log in as an
 * admin. An empty form from the admin is valid (off, nothing filled in) and saves (303).
 */
export const SSO_EXPECTATIONS: Record<string, Expected[]> = {
  'GET /login/sso': [403, 403, 403, 303, 303, 303, 303, 303, 403, 403],
  'GET /login/sso/callback': [403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  'GET /desk/settings/sso': [L, L, L, 404, 404, 403, 403, 200, L, L],
  'POST /desk/settings/sso': [401, 401, 401, 404, 404, 403, 403, 303, 401, 401],
};
