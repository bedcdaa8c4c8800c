// The ranking requests' inputs: open needs and staff spread over the whole dataset, and for the
// first-time scenarios the others, in a fixed shuffled order (each is asked for once, so the
// ranking it gets is made for it, not kept from an earlier request).
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { readCopy } from '../../server/db/read-cache';
import { log } from './log';

export interface RankingInputs {
  /** Open needs' ids. */
  needSample: string[];
  /** Staff members' ids. */
  staffSample: string[];
  /** Every other open need, shuffled: none of them ranked before the first-time scenario. */
  freshNeeds: string[];
  /** Other staff members (up to FRESH_STAFF), shuffled. */
  freshStaff: string[];
}

/** Enough staff that the first-time scenario cannot run out at a few thousand requests a second. */
const FRESH_STAFF = 20_000;

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
  const sampledNeeds = new Set(needSample);
  const sampledStaff = new Set(staffSample);
  const freshNeeds = shuffled(openNeeds.filter((id) => !sampledNeeds.has(id)));
  const freshStaff = shuffled(staffIds.filter((id) => !sampledStaff.has(id))).slice(0, FRESH_STAFF);
  log(`inputs: ${needSample.length} of ${openNeeds.length} open needs, ${staffSample.length} of ${staffIds.length} staff; for first-time rankings ${freshNeeds.length} other needs, ${freshStaff.length} other staff`);
  return { needSample, staffSample, freshNeeds, freshStaff };
}

/** A fixed pseudo-random order (Fisher-Yates on a small LCG): the same in every run, spread over areas and schools. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let state = 20_261_129;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function evenlySpaced<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}
