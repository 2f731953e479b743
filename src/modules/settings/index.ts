export {
  DEFAULT_SETTINGS,
  getSiteSettings,
  updateSiteSettings,
  type SiteSettings,
} from './settings.service.ts';
