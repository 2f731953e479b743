export {
  getSsoSettings,
  isAllowedIssuer,
  saveSsoSettings,
  ssoLoginOption,
  type SsoSettingsInput,
  type SsoSettingsView,
} from './sso-settings.service.ts';
export {
  SSO_CALLBACK_PATH,
  SSO_LOGIN_TTL_MS,
  finishSsoLogin,
  ssoRedirectUri,
  startSsoLogin,
} from './sso-login.service.ts';
export type { OidcIdentity } from './sso.tables.ts';
