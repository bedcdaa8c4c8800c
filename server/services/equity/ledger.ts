// The equity ledger of a trust (or one of its hubs) for a school year: loads the records the
// ledger counts and hands them to the arithmetic (ledger-figures.ts). Definitions in
// docs/equity.md. For the GraphQL field and for the board report: plain data in and out.
import type { Viewer } from '../../auth/viewer';
import { policy } from '../../auth/policy';
import { stores } from '../../db/store';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../domain/errors';
import type { FsmBanding } from '../../domain/fsm-bands';
import { isRecordId } from '../../domain/ids';
import { type SchoolYear, schoolYearOf } from '../../domain/school-year';
import { atEitherSide, deploymentDateClause, schoolYearOrThrow } from '../deployment-scope';
import { currentFsmBanding } from '../fsm-banding';
import { computeLedger, type LedgerDeployment, type LedgerFigures, type LedgerSchool } from './ledger-figures';

export interface EquityLedgerQuery {
  /** Raw record ids. */
  trustId: string;
  hubId?: string | null;
  /** "2026/27"; default the school year of `now`. */
  schoolYear?: string | null;
}

export interface EquityLedger extends LedgerFigures {
  trustId: string;
  hubId: string | null;
  schoolYear: SchoolYear;
  banding: FsmBanding;
  /** Always false: only COMPLETED support is delivered; ACTIVE days are reported as under way. */
  countsActiveAsDelivered: false;
}

/**
 * The ledger, for the trust's improvement lead, the hub's executive head (with hubId), or
 * ADMIN. Bad arguments are refused naming the argument; nothing is written.
 */
export async function equityLedger(query: EquityLedgerQuery, viewer: Viewer, now = new Date()): Promise<EquityLedger> {
  const { trustId, hubId = null } = query;
  if (!isRecordId(trustId) || !(await stores.trusts.get(trustId))) throw new NotFoundError('trustId: no Trust with this ID exists', 'trustId');
  if (hubId !== null) {
    const hub = isRecordId(hubId) ? await stores.clusters.get(hubId) : null;
    if (!hub) throw new NotFoundError('hubId: no hub (Cluster) with this ID exists', 'hubId');
    if (String(hub.trustId) !== trustId) throw new InvalidInputError('hubId: this hub is not one of the trust’s', 'hubId');
  }
  if (!policy.arrangeSupportFor(viewer, { academyId: '', trustId, clusterId: hubId })) {
    throw new ForbiddenError("the equity ledger is for the trust's improvement lead, the hub's executive head (for their hub), or ADMIN");
  }
  const year = query.schoolYear != null ? schoolYearOrThrow(query.schoolYear, 'schoolYear') : schoolYearOf(now);
  const banding = await currentFsmBanding();

  const trustSchools = (await stores.academies.find({ trustId })).map(toLedgerSchool);
  const scope = hubId === null ? trustSchools : (await stores.academies.find({ clusterId: hubId })).map(toLedgerSchool);
  const scopeIds = new Set(scope.map((s) => s.id));
  const inYear = deploymentDateClause(year.start, year.end)!;

  const records = await stores.deployments.find({
    $and: [await atEitherSide([...scopeIds]), { status: { $in: ['COMPLETED', 'ACTIVE'] } }, inYear],
  });
  const homes = await supporterHomes(records.map((d) => d.staffId).filter((id) => id != null).map(String));
  const deployments: LedgerDeployment[] = records.map((d) => ({
    id: String(d._id),
    status: d.status as 'COMPLETED' | 'ACTIVE',
    days: d.days,
    area: d.area,
    receivingAcademyId: String(d.receivingAcademyId),
    supporterAcademyId: d.supportingAcademyId ? String(d.supportingAcademyId) : (homes.get(String(d.staffId)) ?? null),
  }));

  const needs = await stores.needs.find({ academyId: { $in: [...scopeIds] }, raisedAt: { $gte: year.start, $lte: endOfDay(year.end) } });
  const schools = new Map<string, LedgerSchool>([...trustSchools, ...scope].map((s) => [s.id, s]));
  const others = [...new Set(deployments.flatMap((d) => [d.receivingAcademyId, d.supporterAcademyId]))].filter((id): id is string => id !== null && !schools.has(id));
  for (const school of await stores.academies.getMany(others)) if (school) schools.set(String(school._id), toLedgerSchool(school));

  const areas = [...new Set(deployments.filter((d) => d.status === 'COMPLETED' && scopeIds.has(d.receivingAcademyId)).map((d) => d.area))];
  const ableByArea = await ableSchools(trustSchools, areas);

  const figures = computeLedger({ banding, scopeIds, schools, deployments, needs: needs.map((n) => ({ academyId: String(n.academyId), daysRequested: n.daysRequested })), ableByArea });
  return { ...figures, trustId, hubId, schoolYear: year, banding, countsActiveAsDelivered: false };
}

function toLedgerSchool(a: { _id: unknown; urn: string; fsmPercent?: number | null; latitude?: number | null; longitude?: number | null; trustId?: unknown }): LedgerSchool {
  return { id: String(a._id), urn: a.urn, fsmPercent: a.fsmPercent ?? null, latitude: a.latitude ?? null, longitude: a.longitude ?? null, trustId: a.trustId ? String(a.trustId) : null };
}

const endOfDay = (day: Date) => new Date(day.getTime() + 24 * 60 * 60 * 1000 - 1);

async function supporterHomes(staffIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(staffIds)];
  const staff = await stores.staff.getMany(unique);
  return new Map(staff.filter((s) => s !== null).map((s) => [String(s!._id), String(s!.homeAcademyId)]));
}

/** For each area, the trust's schools with a current staff member (not left) holding expertise in it. */
async function ableSchools(trustSchools: LedgerSchool[], areas: string[]): Promise<Map<string, LedgerSchool[]>> {
  const result = new Map<string, LedgerSchool[]>(areas.map((a) => [a, []]));
  if (areas.length === 0 || trustSchools.length === 0) return result;
  const byId = new Map(trustSchools.map((s) => [s.id, s]));
  const staff = await stores.staff.find({ homeAcademyId: { $in: [...byId.keys()] }, leftAt: null, expertiseAreas: { $in: areas } }, { projection: { homeAcademyId: 1, expertiseAreas: 1 } });
  const seen = new Set<string>();
  for (const person of staff) {
    for (const area of person.expertiseAreas ?? []) {
      const key = `${area}:${String(person.homeAcademyId)}`;
      const school = byId.get(String(person.homeAcademyId));
      if (!school || !result.has(area) || seen.has(key)) continue;
      seen.add(key);
      result.get(area)!.push(school);
    }
  }
  return result;
}
