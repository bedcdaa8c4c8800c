// Configuration from the environment, validated once at start-up so a bad value stops the
// service with a message that names the variable, rather than failing later.
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants } from 'node:fs';
import { loadOidcSettings, type OidcSettings } from './auth/oidc/settings';
import { type EmailSettings, loadEmailSettings } from './notifications/settings';
import { type SecuritySettings, securityDefaults } from './security/settings';

export interface AppConfig {
  port: number;
  host: string;
  nodeEnv: 'development' | 'production' | 'test';
  mongodbUri: string | null;
  /** HS256 secret for bearer tokens. */
  jwtSecret: string;
  /** True when no secret was configured and one was generated for this process. */
  jwtSecretGenerated: boolean;
  logLevel: string;
  /** Print ready-made tokens per role at start-up (development demo only). */
  printDemoTokens: boolean;
  /**
   * Signing in as any person through GraphQL (devSignIn), for the web app in development.
   * Never in production; off by default against an external database (MONGODB_URI), whose
   * people are real. DEV_SIGN_IN=on|off overrides outside production.
   */
  devSignIn: boolean;
  /** Query limits, body limit, rate limit, CORS and proxy trust (server/security). */
  security: SecuritySettings;
  /** Run operations compiled by graphql-jit (GRAPHQL_JIT=off: graphql-js's own executor). */
  compileQueries: boolean;
  /** OpenID Connect sign-in (server/auth/oidc), or null when OIDC_ISSUER is unset. */
  oidc: OidcSettings | null;
  /** Email: SMTP_URL and the outbox sender (server/notifications). */
  email: EmailSettings;
  /** PDF_CHROMIUM_PATH: the Chromium that prints board reports to PDF (server/exports/board-report/pdf.ts). */
  pdfChromiumPath: string | null;
  /**
   * READ_COPIES_SNAPSHOT: the snapshot of the in-process copies (server/db/read-cache/snapshot.ts):
   * 'off', a file path, or 'default' (a file under .data/ named after the database).
   */
  readCopiesSnapshot: 'off' | 'default' | { path: string };
}

export class ConfigError extends Error {}

export const MIN_PRODUCTION_SECRET_LENGTH = 32;
/** Fewer distinct characters than this is a placeholder ("xxxx…"), not a secret. */
const MIN_DISTINCT_SECRET_CHARACTERS = 10;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  const port = parsePort(env.PORT);
  const mongodbUri = env.MONGODB_URI?.trim() || null;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) {
    throw new ConfigError('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }

  let jwtSecret = env.AUTH_JWT_SECRET ?? '';
  let jwtSecretGenerated = false;
  if (!jwtSecret) {
    if (nodeEnv === 'production') {
      throw new ConfigError(
        `AUTH_JWT_SECRET must be set in production (at least ${MIN_PRODUCTION_SECRET_LENGTH} characters)`,
      );
    }
    jwtSecret = randomBytes(32).toString('hex');
    jwtSecretGenerated = true;
  } else if (nodeEnv === 'production' && jwtSecret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    throw new ConfigError(
      `AUTH_JWT_SECRET is too short for production: use at least ${MIN_PRODUCTION_SECRET_LENGTH} random characters`,
    );
  } else if (nodeEnv === 'production' && new Set(jwtSecret).size < MIN_DISTINCT_SECRET_CHARACTERS) {
    throw new ConfigError('AUTH_JWT_SECRET looks like a placeholder, not a random secret: generate one, e.g. `openssl rand -hex 32`');
  }

  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    nodeEnv,
    mongodbUri,
    jwtSecret,
    jwtSecretGenerated,
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
    printDemoTokens: nodeEnv === 'development' && !mongodbUri,
    devSignIn: parseDevSignIn(env, nodeEnv, mongodbUri),
    security: loadSecuritySettings(env, nodeEnv),
    compileQueries: parseOnOff(env, 'GRAPHQL_JIT', true),
    oidc: loadOidcSettings(env, nodeEnv),
    email: loadEmailSettings(env, nodeEnv),
    pdfChromiumPath: parseChromiumPath(env.PDF_CHROMIUM_PATH),
    readCopiesSnapshot: parseSnapshotSetting(env.READ_COPIES_SNAPSHOT),
  };
}

function parseSnapshotSetting(raw: string | undefined): AppConfig['readCopiesSnapshot'] {
  const value = raw?.trim();
  if (!value) return 'default';
  if (['off', 'false', '0'].includes(value.toLowerCase())) return 'off';
  if (['on', 'true', '1'].includes(value.toLowerCase())) return 'default';
  return { path: value };
}

function parseDevSignIn(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['nodeEnv'], mongodbUri: string | null): boolean {
  const wanted = parseOnOff(env, 'DEV_SIGN_IN', nodeEnv !== 'production' && !mongodbUri);
  if (wanted && nodeEnv === 'production') throw new ConfigError('DEV_SIGN_IN=on is refused in production: anyone could sign in as anyone');
  return wanted;
}

function parseOnOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be "on" or "off" (got "${env[name]}")`);
}

function loadSecuritySettings(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['nodeEnv']): SecuritySettings {
  const d = securityDefaults(nodeEnv);
  const int = (name: string, fallback: number, min: number, max: number) => parseIntegerVar(env, name, fallback, min, max);
  return {
    maxDepth: int('GRAPHQL_MAX_DEPTH', d.maxDepth, 1, 100),
    maxCost: int('GRAPHQL_MAX_COST', d.maxCost, 1, 10_000_000),
    maxAliases: int('GRAPHQL_MAX_ALIASES', d.maxAliases, 0, 1000),
    maxTokens: int('GRAPHQL_MAX_TOKENS', d.maxTokens, 10, 100_000),
    maxDirectives: int('GRAPHQL_MAX_DIRECTIVES', d.maxDirectives, 0, 1000),
    bodyLimitBytes: parseByteSize(env.REQUEST_BODY_LIMIT, d.bodyLimitBytes),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', d.rateLimitPerMinute, 0, 1_000_000),
    exportsPerHour: int('SUBJECT_ACCESS_EXPORTS_PER_HOUR', d.exportsPerHour, 0, 10_000),
    csvExportsPerHour: int('CSV_EXPORTS_PER_HOUR', d.csvExportsPerHour, 0, 100_000),
    boardReportsPerHour: int('BOARD_REPORTS_PER_HOUR', d.boardReportsPerHour, 0, 100_000),
    boardReportPdfsPerHour: int('BOARD_REPORT_PDFS_PER_HOUR', d.boardReportPdfsPerHour, 0, 10_000),
    pdfQueueLimit: int('PDF_QUEUE_LIMIT', d.pdfQueueLimit, 0, 1_000),
    // Development serves GraphiQL and demo clients from anywhere; production names its origins.
    corsOrigins: parseOrigins(env.CORS_ORIGINS, d.corsOrigins),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    introspection: parseOnOff(env, 'GRAPHQL_INTROSPECTION', d.introspection),
    fieldSuggestions: parseOnOff(env, 'GRAPHQL_FIELD_SUGGESTIONS', d.fieldSuggestions),
    executionTimeoutMs: int('GRAPHQL_EXECUTION_TIMEOUT_MS', d.executionTimeoutMs, 0, 600_000),
    documentCacheBytes: int('GRAPHQL_DOCUMENT_CACHE_MB', d.documentCacheBytes / (1024 * 1024), 1, 4096) * 1024 * 1024,
    ...parseServerTimeouts(int, d),
    maxConnectionsPerClient: int('MAX_CONNECTIONS_PER_CLIENT', d.maxConnectionsPerClient, 0, 100_000),
  };
}

type IntVar = (name: string, fallback: number, min: number, max: number) => number;

/** Node's own rule: the headers must be due no later than the whole request. */
function parseServerTimeouts(int: IntVar, d: SecuritySettings): Pick<SecuritySettings, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'> {
  const headersTimeoutMs = int('HTTP_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, 100, 600_000);
  const requestTimeoutMs = int('HTTP_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 100, 600_000);
  const keepAliveTimeoutMs = int('HTTP_KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, 100, 600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be greater than HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs };
}

function parseIntegerVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

/** "102400", "100kb" or "1mb". */
export function parseByteSize(raw: string | undefined, fallback: number): number {
  const text = raw?.trim().toLowerCase();
  if (!text) return fallback;
  const match = /^(\d+)\s*(b|kb|mb)?$/.exec(text);
  const bytes = match ? Number(match[1]) * BYTE_UNITS[match[2] ?? '']! : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1024 || bytes > 50 * 1024 * 1024) {
    throw new ConfigError(`REQUEST_BODY_LIMIT must be a size between 1kb and 50mb, such as 100kb (got "${raw}")`);
  }
  return bytes;
}

function parseOrigins(raw: string | undefined, fallback: SecuritySettings['corsOrigins']): SecuritySettings['corsOrigins'] {
  const text = raw?.trim();
  if (!text) return fallback;
  if (text === '*') return '*';
  const origins = text.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    // An origin is scheme://host[:port] exactly: no path, no trailing slash.
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.org (got "${origin}")`);
    }
  }
  return origins;
}

function parseTrustProxy(raw: string | undefined): SecuritySettings['trustProxy'] {
  const text = raw?.trim();
  if (!text || text === 'false') return false;
  // `true` would believe any client's X-Forwarded-For, letting it pick its own rate-limit key.
  if (text === 'true') throw new ConfigError('TRUST_PROXY must be a hop count (e.g. 1 for one load balancer) or a list of proxy addresses, not true');
  // A hop count ("1": one load balancer in front), or addresses/subnets as express reads them.
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

function parseNodeEnv(value: string | undefined): AppConfig['nodeEnv'] {
  if (!value || value === 'development') return 'development';
  if (value === 'production' || value === 'test') return value;
  throw new ConfigError(`NODE_ENV must be development, production or test (got "${value}")`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535 (got "${value}")`);
  }
  return port;
}

/** PDF_CHROMIUM_PATH, when set, must name an executable file (checked at start-up, not at the first PDF). */
function parseChromiumPath(value: string | undefined): string | null {
  const path = value?.trim();
  if (!path) return null;
  try {
    accessSync(path, fsConstants.X_OK);
  } catch {
    throw new ConfigError(`PDF_CHROMIUM_PATH must name a Chromium or Chrome executable; ${path} is not an executable file`);
  }
  return path;
}
