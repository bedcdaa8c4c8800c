// The snapshot of the in-process copies (server/db/read-cache/snapshot.ts), on the suite's
// FerretDB: copies restored from it are the copies a load from the database gives (the same
// frozen documents, the same answers from the store and the ranking), and it is refused —
// the next start loads from the database — after a write by the server, a write announced by
// another process, or on another (or a re-created) database.
//
// "A restart" here is what a new process does with the copies: the registry forgets them
// (setReadCacheMode resets it) and the snapshot is armed anew, then restored before anything
// is read. The real entry point's use of it is in operations.test.ts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import mongoose from 'mongoose';
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import {
  disableReadCopySnapshot,
  enableReadCopySnapshot,
  readCopy,
  restoreReadCopies,
  type RestoreOutcome,
  saveReadCopySnapshot,
  setReadCacheMode,
  warmReadCopies,
} from '../../server/db/read-cache';
import { recordExternalWrites } from '../../server/db/write-epoch';
import { stores } from '../../server/db/store';
import { StaffMember } from '../../server/models/staff-member';
import { rankCandidates, rankNeedsForStaff } from '../../server/services/ranking';
import { collectionsReadWhile, COPIED_COLLECTIONS, COPIED_MODELS, copiedDocuments } from '../support/read-copies';
import { startTestApi, type TestApi } from '../support/test-api';

const MODELS = COPIED_MODELS;
const DATASET = { academies: 120, staff: 300, needs: 40, seed: 7 };
const NOW = new Date('2026-11-23T12:00:00Z');

let api: TestApi;
let dir: string;
let path: string;
const logs: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(generateNationalDataset(DATASET));
  dir = mkdtempSync(join(tmpdir(), 'read-copy-snapshot-test-'));
  path = join(dir, 'copies.snapshot');
});
afterAll(async () => {
  disableReadCopySnapshot();
  setReadCacheMode('auto');
  rmSync(dir, { recursive: true, force: true });
  await api.close();
});

/** What a new process does first: no copies, the snapshot armed, the copies restored or loaded. */
async function restart(connection: mongoose.Connection = mongoose.connection): Promise<RestoreOutcome> {
  disableReadCopySnapshot();
  setReadCacheMode('auto'); // forgets every copy
  enableReadCopySnapshot({ path, source: process.env.TEST_DATABASE_URI!, log: (m) => logs.push(m), connection });
  const outcome = await restoreReadCopies(MODELS);
  await warmReadCopies(MODELS);
  return outcome;
}

/** A start that leaves a current snapshot behind (as a start-up or a shutdown does). */
async function startAndSave(): Promise<void> {
  await restart();
  const saved = await saveReadCopySnapshot();
  if (!saved.saved) expect(saved.reason).toBe('the snapshot on disk is still exact');
  expect(existsSync(path)).toBe(true);
}

/** Answers a caller sees: store lists, finds, counts, groupings, and rankings. */
async function answers(): Promise<unknown[]> {
  const needs = await stores.needs.find({ status: 'OPEN' }, { sort: { priority: -1 }, limit: 5 });
  const staff = await stores.staff.find({}, { sort: { name: 1 }, limit: 3 });
  expect(needs.length).toBe(5); // not vacuous
  const out: unknown[] = [
    needs,
    staff,
    await stores.staff.list({}, [{ field: 'name', direction: 1, kind: 'string' }], { limit: 20, inverted: false }),
    await stores.academies.count({ ofstedRating: 'OUTSTANDING' }),
    await stores.needs.count({ status: 'OPEN' }),
    await stores.staff.distinct('designations', {}),
    await stores.academies.groupedBy('trustId', [String(needs[0]!.academyId)], {}, { name: 1 }),
  ];
  for (const need of needs) {
    const { timings, documents, ...ranking } = (await rankCandidates(String(need._id), 'STAFF', 10, NOW)) as any;
    void timings;
    out.push(ranking, [...(documents?.keys() ?? [])].sort());
  }
  for (const person of staff) {
    const { timings, documents, needDocuments, ...ranking } = (await rankNeedsForStaff(String(person._id), 10, NOW)) as any;
    void timings;
    void documents;
    void needDocuments;
    out.push(ranking);
  }
  return out;
}

describe('copies restored from the snapshot', () => {
  it('are the documents a load from the database gives, frozen alike, and answer alike', async () => {
    const cold = await restart();
    expect(cold).toEqual({ restored: false, reason: `no snapshot at ${path}` });
    const loaded = await copiedDocuments();
    const loadedAnswers = await answers();
    const saved = await saveReadCopySnapshot();
    expect(saved).toMatchObject({ saved: true });

    let outcome: RestoreOutcome | undefined;
    const read = await collectionsReadWhile(async () => {
      outcome = await restart();
    }, ['find', 'aggregate']);
    expect(outcome).toMatchObject({ restored: true });
    expect(read.filter((c) => COPIED_COLLECTIONS.has(c))).toEqual([]); // not one copied collection read from the database
    const restored = await copiedDocuments();
    for (const [name, docs] of loaded) {
      const again = restored.get(name)!;
      expect(again.length).toBe(docs.length);
      expect(again.length).toBeGreaterThan(0);
      // Same values, same prototypes (ObjectId, Date), same order; frozen as loaded ones are.
      expect(isDeepStrictEqual(again, docs)).toBe(true);
      expect(again.every((doc) => Object.isFrozen(doc))).toBe(true);
    }
    expect(await answers()).toEqual(loadedAnswers);
    // Nothing written since: the file stays as it is.
    expect(await saveReadCopySnapshot()).toEqual({ saved: false, reason: 'the snapshot on disk is still exact' });
  });
});

describe('the snapshot is refused, and the copies loaded from the database', () => {
  it('after a write by the server: the file is deleted before the write goes out, and rewritten by the next save', async () => {
    await startAndSave();
    const someone = (await readCopy(StaffMember))!.all()[0]! as { _id: unknown };
    // A write the copy proves touches nothing changes nothing: the file stays.
    await StaffMember.updateMany({ name: 'Nobody Of This Name' }, { $set: { name: 'Still Nobody' } });
    expect(existsSync(path)).toBe(true);

    const fileWhenSent: boolean[] = [];
    const onCommand = (event: { commandName: string }) => {
      if (event.commandName === 'update') fileWhenSent.push(existsSync(path));
    };
    mongoose.connection.getClient().on('commandStarted', onCommand);
    try {
      await StaffMember.updateOne({ _id: someone._id }, { $set: { name: 'Renamed Before Restart' } });
    } finally {
      mongoose.connection.getClient().off('commandStarted', onCommand);
    }
    expect(fileWhenSent).toEqual([false]);

    const next = await restart();
    expect(next).toEqual({ restored: false, reason: `no snapshot at ${path}` });
    expect(logs.at(-1)).toMatch(/^read-copy snapshot not used: no snapshot at .*; loading the copies from the database$/);
    // A shutdown's save writes a new one, with the write in it.
    expect(await saveReadCopySnapshot()).toMatchObject({ saved: true });
    expect(await restart()).toMatchObject({ restored: true });
    expect((await stores.staff.get(String(someone._id)))?.name).toBe('Renamed Before Restart');
  });

  it('after a write announced by another process (write epochs)', async () => {
    await startAndSave();
    await recordExternalWrites(['staffMembers']);
    const next = await restart();
    expect(next.restored).toBe(false);
    expect(next.restored === false && next.reason).toMatch(/^another process wrote to the database since/);
    expect(await saveReadCopySnapshot()).toMatchObject({ saved: true });
    expect(await restart()).toMatchObject({ restored: true });
  });

  it('on another database, and on a re-created one', async () => {
    await startAndSave();
    const other = mongoose.connection.useDb(`${mongoose.connection.name}-other`, { useCache: false });
    const elsewhere = await restart(other);
    expect(elsewhere).toEqual({ restored: false, reason: `it is of database "${mongoose.connection.name}", not "${other.name}"` });
    await other.db!.dropDatabase();

    // The same name, emptied and loaded again with the same data (the write epochs are the
    // same too): only the token tells, and it is gone with the database.
    await startAndSave();
    disableReadCopySnapshot();
    await mongoose.connection.db!.dropDatabase();
    await loadDataset(generateNationalDataset(DATASET));
    const recreated = await restart();
    expect(recreated).toEqual({ restored: false, reason: 'the database does not hold its token (another or re-created database, or a newer snapshot was begun)' });
  });
});
