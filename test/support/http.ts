import type { FastifyInstance } from 'fastify';
import type { InjectOptions, Response } from 'light-my-request';
import { parse, type HTMLElement } from 'node-html-parser';

export interface Page {
  status: number;
  headers: Response['headers'];
  body: string;
  dom: HTMLElement;
  location: string | undefined;
}

/**
 * A browser-like client over app.inject(): it keeps cookies, remembers the CSRF token of the last
 * HTML page, and sends forms the way a browser does.
 */
export class Agent {
  private cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    const raw = res.headers['set-cookie'];
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    for (const line of list) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0\b/i.test(a.trim()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(opts: InjectOptions): Promise<Page> {
    const cookie = this.cookieHeader();
    const res = await this.app.inject({
      ...opts,
      headers: { ...this.headers, ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) },
    });
    this.remember(res);
    const isHtml = String(res.headers['content-type'] ?? '').includes('text/html');
    const dom = parse(isHtml ? res.body : '');
    if (isHtml) {
      const token = dom.querySelector('meta[name="csrf-token"]')?.getAttribute('content');
      if (token) this.csrf = token;
    }
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body,
      dom,
      location: res.headers.location as string | undefined,
    };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request({ method: 'GET', url, headers });
  }

  /** Posts a urlencoded form with the CSRF token of the last page (unless `_csrf` is given or null). */
  async post(url: string, form: Record<string, string | string[] | null> = {}): Promise<Page> {
    const body = new URLSearchParams();
    const withToken = '_csrf' in form ? form : { ...form, _csrf: this.csrf ?? '' };
    for (const [k, v] of Object.entries(withToken)) {
      if (v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  /** GET the page first (to get a token), then post the form. */
  async submit(
    pageUrl: string,
    action: string,
    form: Record<string, string | string[] | null>,
  ): Promise<Page> {
    await this.get(pageUrl);
    return this.post(action, form);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }
}

export function text(page: Page, selector: string): string {
  return page.dom.querySelector(selector)?.text.trim() ?? '';
}
