// The copies' cold load at start-up (warmReadCopies with readersUri, server/db/read-cache/
// registry.ts), on the suite's FerretDB: the collections are read at once on connections of
// their own, and the copies are the ones a load of each collection on the server's own
// connection gives (same frozen documents, same order), the extra connections are closed
// afterwards, and a write made while they load is in the copies once it has finished.
import { isDeepStrictEqual } from 'node:util';
import mongoose, { type Model } from 'mongoose';
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { readCopy, setReadCacheMode, warmReadCopies } from '../../server/db/read-cache';
import { WHOLE_READ_BATCH } from '../../server/db/read-cache/collection-copy';
import { Academy } from '../../server/models/academy';
import { Cluster } from '../../server/models/cluster';
import { Deployment } from '../../server/models/deployment';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { Trust } from '../../server/models/trust';
import { startTestApi, type TestApi } from '../support/test-api';

const MODELS: Model<any>[] = [Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment];
const COPIED = new Set(MODELS.map((m) => m.collection.collectionName));
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

/** Each copied collection's documents, in the copy's order. */
async function copiedDocuments(): Promise<Map<string, readonly unknown[]>> {
  const out = new Map<string, readonly unknown[]>();
  for (const model of MODELS) out.set(model.collection.collectionName, [...(await readCopy(model))!.all()]);
  return out;
}

/** Copied collections read on the server's own connection while `action` runs. */
async function readOnServerConnection(action: () => Promise<unknown>): Promise<string[]> {
  const read: string[] = [];
  const client = mongoose.connection.getClient();
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (event.commandName === 'find' && COPIED.has(String(event.command.find))) read.push(String(event.command.find));
  };
  client.on('commandStarted', listener);
  try {
    await action();
  } finally {
    client.off('commandStarted', listener);
  }
  return read;
}

describe('the copies loaded at once on reader connections', () => {
  it('are the copies each collection loaded on the server connection gives, and the readers are closed after', async () => {
    setReadCacheMode('auto'); // no copies
    const oneByOne = await readOnServerConnection(async () => {
      for (const model of MODELS) await readCopy(model);
    });
    expect(new Set(oneByOne)).toEqual(COPIED);
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
