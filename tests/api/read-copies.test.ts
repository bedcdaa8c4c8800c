// The in-process copies (server/db/read-cache/) answer reads with FerretDB instead of
// the database. These tests hold them to the database's answers: the same rankings, the same
// pages for generated filters and sorts, and no read that starts after a write has finished
// missing it, however reads and writes interleave.
import { join } from 'node:path';
import fc from 'fast-check';
import mongoose, { type Model } from 'mongoose';
import { generateNationalDataset } from '../../seeds/national';
import { loadDataset } from '../../seeds/load';
import { schoolYearOf, schoolYearStarting } from '../../server/domain/school-year';
import { yearKey } from '../../server/domain/year-capacity';
import { Academy } from '../../server/models/academy';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { Deployment } from '../../server/models/deployment';
import { StaffMember } from '../../server/models/staff-member';
import { rankCandidates, rankNeedsForAcademy, rankNeedsForStaff } from '../../server/services/ranking';
import { importGiasFile } from '../../server/import/gias';
import { findInCopy, readCopy, setExternalWriteCheckInterval, setReadCacheMode, type SortSpec } from '../../server/db/read-cache';
import { readWriteEpochs, recordExternalWrites } from '../../server/db/write-epoch';
import { databaseStores, encodeCursor, type SortKey, stores } from '../../server/db/store';
import { startTestApi, type TestApi } from '../support/test-api';
import { createAcademy, createStaff, createTrust, raiseNeed } from '../support/world';

let api: TestApi;
const NOW = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  api = await startTestApi();
  await loadDataset(generateNationalDataset({ academies: 250, staff: 600, needs: 80, seed: 11 }));
});
afterAll(async () => {
  setReadCacheMode('auto');
  await api.close();
});

/** A ranking without its timings and with documents reduced to their ids: what a caller sees. */
function comparable(view: any) {
  if (!view) return view;
  const { timings, documents, needDocuments, ...rest } = view;
  return {
    ...rest,
    documents: documents ? [...documents.keys()].sort() : undefined,
    needDocuments: needDocuments ? [...needDocuments.keys()].sort() : undefined,
  };
}

async function withCopies<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  setReadCacheMode(on ? 'on' : 'off');
  try {
    return await run();
  } finally {
    setReadCacheMode('auto');
  }
}

describe('rankings from the copies', () => {
  it('are the rankings the database gives, for every need, staff member and supporting academy sampled', async () => {
    const needIds = (await ImprovementNeed.find({ status: 'OPEN' }, { _id: 1 }).sort({ _id: 1 }).limit(10).lean()).map((n) => String(n._id));
    const staffIds = (await StaffMember.find({}, { _id: 1 }).sort({ _id: 1 }).limit(5).lean()).map((s) => String(s._id));
    const academyIds = (await Academy.find({ supportCapacityDays: { $gt: 0 } }, { _id: 1 }).sort({ _id: 1 }).limit(3).lean()).map((a) => String(a._id));
    expect(needIds.length).toBe(10);
    expect(academyIds.length).toBeGreaterThan(0);
    const run = async () => {
      const out: unknown[] = [];
      for (const id of needIds) out.push(comparable(await rankCandidates(id, 'STAFF', 15, NOW)), comparable(await rankCandidates(id, 'ACADEMY', 5, NOW)));
      for (const id of staffIds) out.push(comparable(await rankNeedsForStaff(id, 10, NOW)));
      for (const id of academyIds) out.push(comparable(await rankNeedsForAcademy(id, 10, NOW)));
      return out;
    };
    const fromDatabase = await withCopies(false, run);
    const fromCopies = await withCopies(true, run);
    // Not vacuous: candidates were found.
    expect(fromDatabase.some((r: any) => r?.candidates?.length > 0)).toBe(true);
    expect(fromCopies).toEqual(fromDatabase);
  });
});

describe('rankings from the copies, with leavers and time windows', () => {
  it('still agree with the database when some staff have left, some state availability and some needs have windows', async () => {
    const staff = (await StaffMember.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((s) => s._id);
    const needs = (await ImprovementNeed.find({ status: 'OPEN' }, { _id: 1 }).sort({ _id: 1 }).lean()).map((n) => n._id);
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    await StaffMember.updateMany({ _id: { $in: staff.filter((_, i) => i % 7 === 0) } }, { $set: { leftAt: NOW } });
    await StaffMember.updateMany({ _id: { $in: staff.filter((_, i) => i % 3 === 1) } }, { $set: { availability: [{ from: day('2027-04-12'), to: day('2027-07-21') }] } });
    await ImprovementNeed.updateMany({ _id: { $in: needs.filter((_, i) => i % 2 === 0) } }, { $set: { windowStart: day('2027-09-01'), windowEnd: day('2027-12-17') } });
    // Receiving schools' impact ratings (domain/impact.ts): beside the supporter's on some
    // completed deployments, alone on others.
    const completedDocs = await Deployment.find({ status: 'COMPLETED', staffId: { $ne: null } }, { _id: 1, staffId: 1 }).sort({ _id: 1 }).lean();
    const completed = completedDocs.map((d) => d._id);
    expect(completed.length).toBeGreaterThan(3);
    const rated = { rating: 1, evidence: 'Little changed in the classroom', by: { sub: 'test', role: 'ADMIN' }, at: NOW };
    await Deployment.updateMany({ _id: { $in: completed.filter((_, i) => i % 2 === 0) } }, { $set: { receivingImpact: rated } });
    await Deployment.updateMany({ _id: { $in: completed.filter((_, i) => i % 4 === 0) } }, { $set: { impactRating: null } });
    // Schools' whole-school support days in other years (docs/school-year.md): some with next
    // year's days all reserved, some whose open year is still last year.
    const offering = await Academy.find({ supportCapacityDays: { $gt: 0 } }, { _id: 1, supportCapacityDays: 1 }).sort({ _id: 1 }).lean();
    const year = schoolYearOf(NOW);
    for (const [i, a] of offering.entries()) {
      if (i % 3 === 0) await Academy.updateOne({ _id: a._id }, { $set: { supportCapacityYear: year.label, supportOtherYears: { [yearKey({ startYear: year.startYear + 1 })]: { committed: a.supportCapacityDays } } } });
      if (i % 3 === 1) await Academy.updateOne({ _id: a._id }, { $set: { supportCapacityYear: schoolYearStarting(year.startYear - 1).label } });
    }
    expect(offering.length).toBeGreaterThan(2);
    const needIds = needs.slice(0, 10).map(String);
    // Leavers among them, and supporters whose track record has receiving schools' ratings.
    const staffIds = [...staff.slice(0, 8).map(String), ...completedDocs.filter((_, i) => i % 2 === 0).slice(0, 6).map((d) => String(d.staffId))];
    const run = async () => {
      const out: unknown[] = [];
      for (const id of needIds) out.push(comparable(await rankCandidates(id, 'STAFF', 15, NOW)), comparable(await rankCandidates(id, 'ACADEMY', 5, NOW)));
      for (const id of staffIds) out.push(comparable(await rankNeedsForStaff(id, 10, NOW)));
      return out;
    };
    const fromDatabase = await withCopies(false, run);
    const fromCopies = await withCopies(true, run);
    // Not vacuous: people were ruled out for their availability.
    expect(fromDatabase.some((r: any) => r?.exclusions?.NOT_AVAILABLE_IN_WINDOW > 0)).toBe(true);
    // Not vacuous: schools were ranked for needs of next year too.
    expect(fromDatabase.some((r: any) => r?.schoolYear?.startYear === year.startYear + 1 && r.candidates.length > 0 && r.candidates[0].supporter.kind === 'ACADEMY')).toBe(true);
    expect(fromCopies).toEqual(fromDatabase);
  });
});

// Filters of the shapes the service builds (pagination, loaders, filters on lists).
const needFilter = (academyIds: mongoose.Types.ObjectId[]): fc.Arbitrary<Record<string, unknown>> => {
  const leaf = fc.oneof(
    fc.constantFrom('MATHS', 'ENGLISH', 'SEND', 'LEADERSHIP', 'NOT_AN_AREA').map((area) => ({ area })),
    fc.subarray(['OPEN', 'MATCHED', 'MET', 'IN_PROGRESS']).map((s) => ({ status: { $in: s } })),
    fc.constantFrom('LOW', 'MEDIUM', 'HIGH', 'CRITICAL').map((severity) => ({ severity: { $ne: severity } })),
    fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), fc.double({ min: 0, max: 1, noNaN: true })).map(([op, v]) => ({ priority: { [op]: v } })),
    fc.subarray(academyIds, { maxLength: 30 }).map((ids) => ({ academyId: { $in: ids } })),
    fc.constantFrom('PRIMARY', 'SECONDARY', 'SPECIAL').map((phase) => ({ phase })),
  );
  return fc.oneof(
    leaf,
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((parts) => ({ $and: parts })),
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((parts) => ({ $or: parts })),
  );
};
const needSort = fc.constantFrom<SortSpec>({ priority: -1, _id: 1 }, { raisedAt: 1, _id: 1 }, { raisedAt: -1, _id: -1 }, { _id: 1 }, { severity: 1, _id: -1 });

const academyFilter = fc.oneof(
  fc.constant({}),
  fc.constantFrom('oak', 'saint', 'academy', 'é', '(').map((part) => ({ name: new RegExp(part.replace(/[()]/g, '\\$&'), 'i') })),
  fc.constant({ trustId: null }),
  fc.constant({ trustId: { $ne: null } }),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), fc.integer({ min: 0, max: 80 })).map(([op, v]) => ({ fsmPercent: { [op]: v } })),
  fc.constant({ fsmPercent: null }),
  // A keyset cursor after a name. Names are stored as server/domain/names.ts writes them:
  // whitespace collapsed and trimmed, so a cursor never starts or ends with a space. (FerretDB
  // 1.24 also compares such a string as if trimmed: `{ name: { $gt: " B" } }` skipped "Abbey
  // Academy", which MongoDB's binary order, and the copy, put first.)
  fc.string({ maxLength: 3 }).map((name) => name.replace(/\s+/gu, ' ').trim()).map((name) => ({ $or: [{ name: { $gt: name } }, { name, _id: { $gt: new mongoose.Types.ObjectId('000000000000000000000000') } }] })),
);
const academySort = fc.constantFrom<SortSpec>({ name: 1, _id: 1 }, { name: -1, _id: -1 }, { fsmPercent: -1, _id: 1 }, { urn: 1, _id: 1 });

async function samePage(model: Model<any>, filter: Record<string, unknown>, sort: SortSpec, limit: number): Promise<void> {
  const fromDatabase = (await model.find(filter).sort(sort).limit(limit).lean()).map((d: any) => String(d._id));
  setReadCacheMode('on');
  try {
    const fromCopy = await findInCopy<any>(model, filter, { sort, limit });
    expect(fromCopy).toBeDefined();
    expect({ filter, sort, ids: fromCopy!.map((d) => String(d._id)) }).toEqual({ filter, sort, ids: fromDatabase });
  } finally {
    setReadCacheMode('auto');
  }
}

describe('pages from the copies', () => {
  it('hold the documents, in the order, that the database returns for generated need filters and sorts', async () => {
    const academyIds = (await ImprovementNeed.distinct('academyId')) as mongoose.Types.ObjectId[];
    await fc.assert(
      fc.asyncProperty(needFilter(academyIds), needSort, fc.integer({ min: 1, max: 60 }), (filter, sort, limit) => samePage(ImprovementNeed, filter, sort, limit)),
      { numRuns: 40 },
    );
  });

  it('hold the documents, in the order, that the database returns for generated academy filters and sorts', async () => {
    await fc.assert(
      fc.asyncProperty(academyFilter, academySort, fc.integer({ min: 1, max: 60 }), (filter, sort, limit) => samePage(Academy, filter, sort, limit)),
      { numRuns: 30 },
    );
  });
});

/** The first windows of a keyset list (at most `windows`), each after the last record of the one before. */
async function walk(list: (after: string | null) => Promise<{ _id: unknown }[]>, size: number, encode: (doc: any) => string, windows = 4): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let n = 0; n < windows; n += 1) {
    const page = await list(after);
    ids.push(...page.map((d) => String(d._id)));
    if (page.length < size) return ids;
    after = encode(page[page.length - 1]);
  }
  return ids;
}

describe('keyset windows from the copies', () => {
  it('start after their cursor (a binary search of the ordered copy) and give the database’s windows, ties included', async () => {
    const sorts: SortKey[][] = [
      [{ field: 'phase', direction: 1, kind: 'string' }],
      [{ field: 'phase', direction: -1, kind: 'string' }],
      [{ field: 'name', direction: 1, kind: 'string' }],
      [{ field: 'urn', direction: -1, kind: 'string' }],
    ];
    await fc.assert(
      fc.asyncProperty(academyFilter, fc.constantFrom(...sorts), fc.integer({ min: 1, max: 40 }), async (filter, sort, size) => {
        const encode = (doc: any) => encodeCursor(doc, sort);
        const window = (after: string | null) => ({ after, limit: size, inverted: false });
        setReadCacheMode('on');
        let fromCopy: string[];
        try {
          fromCopy = await walk((after) => stores.academies.list(filter, sort, window(after)), size, encode);
        } finally {
          setReadCacheMode('auto');
        }
        const fromDatabase = await walk((after) => databaseStores.academies.list(filter, sort, window(after)), size, encode);
        expect({ filter, sort, size, ids: fromCopy }).toEqual({ filter, sort, size, ids: fromDatabase });
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});

describe('reads and writes interleaved through the API (copies on, as with the embedded database)', () => {
  it('reads running alongside writes never miss documents that were there before, and each finished write is seen by the next read', async () => {
    setReadCacheMode('on');
    try {
      const admin = await api.token('ADMIN');
      const list = `{ trusts(first: 100, filter: { nameContains: "Interleaved" }) { edges { node { name } } } }`;
      await createTrust(api, admin, 'Interleaved Trust 0');
      const before = await api.gql(list, {}, { token: admin });
      expect(before.data.trusts.edges).toHaveLength(1);
      // A fresh copy on every round: the first load races the writes too.
      for (let round = 1; round <= 3; round += 1) {
        setReadCacheMode('on');
        const answers = await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            if (i % 4 === 3) {
              const name = `Interleaved Trust ${round}-${i}`;
              await createTrust(api, admin, name);
              // Started after the write finished: must see it.
              const after = await api.gql(list, {}, { token: admin });
              return { wrote: name, seen: after.data.trusts.edges.map((e: any) => e.node.name) as string[] };
            }
            const read = await api.gql(list, {}, { token: admin });
            return { wrote: null, seen: read.data.trusts.edges.map((e: any) => e.node.name) as string[] };
          }),
        );
        for (const answer of answers) {
          expect(answer.seen).toContain('Interleaved Trust 0');
          if (answer.wrote) expect(answer.seen).toContain(answer.wrote);
        }
      }
    } finally {
      setReadCacheMode('auto');
    }
  });

  it('a reservation made by proposeDeployment is seen by the next ranking, and a cancellation releases it', async () => {
    setReadCacheMode('on');
    try {
      const admin = await api.token('ADMIN');
      const trustId = await createTrust(api, admin, 'Freshness Trust');
      const school = await createAcademy(api, admin, { trustId, fsmPercent: 40 });
      const home = await createAcademy(api, admin, { trustId, latitude: 50.41, longitude: -4.67 });
      const person = await createStaff(api, admin, home, { capacityDays: 6 });
      const need = await raiseNeed(api, admin, school, { daysRequested: 4 });
      const rank = `query ($id: ID!) { rankCandidates(needId: $id, kind: STAFF, first: 100) { candidates { candidate { ... on StaffMember { id remainingDays } } } } }`;
      const daysOf = async () =>
        (await api.gql(rank, { id: need.id }, { token: admin })).data.rankCandidates.candidates.find((c: any) => c.candidate.id === person.id)?.candidate.remainingDays;
      expect(await daysOf()).toBe(6);
      const proposed = await api.gql(
        `mutation ($input: ProposeDeploymentInput!) { proposeDeployment(input: $input) { deployment { id } userErrors { message } } }`,
        { input: { needId: need.id, staffId: person.id, days: 4 } },
        { token: admin },
      );
      expect(proposed.data.proposeDeployment.userErrors).toEqual([]);
      const staffDays = `query ($id: ID!) { node(id: $id) { ... on StaffMember { remainingDays } } }`;
      expect((await api.gql(staffDays, { id: person.id }, { token: admin })).data.node.remainingDays).toBe(2);
      const cancelled = await api.gql(
        `mutation ($input: DeploymentIdInput!) { cancelDeployment(input: $input) { deployment { status } userErrors { message } } }`,
        { input: { id: proposed.data.proposeDeployment.deployment.id} },
        { token: admin },
      );
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data.cancelDeployment).toEqual({ deployment: { status: 'CANCELLED' }, userErrors: [] });
      expect(await daysOf()).toBe(6);
    } finally {
      setReadCacheMode('auto');
    }
  });

  it('see writes made by another process once it announces them, as import:gias, seed and generate do', async () => {
    setReadCacheMode('on');
    setExternalWriteCheckInterval(0); // look on every read (the server looks every 2 s)
    try {
      const admin = await api.token('ADMIN');
      const list = `{ trusts(first: 10, filter: { nameContains: "Elsewhere" }) { edges { node { name } } } }`;
      const names = async () => (await api.gql(list, {}, { token: admin })).data.trusts.edges.map((e: any) => e.node.name);
      expect(await names()).toEqual([]);
      // Another process's write: through the driver directly, which this process does not hear.
      const actor = { sub: 'other-process', role: 'SYSTEM' };
      await mongoose.connection.db!.collection('trusts').insertOne({ name: 'Written Elsewhere Trust', nameKey: 'written elsewhere trust', createdBy: actor, updatedBy: actor });
      expect(await names()).toEqual([]);
      await recordExternalWrites(['trusts']);
      expect(await names()).toEqual(['Written Elsewhere Trust']);
    } finally {
      setExternalWriteCheckInterval(2_000);
      setReadCacheMode('auto');
    }
  });

  it('are told about a GIAS import (which normally runs as its own command)', async () => {
    const before = (await readWriteEpochs()).academies ?? 0;
    await importGiasFile(join(__dirname, '../fixtures/gias/edubasealldata-sample.csv'));
    expect((await readWriteEpochs()).academies).toBe(before + 1);
  });

  it('are not consulted when switched off (readCopy answers null, so every read goes to the database)', async () => {
    setReadCacheMode('off');
    try {
      expect(await readCopy(Academy)).toBeNull();
    } finally {
      setReadCacheMode('auto');
    }
  });
});
