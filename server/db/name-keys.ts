// Records written before names were compared in their normalised form (server/domain/names.ts)
// carry an older key (trusts: the name lower-cased) or none (hubs). Before the unique indexes
// are built, every key is brought up to date, so the indexes hold the rule for old and new
// records alike. Look-alikes already stored (two trusts differing only in spacing, say) cannot
// both have the key: the oldest keeps it, the later ones get their id appended so the index
// builds, and they are returned for the operator to rename or merge.
import type { Model } from 'mongoose';
import { nameKey } from '../domain/names';
import { Cluster } from '../models/cluster';
import { Trust } from '../models/trust';

const UPDATES_PER_COMMAND = 20; // FerretDB 1.x takes at most 20 updates per command

export interface LookAlike {
  collection: string;
  id: string;
  name: string;
  sameAs: string;
}

async function backfill(model: Model<any>, scopeOf: (doc: Record<string, unknown>) => string): Promise<LookAlike[]> {
  const docs = (await model.collection.find({}, { projection: { name: 1, nameKey: 1, trustId: 1 } }).sort({ _id: 1 }).toArray()) as Record<string, any>[];
  const taken = new Map<string, Record<string, any>>();
  const lookAlikes: LookAlike[] = [];
  const updates: object[] = [];
  for (const doc of docs) {
    let key = nameKey(String(doc.name ?? ''));
    const scoped = `${scopeOf(doc)}|${key}`;
    const first = taken.get(scoped);
    if (first) {
      lookAlikes.push({ collection: model.collection.collectionName, id: String(doc._id), name: doc.name, sameAs: String(first._id) });
      key = `${key}#${String(doc._id)}`;
    } else taken.set(scoped, doc);
    if (doc.nameKey !== key) updates.push({ updateOne: { filter: { _id: doc._id }, update: { $set: { nameKey: key } } } });
  }
  for (let i = 0; i < updates.length; i += UPDATES_PER_COMMAND) {
    await model.collection.bulkWrite(updates.slice(i, i + UPDATES_PER_COMMAND) as never, { ordered: true });
  }
  return lookAlikes;
}

export async function backfillNameKeys(): Promise<LookAlike[]> {
  return [...(await backfill(Trust, () => '')), ...(await backfill(Cluster, (doc) => String(doc.trustId)))];
}
