// Whatever the connection string, FerretDB gets one connection (its conditional updates are
// not atomic across connections); MongoDB keeps the driver's pool.
import mongoose from 'mongoose';
import { connectDatabase, runsOnFerretDb } from '../../server/db/connection';

afterAll(() => mongoose.disconnect());

it('connects to FerretDB through a single connection even when not asked to, and to MongoDB with a pool', async () => {
  await connectDatabase(process.env.TEST_DATABASE_URI!, `connection_${process.pid}`);
  const ferret = await runsOnFerretDb();
  expect(ferret).toBe(process.env.TEST_DATABASE_KIND === 'ferretdb');
  expect(mongoose.connection.getClient().options.maxPoolSize).toBe(ferret ? 1 : 100);
});
