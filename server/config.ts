// Configuration from the environment, validated once at start-up so a bad value stops the
// service with a message that names the variable, rather than failing later.
import { randomBytes } from 'node:crypto';

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
}

export class ConfigError extends Error {}

const MIN_PRODUCTION_SECRET_LENGTH = 32;

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
  };
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
