// The import's own connection: opened without creating collections or indexes (that waits
// until the file has passed its check, so a refused file leaves even a new database
// untouched), and with two connections, one per batch commit in flight (importer.ts).
// Two are safe on FerretDB here, unlike in the server (connection.ts): the import never
// sends a conditional update on one connection that races another of its own on the same
// document: batches hold different schools, and trusts are resolved one batch at a time.
import mongoose from 'mongoose';
import { databaseNameIn, DEFAULT_DATABASE_NAME } from '../../db/connection';

export async function openImportDatabase(uri: string, dbName?: string): Promise<void> {
  await mongoose.connect(uri, {
    dbName: dbName ?? databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME,
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    autoCreate: false,
    maxPoolSize: 2,
  });
}
