import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The one typed configuration of a Parley process. Only this folder reads process.env. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  appSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  captcha: boolean;
  logLevel: string;
  /** Run the job worker inside the web process (default) or leave it to `parley worker`. */
  inProcessWorker: boolean;
  trustProxy: boolean;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readPort(env: Env, problems: string[]): number {
  const raw = env.PORT ?? '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
    return 3000;
  }
  return port;
}

function readBool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be "on" or "off", got "${env[name]}"`);
  return fallback;
}

function readUrl(value: string, name: string, protocols: string[], problems: string[]): string {
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${value}"`);
    }
  } catch {
    problems.push(`${name} must be a URL, got "${value}"`);
  }
  return value;
}

function readDatabase(env: Env, dataDir: string, problems: string[]) {
  const raw = env.DATABASE_URL?.trim();
  if (!raw)
    return { databaseUrl: `sqlite:${path.join(dataDir, 'parley.sqlite')}`, dialect: 'sqlite' as const };
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    readUrl(raw, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
    return { databaseUrl: raw, dialect: 'postgres' as const };
  }
  if (raw.startsWith('sqlite:')) return { databaseUrl: raw, dialect: 'sqlite' as const };
  problems.push(
    `DATABASE_URL must be postgres://… or sqlite:<file>, got "${raw.replace(/:[^:@/]*@/, ':***@')}"`,
  );
  return { databaseUrl: raw, dialect: 'sqlite' as const };
}

/** Reads APP_SECRET, or the secret generated into DATA_DIR on first run, creating it if absent. */
function readSecret(env: Env, dataDir: string, problems: string[]): string {
  const given = env.APP_SECRET?.trim();
  if (given) {
    if (given.length < 32) problems.push('APP_SECRET must be at least 32 characters long');
    return given;
  }
  const file = path.join(dataDir, 'app-secret');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    problems.push(`DATA_DIR "${dataDir}" is not writable for the app secret: ${(err as Error).message}`);
    return '';
  }
}

/** Builds and validates the configuration from an environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = readPort(env, problems);
  const host = env.HOST?.trim() || '0.0.0.0';
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  const publicUrl = readUrl(
    (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, ''),
    'PUBLIC_URL',
    ['http:', 'https:'],
    problems,
  );
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl) readUrl(smtpUrl, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const bodyLimitRaw = env.BODY_LIMIT_BYTES?.trim() || String(1024 * 1024);
  if (!/^\d+$/.test(bodyLimitRaw)) problems.push(`BODY_LIMIT_BYTES must be a whole number of bytes`);
  const mailFrom = env.MAIL_FROM?.trim() || `Parley <parley@${safeHostname(publicUrl)}>`;
  const database = readDatabase(env, dataDir, problems);
  const captcha = readBool(env, 'CAPTCHA', true, problems);
  const inProcessWorker = readBool(env, 'IN_PROCESS_WORKER', true, problems);
  const trustProxy = readBool(env, 'TRUST_PROXY', false, problems);
  const appSecret = problems.length ? '' : readSecret(env, dataDir, problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host,
    publicUrl,
    dataDir,
    ...database,
    appSecret,
    smtpUrl,
    mailFrom,
    captcha,
    logLevel,
    inProcessWorker,
    trustProxy,
    bodyLimit: Number(bodyLimitRaw),
  };
}

function safeHostname(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** Loads `.env` from the working directory into process.env when present (real env vars win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
