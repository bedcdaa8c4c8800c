// One place decides which database server the service, the seed command and the tests use:
// MONGODB_URI when set; else mongodb-memory-server when a mongod can be had; else FerretDB
// embedded. DB_EMBEDDED=ferretdb|mongodb-memory-server forces one embedded choice.
import { type DatabaseServer, DatabaseUnavailableError } from './database-server';
import { startFerretDb } from './ferretdb';
import { recentlyFailed, startMemoryServer } from './memory-server';

export interface SelectDatabaseOptions {
  mongodbUri?: string | null;
  log?: (message: string) => void;
}

export async function selectDatabase(options: SelectDatabaseOptions = {}): Promise<DatabaseServer> {
  const log = options.log ?? (() => undefined);
  if (options.mongodbUri) {
    return {
      kind: 'external',
      uri: options.mongodbUri,
      description: `MONGODB_URI (${redact(options.mongodbUri)})`,
      stop: async () => undefined,
    };
  }

  const forced = process.env.DB_EMBEDDED;
  if (forced && forced !== 'ferretdb' && forced !== 'mongodb-memory-server') {
    throw new DatabaseUnavailableError(`DB_EMBEDDED must be "ferretdb" or "mongodb-memory-server" (got "${forced}")`);
  }
  const failures: string[] = [];

  if (forced !== 'ferretdb') {
    const remembered = recentlyFailed();
    if (remembered && forced !== 'mongodb-memory-server') {
      failures.push(`mongodb-memory-server: ${remembered}`);
    } else {
      try {
        return await startMemoryServer();
      } catch (error) {
        failures.push(errorMessage(error));
      }
    }
  }
  if (forced !== 'mongodb-memory-server') {
    if (failures.length) log(`${failures.join('; ')}; falling back to embedded FerretDB`);
    try {
      return await startFerretDb(log);
    } catch (error) {
      failures.push(`FerretDB: ${errorMessage(error)}`);
    }
  }
  throw new DatabaseUnavailableError(
    [
      'No database could be started:',
      ...failures.map((f) => `  - ${f}`),
      'Set MONGODB_URI to a MongoDB deployment, or MONGOMS_SYSTEM_BINARY to a local mongod binary,',
      'or install Go (https://go.dev/dl) so the embedded FerretDB can be built.',
    ].join('\n'),
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Never print credentials from a connection string. */
export function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
