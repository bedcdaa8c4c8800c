// Loads supporters (staff, or academies as a whole) as the pure ranking's SupporterProfile,
// with the few batched queries the facts need: home academies, track record, live
// deployments and the home schools' own high-severity needs.
import type { Types } from 'mongoose';
import type { ExpertiseLevel } from '../domain/enums';
import { EXPERTISE_LEVELS } from '../domain/enums';
import type { ExpertiseArea } from '../domain/taxonomy';
import { Academy, type AcademyRecord } from '../models/academy';
import { Deployment } from '../models/deployment';
import { ImprovementNeed } from '../models/improvement-need';
import type { StaffMemberRecord } from '../models/staff-member';
import { StaffMember } from '../models/staff-member';
import type { AcademyProfile, ExpertiseEntry, ImpactRecord, SupporterProfile } from '../ranking/types';
import type { LeanDoc } from './lean';
import { academyProfile } from './profiles';

export const LIVE_DEPLOYMENT_STATUSES = ['PROPOSED', 'AGREED', 'ACTIVE'];
export const LIVE_NEED_STATUSES = ['OPEN', 'MATCHED', 'IN_PROGRESS'];
const HIGH_SEVERITIES = ['HIGH', 'CRITICAL'];

type StaffLean = LeanDoc<StaffMemberRecord>;
type AcademyLean = LeanDoc<AcademyRecord>;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

async function homeFacts(academyIds: Types.ObjectId[], areas: ExpertiseArea[] | null) {
  const needFilter: Record<string, unknown> = { academyId: { $in: academyIds }, status: { $in: LIVE_NEED_STATUSES }, severity: { $in: HIGH_SEVERITIES } };
  if (areas) needFilter.area = { $in: areas };
  const [academies, highNeeds] = await Promise.all([
    Academy.find({ _id: { $in: academyIds } }).lean() as Promise<AcademyLean[]>,
    ImprovementNeed.find(needFilter, { academyId: 1, area: 1 }).lean(),
  ]);
  const profiles = new Map<string, AcademyProfile>(academies.map((a) => [a._id.toString(), academyProfile(a)]));
  const highAreas = new Map<string, ExpertiseArea[]>();
  for (const n of highNeeds) {
    const k = n.academyId.toString();
    highAreas.set(k, [...(highAreas.get(k) ?? []), n.area as ExpertiseArea]);
  }
  return { academies, profiles, highAreas };
}

function impactsOf(deployments: { area: string; impactRating?: number | null }[]): ImpactRecord[] {
  return deployments
    .filter((d) => d.impactRating != null)
    .map((d) => ({ area: d.area as ExpertiseArea, impactRating: d.impactRating as ImpactRecord['impactRating'] }));
}

/** Staff as supporters. `areas` limits the facts loaded to what the ranking will look at. */
export async function staffProfiles(staff: StaffLean[], areas: ExpertiseArea[] | null): Promise<Map<string, { profile: SupporterProfile; doc: StaffLean }>> {
  if (!staff.length) return new Map();
  const staffIds = staff.map((s) => s._id);
  const homeIds = [...new Map(staff.map((s) => [s.homeAcademyId.toString(), s.homeAcademyId as Types.ObjectId])).values()];
  const deploymentFilter: Record<string, unknown> = { staffId: { $in: staffIds }, status: { $in: ['COMPLETED', ...LIVE_DEPLOYMENT_STATUSES] } };
  if (areas) deploymentFilter.area = { $in: areas };
  const [home, deployments] = await Promise.all([
    homeFacts(homeIds, areas),
    Deployment.find(deploymentFilter, { staffId: 1, needId: 1, area: 1, status: 1, impactRating: 1 }).lean(),
  ]);
  const byStaff = groupBy(deployments, (d) => String(d.staffId));
  const result = new Map<string, { profile: SupporterProfile; doc: StaffLean }>();
  for (const s of staff) {
    const homeProfile = home.profiles.get(s.homeAcademyId.toString());
    if (!homeProfile) continue; // a dangling home academy cannot be placed on the map
    const mine = byStaff.get(s._id.toString()) ?? [];
    result.set(s._id.toString(), {
      doc: s,
      profile: {
        kind: 'STAFF',
        id: s._id.toString(),
        name: s.name,
        homeAcademy: homeProfile,
        expertise: (s.expertise ?? []).map((e) => ({ area: e.area as ExpertiseArea, level: e.level, phases: e.phases ?? [], evidence: e.evidence ?? null })),
        designations: s.designations ?? [],
        remainingDays: s.remainingDays,
        maxTravelKm: s.maxTravelKm ?? null,
        safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ?? null,
        trackRecord: impactsOf(mine.filter((d) => d.status === 'COMPLETED')),
        supportingNeedIds: mine.filter((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status)).map((d) => d.needId.toString()),
        homeOpenHighSeverityAreas: home.highAreas.get(s.homeAcademyId.toString()) ?? [],
      },
    });
  }
  return result;
}

const levelRank = (level: ExpertiseLevel) => EXPERTISE_LEVELS.indexOf(level);

/** Academies as supporters: their expertise is the best entry per area among their staff. */
export async function academyProfiles(academies: AcademyLean[], areas: ExpertiseArea[] | null): Promise<Map<string, { profile: SupporterProfile; doc: AcademyLean }>> {
  if (!academies.length) return new Map();
  const ids = academies.map((a) => a._id);
  const staffFilter: Record<string, unknown> = { homeAcademyId: { $in: ids } };
  if (areas) staffFilter.expertiseAreas = { $in: areas };
  const deploymentFilter: Record<string, unknown> = { supportingAcademyId: { $in: ids }, status: { $in: ['COMPLETED', ...LIVE_DEPLOYMENT_STATUSES] } };
  if (areas) deploymentFilter.area = { $in: areas };
  const [home, staff, deployments] = await Promise.all([
    homeFacts(ids, areas),
    StaffMember.find(staffFilter, { homeAcademyId: 1, expertise: 1, designations: 1 }).lean(),
    Deployment.find(deploymentFilter, { supportingAcademyId: 1, needId: 1, area: 1, status: 1, impactRating: 1 }).lean(),
  ]);
  const staffByAcademy = groupBy(staff, (s) => s.homeAcademyId.toString());
  const deploymentsByAcademy = groupBy(deployments, (d) => String(d.supportingAcademyId));
  const result = new Map<string, { profile: SupporterProfile; doc: AcademyLean }>();
  for (const a of academies) {
    const id = a._id.toString();
    const best = new Map<string, ExpertiseEntry>();
    const designations = new Set<SupporterProfile['designations'][number]>();
    for (const s of staffByAcademy.get(id) ?? []) {
      for (const e of s.expertise ?? []) {
        if (areas && !areas.includes(e.area as ExpertiseArea)) continue;
        const current = best.get(e.area);
        const phases = [...new Set([...(current?.phases ?? []), ...(e.phases ?? [])])];
        if (!current || levelRank(e.level) > levelRank(current.level)) best.set(e.area, { area: e.area as ExpertiseArea, level: e.level, phases, evidence: e.evidence ?? null });
        else current.phases = phases;
      }
      for (const d of s.designations ?? []) designations.add(d);
    }
    const mine = deploymentsByAcademy.get(id) ?? [];
    result.set(id, {
      doc: a,
      profile: {
        kind: 'ACADEMY',
        id,
        name: a.name,
        homeAcademy: home.profiles.get(id)!,
        expertise: [...best.values()],
        designations: [...designations],
        remainingDays: a.supportRemainingDays ?? 0,
        maxTravelKm: null,
        safeguardingCheckExpiresOn: null,
        trackRecord: impactsOf(mine.filter((d) => d.status === 'COMPLETED')),
        supportingNeedIds: mine.filter((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status)).map((d) => d.needId.toString()),
        homeOpenHighSeverityAreas: home.highAreas.get(id) ?? [],
      },
    });
  }
  return result;
}
