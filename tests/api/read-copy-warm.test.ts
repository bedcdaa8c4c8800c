// The copies' cold load at start-up (warmReadCopies with readersUri, server/db/read-cache/
// registry.ts), on the suite's FerretDB: the collections are read at once on connections of
// their own, and the copies are the ones a load of each collection on the server's own
// connection gives (same frozen documents, same order), the extra connections are closed
// afterwards, and a write made while they load is in the copies once it has finished.
import { isDeepStrictEqual } from 'node:util';
import mongoose from 'mongoose';
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { readCopy, setReadCacheMode, warmReadCopies } from '../../server/db/read-cache';
import { WHOLE_READ_BATCH } from '../../server/db/read-cache/collection-copy';
import { StaffMember } from '../../server/models/staff-member';
import { collectionsReadWhile, COPIED_COLLECTIONS, COPIED_MODELS, copiedDocuments } from '../support/read-copies';
import { startTestApi, type TestApi } from '../support/test-api';

const MODELS = COPIED_MODELS;
// More staff than one batch of a whole read, so that the load takes several getMores.
const DATASET = { academies: 150, staff: WHOLE_READ_BATCH + 300, needs: 40, seed: 11 };

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(generateNationalDataset(DATASET));
});
afterAll(async () => {
  setReadCacheMode('auto');
  await api.close();
});

/** Copied collections read on the server's own connection while `action` runs. */
async function readOnServerConnection(action: () => Promise<unknown>): Promise<string[]> {
  return (await collectionsReadWhile(action, ['find'])).filter((name) => COPIED_COLLECTIONS.has(name));
}

describe('the copies loaded at once on reader connections', () => {
  it('are the copies each collection loaded on the server connection gives, and the readers are closed after', async () => {
    setReadCacheMode('auto'); // no copies
    const oneByOne = await readOnServerConnection(async () => {
      for (const model of MODELS) await readCopy(model);
    });
    expect(new Set(oneByOne)).toEqual(COPIED_COLLECTIONS);
    const loaded = await copiedDocuments();

    setReadCacheMode('auto');
    const connectionsBefore = mongoose.connections.length;
    let used = false;
    const onServer = await readOnServerConnection(async () => {
      used = await warmReadCopies(MODELS, { readersUri: process.env.TEST_DATABASE_URI! });
    });
    expect(used).toBe(true);
    expect(onServer).toEqual([]); // every collection was read on the readers
    const warmed = await copiedDocuments();
    for (const [name, docs] of loaded) {
      const again = warmed.get(name)!;
      expect(again.length).toBeGreaterThan(0);
      expect(again.length).toBe(docs.length);
      // Same values, same prototypes (ObjectId, Date), same order; frozen as loaded ones are.
      expect(isDeepStrictEqual(again, docs)).toBe(true);
      expect(again.every((doc) => Object.isFrozen(doc))).toBe(true);
    }
    expect(warmed.get('staffMembers')!.length).toBe(DATASET.staff);
    // The readers' connection is closed once the copies are in.
    expect(mongoose.connections.slice(connectionsBefore).every((c) => c.readyState === mongoose.ConnectionStates.disconnected)).toBe(true);
  });

  it('hold a write the server made while they were loading', async () => {
    setReadCacheMode('auto');
    const someone = (await StaffMember.findOne({}).sort({ _id: 1 }).lean())!;
    const warming = warmReadCopies(MODELS, { readersUri: process.env.TEST_DATABASE_URI! });
    await StaffMember.updateOne({ _id: someone._id }, { $set: { name: 'Renamed While Loading' } });
    await warming;
    const copy = (await readCopy(StaffMember))!;
    expect((copy.get(String(someone._id)) as { name?: string } | undefined)?.name).toBe('Renamed While Loading');
    expect(copy.size).toBe(DATASET.staff);
  });
});
