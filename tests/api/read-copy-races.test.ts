// A write that lands while the copy is refetching a document (read-cache/collection-copy.ts).
// The copy decides which documents a write may touch by matching its filter against the
// documents it holds; a document being refetched may be older there than in the database,
// so a write can change it in the database without matching it in the copy. The refetch,
// sent before the write, then brings back the document as it was before the write: without
// marking such documents too, the copy would keep that old version for good.
import mongoose from 'mongoose';
import { readCopy, setReadCacheMode } from '../../server/db/read-cache';
import { Academy } from '../../server/models/academy';
import { startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  setReadCacheMode('on');
});
afterAll(async () => {
  setReadCacheMode('auto');
  await api.close();
});

interface OperationEvent {
  collectionName?: string;
  method?: string;
  params?: unknown[];
}

/** Resolves when this process starts reading the document `id` of `collection` by its _id. */
function readOfDocumentStarts(collection: string, id: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: OperationEvent) => {
      const filter = event.params?.[0] as { _id?: unknown } | undefined;
      if (event.collectionName === collection && event.method === 'findOne' && String(filter?._id) === id) {
        mongoose.connection.off('operation-start', listener);
        resolve();
      }
    };
    mongoose.connection.on('operation-start', listener);
  });
}

it('a write matching, in the database, a document the copy is refetching is still applied to the copy', async () => {
  const school = await Academy.create({ urn: '990001', name: 'Race Primary', phase: 'PRIMARY', pupils: 100, createdBy: { sub: 'test', role: 'ADMIN' }, updatedBy: { sub: 'test', role: 'ADMIN' } });
  const id = String(school._id);
  const copy = (await readCopy(Academy))!;
  expect(copy.get(id)?.pupils).toBe(100);

  await Academy.updateOne({ _id: school._id }, { $set: { pupils: 200 } }); // the copy marks it stale
  const refetchSent = readOfDocumentStarts('academies', id);
  const refetch = copy.fresh(); // reads the document again: 200
  await refetchSent;
  // Matches the database's document (200), not the copy's (still 100 until the refetch lands).
  const write = Academy.updateMany({ name: 'Race Primary', pupils: 200 }, { $set: { pupils: 300 } });
  const [, written] = await Promise.all([refetch, write]);
  expect(written.modifiedCount).toBe(1);

  const after = (await readCopy(Academy))!;
  expect(after.get(id)?.pupils).toBe(300);
});
