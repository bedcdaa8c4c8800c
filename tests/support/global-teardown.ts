import type { DatabaseServer } from '../../server/db/database-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __testDatabase?: DatabaseServer }).__testDatabase?.stop();
}
