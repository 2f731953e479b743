export {
  DEFAULT_SETTINGS,
  getSiteSettings,
  updateSiteSettings,
  type SiteSettings,
} from './settings.service.ts';
export { isTimeZone, type MailSettings } from './mail-settings.ts';
