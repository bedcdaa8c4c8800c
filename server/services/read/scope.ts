// The trust and hub conditions shared by lists of records that belong to an academy (needs
// by academyId, staff by homeAcademyId): "of this trust's (hub's) academies".
import { isRecordId } from '../../domain/ids';
import { stores } from '../../db/store';
import { MATCH_NOTHING } from './filters';

/** Clauses limiting `field` to the academies of the trust and of the hub given (none when neither is). */
export async function academyIdsIn(field: string, f: { trustId?: string | null; clusterId?: string | null }): Promise<Record<string, unknown>[]> {
  const clauses: Record<string, unknown>[] = [];
  for (const key of ['trustId', 'clusterId'] as const) {
    const id = f[key];
    if (id == null) continue;
    if (!isRecordId(id)) clauses.push(MATCH_NOTHING);
    else {
      const academies = await stores.academies.find({ [key]: id }, { projection: { _id: 1 } });
      clauses.push({ [field]: { $in: academies.map((a) => a._id) } });
    }
  }
  return clauses;
}
