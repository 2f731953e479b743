import type { Database } from '../platform/db/database.ts';
import { getSiteSettings, type SiteSettings } from '../modules/settings/index.ts';

/**
 * The site settings as every page needs them, cached for a few seconds so a page view costs no extra
 * query. Saving settings in this process drops the cache at once; other processes see it within the TTL.
 */
export class SiteSettingsCache {
  private value?: { settings: SiteSettings; at: number };
  constructor(
    private readonly database: Database,
    private readonly now: () => number,
    private readonly ttlMs = 5000,
  ) {}

  async get(): Promise<SiteSettings> {
    const now = this.now();
    if (this.value && now - this.value.at < this.ttlMs) return this.value.settings;
    const settings = await getSiteSettings({ db: this.database.db });
    this.value = { settings, at: now };
    return settings;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
