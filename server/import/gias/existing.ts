// What the database already holds, read once per import with one cursor per collection:
// academies' compared fields by URN, every trust's name and code, and every hub's lead. One scan instead of a
// look-up per batch, because FerretDB 1.x (the offline database) uses no index but _id's:
// each `$in` or equality look-up on `urn` scans the whole collection (measured: 2.5 s per
// look-up against 24,000 academies). The import reads this while it checks the file (the
// two overlap: one is the database's work, the other ours). Memory grows with the schools
// in the database (about 10 MB for England's 25,000), not with the size of the file.
import type { Types } from 'mongoose';
import { Academy } from '../../models/academy';
import { Trust } from '../../models/trust';
import { allHubLeads, type LedHub } from '../../services/hub-leads';

export const COMPARED_FIELDS = ['name', 'phase', 'ofstedRating', 'fsmPercent', 'pupils', 'postcode', 'latitude', 'longitude', 'trustId'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** `status` is read for closures (closures.ts), not compared: an establishment row says nothing of it. */
export type ExistingAcademy = { _id: Types.ObjectId; status?: unknown } & Partial<Record<ComparedField, unknown>>;

export interface TrustRow {
  _id: Types.ObjectId;
  nameKey: string;
  gias?: { trustCode?: string } | null;
}

export interface DatabaseState {
  academies: Map<string, ExistingAcademy>;
  trusts: TrustRow[];
  /** Academy id -> the hub it leads: a lead may not be moved to another trust (services/hub-leads.ts). */
  hubLeads: Map<string, LedHub>;
}

export async function readDatabaseState(): Promise<DatabaseState> {
  // At once: the import has two connections (database.ts); on one they simply queue.
  const [academies, trusts, hubLeads] = await Promise.all([loadExistingAcademies(), loadTrusts(), allHubLeads()]);
  return { academies, trusts, hubLeads };
}

async function loadTrusts(): Promise<TrustRow[]> {
  return (await Trust.collection.find({}, { projection: { nameKey: 1, gias: 1 }, batchSize: 5000 }).toArray()) as unknown as TrustRow[];
}

async function loadExistingAcademies(): Promise<Map<string, ExistingAcademy>> {
  const projection = Object.fromEntries([...COMPARED_FIELDS, 'urn', 'status'].map((field) => [field, 1]));
  const byUrn = new Map<string, ExistingAcademy>();
  const cursor = Academy.collection.find({}, { projection, batchSize: 5000 });
  for await (const doc of cursor) byUrn.set(String(doc.urn), compact(doc));
  return byUrn;
}

/** One shape for every entry, and the trust id as its hex string: about half the memory of the driver's objects. */
function compact(doc: Record<string, unknown>): ExistingAcademy {
  return {
    _id: doc._id as Types.ObjectId,
    name: doc.name,
    phase: doc.phase,
    ofstedRating: doc.ofstedRating,
    fsmPercent: doc.fsmPercent,
    pupils: doc.pupils,
    postcode: doc.postcode,
    latitude: doc.latitude,
    longitude: doc.longitude,
    trustId: doc.trustId ? String(doc.trustId) : null,
    status: doc.status ?? 'OPEN',
  };
}

/** The current state of one URN (after losing an insert race to another writer). */
export async function loadExistingAcademy(urn: string): Promise<ExistingAcademy | null> {
  const doc = await Academy.collection.findOne({ urn }, { projection: Object.fromEntries(COMPARED_FIELDS.map((field) => [field, 1])) });
  return doc ? compact(doc) : null;
}
