// The ranking requests' inputs: open needs and staff spread over the whole dataset.
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { readCopy } from '../../server/db/read-cache';
import { log } from './log';

export interface RankingInputs {
  /** Open needs' ids. */
  needSample: string[];
  /** Staff members' ids. */
  staffSample: string[];
}

/** Up to `samples` of each, evenly spaced in id order (from the copies when they are used). */
export async function sampleInputs(copiesUsed: boolean, samples: number): Promise<RankingInputs> {
  const openNeeds = copiesUsed
    ? (await readCopy<any>(ImprovementNeed))!.all().filter((n) => n.status === 'OPEN').map((n) => String(n._id)).sort()
    : (await ImprovementNeed.find({ status: 'OPEN' }, { _id: 1 }).sort({ _id: 1 }).lean()).map((n) => String(n._id));
  const staffIds = copiesUsed
    ? (await readCopy<any>(StaffMember))!.all().map((s) => String(s._id)).sort()
    : (await StaffMember.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((s) => String(s._id));
  const needSample = evenlySpaced(openNeeds, samples);
  const staffSample = evenlySpaced(staffIds, samples);
  log(`inputs: ${needSample.length} of ${openNeeds.length} open needs, ${staffSample.length} of ${staffIds.length} staff`);
  return { needSample, staffSample };
}

function evenlySpaced<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}
