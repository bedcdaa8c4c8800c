// mongodb-memory-server: a real mongod, downloaded on first use on a connected machine or
// taken from MONGOMS_SYSTEM_BINARY. Where the download cannot work we remember that for an
// hour, so repeated `npm test` runs do not each wait for the failed download.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseServer } from './database-server';

const UNAVAILABLE_MARKER = join(tmpdir(), 'school-support-mongodb-memory-server-unavailable');
const REMEMBER_FAILURE_MS = 60 * 60 * 1000;

/** Written by scripts/postinstall.mjs: whether a mongod could be had at install time. */
const INSTALL_PROBE = join(__dirname, '../../node_modules/.cache/school-support/mongod.json');

/** Why no mongod could be had when the project was installed, or null (had one, or not probed). */
function failedAtInstall(): string | null {
  if (!existsSync(INSTALL_PROBE)) return null;
  try {
    const { available, reason, at } = JSON.parse(readFileSync(INSTALL_PROBE, 'utf8')) as { available: boolean; reason: string; at: string };
    if (!available) return `${reason} (found at install time, ${at}; run npm install again or set DB_EMBEDDED=mongodb-memory-server to retry)`;
  } catch {
    // A corrupt record is treated as absent.
  }
  return null;
}

export function recentlyFailed(): string | null {
  if (process.env.MONGOMS_SYSTEM_BINARY) return null;
  const atInstall = failedAtInstall();
  if (atInstall) return atInstall;
  if (!existsSync(UNAVAILABLE_MARKER)) return null;
  try {
    const { at, reason } = JSON.parse(readFileSync(UNAVAILABLE_MARKER, 'utf8')) as { at: number; reason: string };
    if (Date.now() - at < REMEMBER_FAILURE_MS) return `${reason} (remembered from ${new Date(at).toISOString()}; delete ${UNAVAILABLE_MARKER} to retry)`;
  } catch {
    // A corrupt marker is treated as absent.
  }
  return null;
}

export async function startMemoryServer(): Promise<DatabaseServer> {
  // Loaded lazily: the package is heavy and unused when MONGODB_URI is set.
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const quietWarn = console.warn;
  console.warn = () => undefined; // the library prints a stack trace for a failed download
  try {
    const server = await MongoMemoryServer.create();
    rmSync(UNAVAILABLE_MARKER, { force: true });
    return {
      kind: 'mongodb-memory-server',
      uri: server.getUri().replace(/\/$/, ''),
      description: `mongodb-memory-server (mongod ${server.instanceInfo?.port ? `on port ${server.instanceInfo.port}` : ''})`,
      stop: async () => {
        await server.stop();
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    mkdirSync(tmpdir(), { recursive: true });
    writeFileSync(UNAVAILABLE_MARKER, JSON.stringify({ at: Date.now(), reason }));
    throw new Error(`mongodb-memory-server could not start: ${reason}`);
  } finally {
    console.warn = quietWarn;
  }
}
