// One database server for the whole run; each test file uses its own database on it.
import { selectDatabase } from '../../server/db/select-database';

export default async function globalSetup(): Promise<void> {
  const server = await selectDatabase({
    mongodbUri: process.env.MONGODB_URI ?? null,
    log: (message) => process.stderr.write(`[test database] ${message}\n`),
  });
  process.stderr.write(`\n[test database] ${server.description}\n`);
  process.env.TEST_DATABASE_URI = server.uri;
  process.env.TEST_DATABASE_KIND = server.kind;
  (globalThis as { __testDatabase?: typeof server }).__testDatabase = server;
}
