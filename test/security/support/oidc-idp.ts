import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node-html-parser';
import Provider from 'oidc-provider';

/** What the test provider says about a person; the key of the map is their subject (`sub`). */
export interface IdpAccount {
  email: string;
  /** Sent as is, so a test can send a non-boolean. */
  email_verified: unknown;
  name?: string;
}

interface Cookie {
  value: string;
  path: string;
}

/** Remembers cookies per name and path, and sends those whose path covers the URL. */
class CookieJar {
  private readonly cookies = new Map<string, Cookie & { name: string }>();

  store(lines: string[]): void {
    for (const line of lines) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const gone = !value || attrs.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) this.cookies.delete(`${name} ${path}`);
      else this.cookies.set(`${name} ${path}`, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter(
        (c) =>
          url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, with one confidential client that
 * must use PKCE. People log in through its development login and consent forms.
 */
export class TestIdp {
  readonly accounts = new Map<string, IdpAccount>();
  issuer = '';
  private server: Server | undefined;
  private restoreConsole: (() => void) | undefined;

  constructor(readonly client: { clientId: string; clientSecret: string; redirectUri: string }) {}

  async start(): Promise<this> {
    this.restoreConsole = quietProviderNotices();
    let handler: RequestListener = (_req, res) => res.writeHead(503).end();
    this.server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      format: 'jwk',
    });
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.client.clientId,
          client_secret: this.client.clientSecret,
          redirect_uris: [this.client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      pkce: { required: () => true },
      jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        if (!account) return undefined;
        return { accountId: sub, claims: () => ({ sub, ...account }) };
      },
    });
    handler = provider.callback();
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
    this.restoreConsole?.();
  }

  /**
   * Follows the authorization URL as a browser would, logging in as `subject` and consenting, up to
   * the redirect back to the client. Returns that callback URL (with `code` and `state`).
   */
  async logIn(authorizationUrl: string, subject: string): Promise<URL> {
    const jar = new CookieJar();
    let url = new URL(authorizationUrl);
    let form: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      const res = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: jar.header(url),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: form.toString() } : {}),
      });
      jar.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, url);
        if (next.href.startsWith(`${this.client.redirectUri}?`)) return next;
        url = next;
        form = undefined;
        continue;
      }
      const html = await res.text();
      if (res.status !== 200) throw new Error(`the provider answered ${res.status}: ${html.slice(0, 500)}`);
      const element = parse(html).querySelector('form');
      if (!element) throw new Error(`no form on the provider's page: ${html.slice(0, 500)}`);
      form = new URLSearchParams();
      for (const input of element.querySelectorAll('input[name]')) {
        const name = input.getAttribute('name')!;
        const value =
          name === 'login' ? subject : name === 'password' ? 'any password' : input.getAttribute('value');
        form.set(name, value ?? '');
      }
      url = new URL(element.getAttribute('action') ?? '', url);
    }
    throw new Error('the provider never redirected back');
  }
}

/** oidc-provider prints development notices (dev login forms, default TTLs); the tests mean to use them. */
function quietProviderNotices(): () => void {
  const { warn, info } = console;
  const quiet =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider ')) return;
      original(...args);
    };
  console.warn = quiet(warn);
  console.info = quiet(info);
  return () => {
    console.warn = warn;
    console.info = info;
  };
}
