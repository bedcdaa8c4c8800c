// Everything a trust's reports read, loaded once through the stores: its academies and hubs,
// their staff and needs, the deployments on either side of them, and the schools and people
// on the other side of those deployments. Maturity proposals (services/maturity.ts) and the
// board report (services/board-report.ts) compute from this.
import { isRecordId } from '../domain/ids';
import { type AcademyDoc, type ClusterDoc, type DeploymentDoc, type NeedDoc, type StaffDoc, stores, type TrustDoc } from '../db/store';
import { supportDateOf, type TrustRecords } from '../maturity/facts';
import { NotFoundError } from '../domain/errors';
import { atEitherSide } from './deployment-scope';

export interface LoadedTrust {
  trust: TrustDoc;
  /** The trust's own academies. */
  academies: AcademyDoc[];
  clusters: ClusterDoc[];
  /** Academies on the other side of a deployment, outside the trust. */
  otherAcademies: AcademyDoc[];
  staff: StaffDoc[];
  needs: NeedDoc[];
  deployments: DeploymentDoc[];
  /** The same, as the plain facts the maturity rules read. */
  records: TrustRecords;
}

const idOf = (x: { toString(): string } | null | undefined) => (x ? x.toString() : null);

export async function loadTrust(trustId: string, argument = 'trustId'): Promise<LoadedTrust> {
  const trust = isRecordId(trustId) ? await stores.trusts.get(trustId) : null;
  if (!trust) throw new NotFoundError(`${argument}: no trust with this ID exists`, argument);
  const academies = await stores.academies.find({ trustId: trust._id });
  const academyIds = academies.map((a) => a._id);
  const [clusters, homeStaff, needs, deployments] = await Promise.all([
    stores.clusters.find({ trustId: trust._id }),
    stores.staff.find({ homeAcademyId: { $in: academyIds } }),
    stores.needs.find({ academyId: { $in: academyIds } }),
    academyIds.length ? atEitherSide(academyIds).then((filter) => stores.deployments.find(filter)) : Promise.resolve([] as DeploymentDoc[]),
  ]);
  // The other side: supporters from elsewhere, and the schools they (or ours) came from or went to.
  const known = new Set(homeStaff.map((s) => s._id.toString()));
  const missingStaff = [...new Set(deployments.map((d) => idOf(d.staffId)).filter((id): id is string => !!id && !known.has(id)))];
  const otherStaff = (await stores.staff.getMany(missingStaff)).filter((s): s is StaffDoc => !!s);
  const staff = [...homeStaff, ...otherStaff];
  const ours = new Set(academyIds.map(String));
  const otherIds = new Set<string>();
  for (const d of deployments) for (const id of [idOf(d.receivingAcademyId), idOf(d.supportingAcademyId)]) if (id && !ours.has(id)) otherIds.add(id);
  for (const s of otherStaff) if (!ours.has(s.homeAcademyId.toString())) otherIds.add(s.homeAcademyId.toString());
  const otherAcademies = (await stores.academies.getMany([...otherIds])).filter((a): a is AcademyDoc => !!a);

  const records: TrustRecords = {
    trustId: trust._id.toString(),
    academies: [...academies, ...otherAcademies].map((a) => ({ id: a._id.toString(), trustId: idOf(a.trustId) })),
    staff: staff.map((s) => ({ id: s._id.toString(), homeAcademyId: s.homeAcademyId.toString(), role: s.role, designations: s.designations, left: !!s.leftAt })),
    needs: needs.map((n) => ({ id: n._id.toString(), academyId: n.academyId.toString(), raisedAt: n.raisedAt, status: n.status })),
    deployments: deployments.map((d) => ({
      id: d._id.toString(),
      needId: d.needId.toString(),
      receivingAcademyId: d.receivingAcademyId.toString(),
      staffId: idOf(d.staffId),
      supportingAcademyId: idOf(d.supportingAcademyId),
      days: d.days,
      status: d.status,
      supportDate: supportDateOf(d),
      impactRating: d.impactRating ?? null,
      impactEvidence: d.impactEvidence ?? null,
    })),
  };
  return { trust, academies, clusters, otherAcademies, staff, needs, deployments, records };
}
