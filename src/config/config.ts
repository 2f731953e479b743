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
  /** Where attachments are kept: `DATA_DIR/attachments` on disk, or an S3-compatible bucket. */
  storage: 'disk' | 's3';
  s3: S3Config | undefined;
  uploadMaxFileBytes: number;
  uploadMaxMessageBytes: number;
  uploadMaxFiles: number;
}

export interface S3Config {
  /** Unset: AWS itself. Set (MinIO, Garage, s3rver…): path-style addressing. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Unset: the SDK's default credential chain (environment, instance role…). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
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

function readCount(env: Env, name: string, fallback: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim() || String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) {
    problems.push(`${name} must be a whole number from 1 to ${max}, got "${env[name]}"`);
    return fallback;
  }
  return value;
}

const MB = 1024 * 1024;

/** STORAGE, S3_* and the UPLOAD_* limits. */
function readStorage(env: Env, problems: string[]) {
  const storage = (env.STORAGE?.trim().toLowerCase() || 'disk') as Config['storage'];
  if (storage !== 'disk' && storage !== 's3')
    problems.push(`STORAGE must be "disk" or "s3", got "${env.STORAGE}"`);
  let s3: S3Config | undefined;
  if (storage === 's3') {
    const endpoint = env.S3_ENDPOINT?.trim() || undefined;
    if (endpoint) readUrl(endpoint, 'S3_ENDPOINT', ['http:', 'https:'], problems);
    const bucket = env.S3_BUCKET?.trim() ?? '';
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      problems.push(`S3_BUCKET must be a bucket name (3 to 63 of a-z, 0-9, "." and "-") when STORAGE=s3`);
    const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
    const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
    if (!accessKeyId !== !secretAccessKey)
      problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be given together');
    s3 = {
      endpoint,
      bucket,
      region: env.S3_REGION?.trim() || 'us-east-1',
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    };
  }
  const uploadMaxFileBytes = readCount(env, 'UPLOAD_MAX_FILE_BYTES', 25 * MB, 2 ** 40, problems);
  const uploadMaxMessageBytes = readCount(env, 'UPLOAD_MAX_MESSAGE_BYTES', 50 * MB, 2 ** 40, problems);
  const uploadMaxFiles = readCount(env, 'UPLOAD_MAX_FILES', 10, 100, problems);
  if (uploadMaxFileBytes > uploadMaxMessageBytes)
    problems.push('UPLOAD_MAX_FILE_BYTES must not be larger than UPLOAD_MAX_MESSAGE_BYTES');
  return { storage, s3, uploadMaxFileBytes, uploadMaxMessageBytes, uploadMaxFiles };
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
  const storage = readStorage(env, problems);
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
    ...storage,
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
