// Ready-made development tokens, one per role, scoped to records of the demo data.
import { encodeGlobalId } from './auth/global-id';
import { mintToken, type TokenClaims } from './auth/tokens';
import { Academy } from './models/academy';
import { Cluster } from './models/cluster';
import { StaffMember } from './models/staff-member';
import { Trust } from './models/trust';

export async function demoTokens(secret: string): Promise<{ claims: TokenClaims; token: string; who: string }[]> {
  const cluster = await Cluster.findOne().sort({ name: 1 }).lean();
  const trust = cluster ? await Trust.findById(cluster.trustId).lean() : await Trust.findOne().lean();
  const head = cluster?.executiveHeadId ? await StaffMember.findById(cluster.executiveHeadId).lean() : null;
  const academy = await Academy.findOne({ trustId: trust?._id ?? null, clusterId: { $ne: null } }).sort({ name: 1 }).lean();
  // A classroom or middle leader (not a head or executive head), first by name, so the same person every run.
  const teacher = academy
    ? await StaffMember.findOne({ homeAcademyId: academy._id, role: { $in: ['TEACHER', 'MIDDLE_LEADER', 'SENIOR_LEADER'] } }).sort({ role: -1, name: 1 }).lean()
    : null;

  const people: { claims: TokenClaims; who: string }[] = [{ claims: { sub: 'demo-admin', role: 'ADMIN' }, who: 'administrator' }];
  if (trust) people.push({ claims: { sub: 'demo-improvement-lead', role: 'IMPROVEMENT_LEAD', trustId: encodeGlobalId('Trust', trust._id) }, who: `improvement lead, ${trust.name}` });
  if (cluster) {
    people.push({
      claims: {
        // A token acting for a staff member has their StaffMember ID as its subject.
        sub: head ? encodeGlobalId('StaffMember', head._id) : 'demo-executive-head',
        role: 'EXECUTIVE_HEAD',
        clusterId: encodeGlobalId('Cluster', cluster._id),
        ...(trust ? { trustId: encodeGlobalId('Trust', trust._id) } : {}),
        ...(head ? { staffId: encodeGlobalId('StaffMember', head._id) } : {}),
      },
      who: `executive head, ${cluster.name}${head ? ` (${head.name})` : ''}`,
    });
  }
  if (academy) {
    people.push({
      claims: { sub: 'demo-headteacher', role: 'HEADTEACHER', academyId: encodeGlobalId('Academy', academy._id), ...(trust ? { trustId: encodeGlobalId('Trust', trust._id) } : {}) },
      who: `headteacher, ${academy.name}`,
    });
  }
  if (teacher && academy) {
    people.push({
      claims: { sub: encodeGlobalId('StaffMember', teacher._id), role: 'TEACHER', staffId: encodeGlobalId('StaffMember', teacher._id), academyId: encodeGlobalId('Academy', academy._id) },
      who: `teacher, ${teacher.name}`,
    });
  }
  return Promise.all(people.map(async (p) => ({ ...p, token: await mintToken(p.claims, secret, '7d') })));
}
