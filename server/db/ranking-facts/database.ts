// Ranking facts from the database (MongoDB): index-backed pre-filters, and counts of what
// they leave out taken by the database without loading those records.
import type { Types } from 'mongoose';
import { LIVE_DEPLOYMENT_STATUSES, LIVE_NEED_STATUSES } from '../../domain/statuses';
import type { ExpertiseArea } from '../../domain/taxonomy';
import { staffLeftOut } from '../../ranking/pools';
import type { AcademyProfile, NeedProfile } from '../../ranking/types';
import { type AcademyDoc, databaseStores as db, type NeedDoc, type StaffDoc } from '../store';
import { academyProfile, needProfile } from './profiles';
import {
  ACADEMY_PROFILE_FIELDS,
  academyPoolOf,
  academySupporters,
  type DeploymentFacts,
  expertiseEntries,
  groupBy,
  HIGH_SEVERITIES,
  impactsOf,
  IN_POST,
  availabilityOf,
  profileInYear,
  STAFF_CAPACITY_FIELDS,
  supportDaysLeftIn,
  type StaffExpertiseDoc,
  TRACKED_DEPLOYMENT_STATUSES,
} from './shared';
import type { CandidatePool, OpenNeeds, RankingFacts, Supporter } from './types';

/** Academies offering whole-school support are those that set support days. */
const OFFERS_SUPPORT = { supportCapacityDays: { $gt: 0 } };

/** What the ranking reads of a staff member (a projection for database reads). */
const STAFF_RANKING_FIELDS = {
  name: 1,
  homeAcademyId: 1,
  expertise: 1,
  designations: 1,
  maxTravelKm: 1,
  safeguardingCheckExpiresOn: 1,
  availability: 1,
  ...STAFF_CAPACITY_FIELDS,
} as const;

interface HomeFacts {
  profiles: Map<string, AcademyProfile>;
  highAreas: Map<string, ExpertiseArea[]>;
}

async function homeFacts(academyIds: Types.ObjectId[], areas: ExpertiseArea[] | null): Promise<HomeFacts> {
  const profiles = new Map<string, AcademyProfile>();
  const highAreas = new Map<string, ExpertiseArea[]>();
  const needFilter: Record<string, unknown> = { academyId: { $in: academyIds }, status: { $in: LIVE_NEED_STATUSES }, severity: { $in: HIGH_SEVERITIES } };
  if (areas) needFilter.area = { $in: areas };
  const [academies, highNeeds] = await Promise.all([
    db.academies.find({ _id: { $in: academyIds } }, { projection: ACADEMY_PROFILE_FIELDS }),
    db.needs.find(needFilter, { projection: { academyId: 1, area: 1 } }),
  ]);
  for (const a of academies) profiles.set(a._id.toString(), academyProfile(a));
  for (const n of highNeeds) {
    const k = n.academyId.toString();
    highAreas.set(k, [...(highAreas.get(k) ?? []), n.area as ExpertiseArea]);
  }
  return { profiles, highAreas };
}

/** Completed and live deployments of these supporters, limited to the areas when given. */
async function deploymentsOf(field: 'staffId' | 'supportingAcademyId', ids: Types.ObjectId[], areas: ExpertiseArea[] | null): Promise<DeploymentFacts[]> {
  const filter: Record<string, unknown> = { [field]: { $in: ids }, status: { $in: TRACKED_DEPLOYMENT_STATUSES } };
  if (areas) filter.area = { $in: areas };
  return db.deployments.find(filter, { projection: { staffId: 1, supportingAcademyId: 1, needId: 1, area: 1, status: 1, impactRating: 1, receivingImpact: 1 } });
}

async function staffOfAcademies(ids: Types.ObjectId[], areas: ExpertiseArea[] | null): Promise<StaffExpertiseDoc[]> {
  // A school's expertise is that of its people in post.
  const filter: Record<string, unknown> = { homeAcademyId: { $in: ids }, ...IN_POST };
  if (areas) filter.expertiseAreas = { $in: areas };
  return db.staff.find(filter, { projection: { homeAcademyId: 1, expertise: 1, designations: 1 } });
}

async function staffProfiles(staff: StaffDoc[], areas: ExpertiseArea[] | null): Promise<Map<string, Supporter<StaffDoc>>> {
  if (!staff.length) return new Map();
  const staffIds = staff.map((s) => s._id);
  const homeIds = [...new Map(staff.map((s) => [s.homeAcademyId.toString(), s.homeAcademyId as Types.ObjectId])).values()];
  const [home, deployments] = await Promise.all([homeFacts(homeIds, areas), deploymentsOf('staffId', staffIds, areas)]);
  const byStaff = groupBy(deployments, (d) => String(d.staffId));
  const result = new Map<string, Supporter<StaffDoc>>();
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
        expertise: expertiseEntries(s),
        designations: s.designations ?? [],
        remainingDays: s.remainingDays,
        maxTravelKm: s.maxTravelKm ?? null,
        safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ?? null,
        availability: availabilityOf(s),
        trackRecord: impactsOf(mine.filter((d) => d.status === 'COMPLETED')),
        supportingNeedIds: mine.filter((d) => LIVE_DEPLOYMENT_STATUSES.includes(d.status)).map((d) => d.needId.toString()),
        homeOpenHighSeverityAreas: home.highAreas.get(s.homeAcademyId.toString()) ?? [],
      },
    });
  }
  return result;
}

async function academyProfiles(academies: AcademyDoc[], areas: ExpertiseArea[] | null): Promise<Map<string, Supporter<AcademyDoc>>> {
  if (!academies.length) return new Map();
  const ids = academies.map((a) => a._id);
  const [home, staff, deployments] = await Promise.all([homeFacts(ids, areas), staffOfAcademies(ids, areas), deploymentsOf('supportingAcademyId', ids, areas)]);
  return academySupporters(academies, areas, { ...home, staff, deployments });
}

export const databaseFacts: RankingFacts = {
  fromCopies: false,

  need: (id) => db.needs.get(id),
  academy: (id) => db.academies.get(id),
  staffMember: (id) => db.staff.get(id),

  async staffPool(area, threshold, year) {
    // Index { expertiseAreas, remainingDays }: only people with the area and the days are loaded,
    // and only the fields the ranking reads. Leavers (leftAt set) are no longer supporters:
    // neither ranked nor counted.
    // Two plain queries rather than one $or (mayHaveDaysIn): those whose open year is the
    // need's, by their days; and the few still in another year, whose days are worked out.
    const [population, withArea, inYear, otherYear] = await Promise.all([
      db.staff.count(IN_POST),
      db.staff.count({ expertiseAreas: area, ...IN_POST }),
      db.staff.find({ expertiseAreas: area, remainingDays: { $gte: threshold }, capacityYear: year.label, ...IN_POST }, { projection: STAFF_RANKING_FIELDS }),
      db.staff.find({ expertiseAreas: area, capacityYear: { $ne: year.label }, ...IN_POST }, { projection: STAFF_RANKING_FIELDS }),
    ]);
    const candidates = otherYear.length ? [...inYear, ...otherYear] : inYear; // the ranking orders them itself
    return {
      supporters: [...(await staffProfiles(candidates, [area])).values()].map((s) => ({ doc: s.doc, profile: profileInYear(s.profile, s.doc, year) })),
      leftOut: staffLeftOut({ population, withArea, withDays: candidates.length }),
    };
  },

  async academyPool(area, threshold, year) {
    // Those whose open support year is the need's, by their days; and the few still in
    // another year, whose days in it are worked out (and kept only when they have them).
    const [offering, inYear, otherYear] = await Promise.all([
      db.academies.count(OFFERS_SUPPORT),
      db.academies.find({ ...OFFERS_SUPPORT, supportCapacityYear: year.label, supportRemainingDays: { $gte: threshold } }),
      db.academies.find({ ...OFFERS_SUPPORT, supportCapacityYear: { $ne: year.label } }),
    ]);
    const withDays = [...inYear, ...otherYear.filter((a) => supportDaysLeftIn(a, year) >= threshold)];
    const lackingDaysWithArea = async () => {
      const having = new Set(withDays.map((a) => a._id.toString()));
      const homes = (await db.staff.distinct('homeAcademyId', { expertiseAreas: area, ...IN_POST })).filter((id) => !having.has(String(id)));
      return db.academies.count({ ...OFFERS_SUPPORT, _id: { $in: homes } });
    };
    return academyPoolOf(area, year, offering, withDays, lackingDaysWithArea, academyProfiles);
  },

  async candidateDocuments(pool: CandidatePool<StaffDoc | AcademyDoc>, kind, ids) {
    const documents = new Map<string, StaffDoc | AcademyDoc>(pool.supporters.filter((s) => ids.has(s.profile.id)).map((s) => [s.profile.id, s.doc]));
    if (kind === 'STAFF' && ids.size) {
      // Staff were read with the ranking's fields only; the returned ones are read whole.
      const returned = await db.staff.find({ _id: { $in: [...ids] } });
      for (const doc of returned) documents.set(doc._id.toString(), doc);
    }
    return documents;
  },

  staffProfiles,
  academyProfiles,

  async openNeedsIn(areas): Promise<OpenNeeds> {
    // Only needs still wanting days are candidates; index { status, area, phase }.
    const [open, needs] = await Promise.all([db.needs.count({ status: 'OPEN' }), db.needs.find({ status: 'OPEN', area: { $in: areas } })]);
    const academyIds = [...new Set(needs.map((n) => n.academyId.toString()))];
    const academies = await db.academies.find({ _id: { $in: academyIds } }, { projection: ACADEMY_PROFILE_FIELDS });
    const profiles = new Map(academies.map((a) => [a._id.toString(), academyProfile(a)]));
    const documents = new Map<NeedProfile, NeedDoc>();
    const needProfiles: NeedProfile[] = needs.flatMap((n: NeedDoc) => {
      const a = profiles.get(n.academyId.toString());
      if (!a) return [];
      const profile = needProfile(n, a);
      documents.set(profile, n);
      return [profile];
    });
    return { open, needs, profiles: needProfiles, documentOf: (profile) => documents.get(profile) };
  },
};
