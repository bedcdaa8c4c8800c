// Writes a plain SeedDataset into the database through the models, in batches, resolving
// natural keys (trust key, URN, email) to ids. Used by `npm run seed`, by `npm start` with
// the embedded database, by the national generator and by the tests.
import { Types } from 'mongoose';
import { nameKey } from '../server/domain/names';
import { Academy } from '../server/models/academy';
import { Cluster } from '../server/models/cluster';
import { SYSTEM_ACTOR, type ActorRecord } from '../server/models/common';
import { Deployment } from '../server/models/deployment';
import { ImprovementNeed } from '../server/models/improvement-need';
import { StaffMember } from '../server/models/staff-member';
import { schoolYearOf } from '../server/domain/school-year';
import { Trust } from '../server/models/trust';
import { priorityOf, refreshAllPriorities } from '../server/services/need-priority';
import { recordExternalWrites } from '../server/db/write-epoch';
import { committedDaysByStaff, type SeedDataset } from './dataset';

const BATCH = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface BulkInsertable {
  insertMany(docs: unknown[], options: object): Promise<unknown>;
}

async function insertInBatches(model: BulkInsertable, docs: unknown[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    await model.insertMany(docs.slice(i, i + BATCH), { ordered: false, lean: true });
  }
}

export interface LoadSummary {
  trusts: number;
  academies: number;
  clusters: number;
  staff: number;
  needs: number;
  completedDeployments: number;
}

export async function loadDataset(dataset: SeedDataset, options: { actor?: ActorRecord; now?: Date } = {}): Promise<LoadSummary> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const now = options.now ?? new Date();
  const stamp = { createdBy: actor, updatedBy: actor };

  const trustIds = new Map(dataset.trusts.map((t) => [t.key, new Types.ObjectId()]));
  await insertInBatches(
    Trust as unknown as BulkInsertable,
    dataset.trusts.map((t) => ({ _id: trustIds.get(t.key), name: t.name, nameKey: nameKey(t.name), region: t.region, ...stamp })),
  );

  const academyIds = new Map(dataset.academies.map((a) => [a.urn, new Types.ObjectId()]));
  const clusterIds = new Map(dataset.clusters.map((c) => [c.key, new Types.ObjectId()]));
  const clusterOfAcademy = new Map<string, Types.ObjectId>();
  for (const cluster of dataset.clusters) for (const urn of cluster.memberAcademyUrns) clusterOfAcademy.set(urn, clusterIds.get(cluster.key)!);
  const academyDocs = dataset.academies.map((a) => ({
    _id: academyIds.get(a.urn),
    urn: a.urn,
    name: a.name,
    phase: a.phase,
    ofstedRating: a.ofstedRating,
    fsmPercent: a.fsmPercent,
    pupils: a.pupils,
    postcode: a.postcode,
    latitude: a.latitude,
    longitude: a.longitude,
    trustId: a.trustKey ? trustIds.get(a.trustKey) : null,
    clusterId: clusterOfAcademy.get(a.urn) ?? null,
    supportCapacityDays: a.supportCapacityDays ?? 0,
    supportRemainingDays: a.supportCapacityDays ?? 0,
    ...(a.closedOn ? { status: 'CLOSED' as const, closedOn: new Date(`${a.closedOn}T00:00:00Z`) } : {}),
    ...stamp,
  }));
  await insertInBatches(Academy as unknown as BulkInsertable, academyDocs);
  const academyDocById = new Map(academyDocs.map((a) => [String(a._id), a]));

  const staffIds = new Map(dataset.staff.map((s) => [s.email.toLowerCase(), new Types.ObjectId()]));
  // Remaining days follow from the deployments written below, never from a separate figure.
  const committed = committedDaysByStaff(dataset);
  for (const s of dataset.staff) {
    const given = committed.get(s.email.toLowerCase()) ?? 0;
    if (given > s.capacityDays) throw new Error(`dataset: ${s.email} has ${given} days of deployments but offers only ${s.capacityDays}`);
  }
  await insertInBatches(
    StaffMember as unknown as BulkInsertable,
    dataset.staff.map((s) => ({
      _id: staffIds.get(s.email.toLowerCase()),
      name: s.name,
      email: s.email,
      emailKey: s.email.toLowerCase(),
      role: s.role,
      homeAcademyId: academyIds.get(s.homeAcademyUrn),
      designations: s.designations,
      expertise: s.expertise,
      expertiseAreas: [...new Set(s.expertise.map((e) => e.area))],
      capacityDays: s.capacityDays,
      remainingDays: s.capacityDays - (committed.get(s.email.toLowerCase()) ?? 0),
      // Inserted lean, so the model's defaults do not apply: the days are this school year's.
      capacityYear: schoolYearOf(now).label,
      otherYears: {},
      capacityVersion: 0,
      maxTravelKm: s.maxTravelKm,
      safeguardingCheckExpiresOn: s.safeguardingCheckExpiresOn ? new Date(s.safeguardingCheckExpiresOn) : null,
      ...stamp,
    })),
  );

  await insertInBatches(
    Cluster as unknown as BulkInsertable,
    dataset.clusters.map((c) => ({
      _id: clusterIds.get(c.key),
      name: c.name,
      nameKey: nameKey(c.name),
      trustId: trustIds.get(c.trustKey),
      leadAcademyId: academyIds.get(c.leadAcademyUrn),
      executiveHeadId: staffIds.get(c.executiveHeadEmail.toLowerCase()) ?? null,
      ...stamp,
    })),
  );

  // Open needs carry their priority snapshot from the start, so the refresh below finds
  // nothing left to update (one update per need is slow on the embedded FerretDB).
  await insertInBatches(
    ImprovementNeed as unknown as BulkInsertable,
    dataset.needs.map((n) => {
      const need = {
        _id: new Types.ObjectId(),
        academyId: academyIds.get(n.academyUrn),
        area: n.area,
        phase: n.phase,
        severity: n.severity,
        description: n.description,
        daysRequested: n.daysRequested,
        daysCovered: 0,
        status: 'OPEN',
        raisedAt: new Date(now.getTime() - n.raisedDaysAgo * DAY_MS),
        windowStart: n.windowStartInDays == null ? null : new Date(now.getTime() + n.windowStartInDays * DAY_MS),
        windowEnd: n.windowEndInDays == null ? null : new Date(now.getTime() + n.windowEndInDays * DAY_MS),
        priority: 0,
        ...stamp,
      };
      const academy = academyDocById.get(String(need.academyId));
      return academy ? { ...need, ...priorityOf(need as never, academy as never, now) } : need;
    }),
  );

  // Past support that was completed: a met need and its deployment, with the impact that
  // feeds the track-record factor.
  const history = dataset.completedDeployments.map((d) => {
    const needId = new Types.ObjectId();
    const completedAt = new Date(now.getTime() - d.completedDaysAgo * DAY_MS);
    const receivingAcademyId = academyIds.get(d.needAcademyUrn);
    return {
      need: {
        _id: needId,
        academyId: receivingAcademyId,
        area: d.area,
        phase: d.phase,
        severity: 'MEDIUM',
        description: `Completed support in ${d.area.toLowerCase().replace(/_/g, ' ')}`,
        daysRequested: d.days,
        daysCovered: d.days,
        status: 'MET',
        raisedAt: new Date(completedAt.getTime() - 90 * DAY_MS),
        priority: 0,
        ...stamp,
      },
      deployment: {
        needId,
        area: d.area,
        receivingAcademyId,
        staffId: staffIds.get(d.staffEmail.toLowerCase()),
        days: d.days,
        status: 'COMPLETED',
        impactRating: d.impactRating,
        impactEvidence: d.impactEvidence,
        startDate: new Date(completedAt.getTime() - 60 * DAY_MS),
        endDate: completedAt,
        statusHistory: [{ status: 'COMPLETED', by: actor, at: completedAt }],
        statusSince: completedAt,
        liveKey: `${needId.toString()}:${staffIds.get(d.staffEmail.toLowerCase())?.toString()}:completed`,
        ...stamp,
      },
    };
  });
  await insertInBatches(ImprovementNeed as unknown as BulkInsertable, history.map((h) => h.need));
  await insertInBatches(Deployment as unknown as BulkInsertable, history.map((h) => h.deployment));

  await refreshAllPriorities(now);
  // A server already running on this database with in-process copies (FerretDB) reloads them.
  await recordExternalWrites(['trusts', 'academies', 'clusters', 'staffMembers', 'improvementNeeds', 'deployments']);
  return {
    trusts: dataset.trusts.length,
    academies: dataset.academies.length,
    clusters: dataset.clusters.length,
    staff: dataset.staff.length,
    needs: dataset.needs.length,
    completedDeployments: history.length,
  };
}

/** True when the database holds no records of the service. */
export async function isDatabaseEmpty(): Promise<boolean> {
  const counts = await Promise.all([
    Trust.estimatedDocumentCount(),
    Academy.estimatedDocumentCount(),
    StaffMember.estimatedDocumentCount(),
    ImprovementNeed.estimatedDocumentCount(),
  ]);
  return counts.every((c) => c === 0);
}
