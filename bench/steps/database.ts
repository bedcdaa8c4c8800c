// Steps 1 and 2: the database the bench measures, connected as server/main.ts connects (one
// connection with FerretDB) with command monitoring on, and the national dataset in it.
import mongoose from 'mongoose';
import { generateIntoDatabase } from '../../seeds/generate-command';
import { isDatabaseEmpty } from '../../seeds/load';
import { connectDatabase, databaseNameIn, DEFAULT_DATABASE_NAME } from '../../server/db/connection';
import type { DatabaseServer } from '../../server/db/database-server';
import { redact } from '../../server/db/select-database';
import { log } from './log';
import type { BenchOptions } from './options';

export interface BenchDatabase {
  name: string;
  /** What the report calls the database, e.g. "FerretDB 1.24.2 (SQLite), speaking MongoDB 7.0.42, embedded". */
  version: string;
  /** (Re)connect, e.g. after dropping the database. */
  connect: () => Promise<unknown>;
}

export async function connectBenchDatabase(database: DatabaseServer): Promise<BenchDatabase> {
  const name = databaseNameIn(database.uri) ?? (database.kind === 'external' ? DEFAULT_DATABASE_NAME : 'bench');
  const connect = () => connectDatabase(database.uri, name, { singleConnection: database.kind === 'ferretdb', monitorCommands: true });
  await connect();
  const version = await databaseVersion(database.kind, database.description);
  log(`database: ${version}, database "${name}"${database.kind === 'external' ? ` at ${redact(database.uri)}` : ''}`);
  return { name, version, connect };
}

async function databaseVersion(kind: string, description: string): Promise<string> {
  try {
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    // The embedded launcher's build does not stamp FerretDB's version; its description names it.
    const ferret = info.ferretdbVersion === 'unknown' ? (/FerretDB (\S+)/.exec(description)?.[1] ?? 'unknown') : info.ferretdbVersion;
    if (typeof info.ferretdbVersion === 'string') return `FerretDB ${ferret} (SQLite), speaking MongoDB ${info.version}${kind === 'external' ? ', via MONGODB_URI' : ', embedded'}`;
    return `MongoDB ${info.version}${kind === 'external' ? ' (MONGODB_URI)' : ' (mongodb-memory-server)'}`;
  } catch {
    return kind;
  }
}

/**
 * The national dataset generated and loaded into an empty database, or with --reuse the data
 * already there (--reset empties it first). Returns the report's line about the data.
 */
export async function prepareData(db: BenchDatabase, options: BenchOptions): Promise<string> {
  if (!(await isDatabaseEmpty())) {
    if (options.reset) {
      log('emptying the database (--reset)');
      await mongoose.connection.db!.dropDatabase();
      await db.connect();
    } else if (!options.reuse) {
      throw new Error(`database "${db.name}" already holds records: pass --reuse to benchmark them, or --reset to empty it first`);
    }
  }
  if (!(await isDatabaseEmpty())) return 'reused the data already in the database';
  const dataset = { academies: options.academies, staff: options.staff, needs: options.needs, seed: options.seed };
  log(`generating and loading ${JSON.stringify(dataset)}`);
  const { summary, generateMs, loadMs } = await generateIntoDatabase(dataset, (line) => log(line.trim()));
  const loadSummary = `${summary.academies} academies, ${summary.trusts} trusts, ${summary.clusters} hubs, ${summary.staff} staff, ${summary.needs} open needs, ${summary.completedDeployments} completed deployments (seed ${options.seed}); generated in ${(generateMs / 1000).toFixed(1)} s, loaded in ${(loadMs / 1000).toFixed(1)} s`;
  log(loadSummary);
  return loadSummary;
}
