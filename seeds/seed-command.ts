// `npm run seed [-- --reset]`: loads the demo data into MONGODB_URI. Refuses a database
// that already holds records unless --reset is given (which empties it first).
import mongoose from 'mongoose';
import { connectDatabase, databaseNameIn, DEFAULT_DATABASE_NAME } from '../server/db/connection';
import { redact } from '../server/db/select-database';
import { buildDemoDataset } from './demo';
import { isDatabaseEmpty, loadDataset } from './load';

async function main(): Promise<number> {
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error('MONGODB_URI is not set: say which database to load the demo data into (npm start loads it into its embedded database by itself).');
    return 1;
  }
  const reset = process.argv.includes('--reset');
  await connectDatabase(uri);
  const name = databaseNameIn(uri) ?? DEFAULT_DATABASE_NAME;
  try {
    if (!(await isDatabaseEmpty())) {
      if (!reset) {
        console.error(`Database "${name}" at ${redact(uri)} already holds records; run with -- --reset to empty it first.`);
        return 1;
      }
      await mongoose.connection.db!.dropDatabase();
      await connectDatabase(uri);
    }
    const summary = await loadDataset(buildDemoDataset());
    console.log(`Loaded the demo data into "${name}":`, summary);
    return 0;
  } finally {
    await mongoose.disconnect();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
