// Whatever the connection string, FerretDB gets one connection (its conditional updates are
// not atomic across connections); MongoDB keeps the driver's pool. Indexes: every schema
// index where the server can use them to answer queries, the unique ones everywhere.
import mongoose from 'mongoose';
import { connectDatabase, runsOnFerretDb, secondaryIndexesServeQueries } from '../../server/db/connection';
import { Academy } from '../../server/models';

afterAll(() => mongoose.disconnect());

it('connects to FerretDB through a single connection even when not asked to, and to MongoDB with a pool', async () => {
  await connectDatabase(process.env.TEST_DATABASE_URI!, `connection_${process.pid}`);
  const ferret = await runsOnFerretDb();
  expect(ferret).toBe(process.env.TEST_DATABASE_KIND === 'ferretdb');
  expect(mongoose.connection.getClient().options.maxPoolSize).toBe(ferret ? 1 : 100);
});

it('creates every index where the server answers queries from them, and everywhere the unique ones, which still refuse duplicates', async () => {
  await connectDatabase(process.env.TEST_DATABASE_URI!, `connection_indexes_${process.pid}`);
  const usable = await secondaryIndexesServeQueries();
  // FerretDB 1.x on SQLite (the embedded one) filters everything but _id in memory.
  if (process.env.TEST_DATABASE_KIND === 'ferretdb') expect(usable).toBe(false);
  const keys = (await Academy.collection.indexes()).map((index) => JSON.stringify(index.key)).sort();
  const expected = Academy.schema
    .indexes()
    .filter(([, options]) => usable || options?.unique)
    .map(([fields]) => JSON.stringify(fields));
  expect(keys).toEqual(['{"_id":1}', ...expected].sort());
  expect(keys).toContain('{"urn":1}');

  const actor = { sub: 'test', role: 'SYSTEM' };
  const school = { urn: '123456', name: 'Bodmin College', phase: 'SECONDARY', createdBy: actor, updatedBy: actor };
  await Academy.create(school);
  await expect(Academy.create({ ...school, name: 'Another' })).rejects.toMatchObject({ code: 11000 });
});
