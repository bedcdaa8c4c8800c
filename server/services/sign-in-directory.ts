// Who a development sign-in can be: every person the records imply, by role, and the token
// claims each one carries. Used by the dev sign-in (schema/types/dev-sign-in.ts) and by the
// start-up banner's ready-made tokens (server/demo-tokens.ts), so both scope claims the same way.
// Production sign-in (OpenID Connect) replaces this; nothing here runs when NODE_ENV=production.
import { encodeGlobalId } from '../auth/global-id';
import type { TokenClaims } from '../auth/tokens';
import type { Role } from '../domain/enums';
import type { AcademyRecord } from '../models/academy';
import type { ClusterRecord } from '../models/cluster';
import type { StaffMemberRecord } from '../models/staff-member';
import type { TrustRecord } from '../models/trust';
import { compareStrings } from '../db/read-cache';
import { type Store, stores } from '../db/store';
import type { LeanDoc } from '../models/lean';
import { type Ref, resolveRef } from './references';
import { failed, ok, type Outcome, userError } from './user-errors';

type AcademyLean = LeanDoc<AcademyRecord>;
type ClusterLean = LeanDoc<ClusterRecord>;
type StaffLean = LeanDoc<StaffMemberRecord>;
type TrustLean = LeanDoc<TrustRecord>;

/** Staff posts that are a school's or a hub's head, listed under those roles, not as teachers. */
const HEAD_POSTS = new Set(['HEADTEACHER', 'EXECUTIVE_HEADTEACHER']);

export interface SignInPerson {
  role: Role;
  /** The person's name where a staff record names them, else what they are ("Administrator"). */
  name: string;
  /** What they are, e.g. "Executive head, Penwith Hub". */
  label: string;
  /** The record the role is scoped to (trust, hub, academy or staff member); null for ADMIN. */
  scope: { typename: 'Trust' | 'Cluster' | 'Academy' | 'StaffMember'; id: string } | null;
  staffId: string | null;
  academyId: string | null;
  clusterId: string | null;
  trustId: string | null;
  claims: TokenClaims;
}

export interface SignInDirectoryFilter {
  roles?: readonly Role[] | null;
  /** Only the headteacher and staff of this academy (decoded id). */
  academyId?: string | null;
}

const byName = <T extends { name: string }>(a: T, b: T) => compareStrings(a.name, b.name);

function all<T extends { _id: unknown }>(store: Store<T>, filter: Record<string, unknown>): Promise<T[]> {
  return store.find(filter);
}

const gid = (typename: string, id: unknown) => encodeGlobalId(typename, String(id));
const idOrNull = (id: unknown) => (id ? String(id) : null);

/**
 * Claims per role, scoped to the records that role acts for (global IDs, as API.md says). A
 * person on record signs in as their StaffMember ID, which a token carrying `staffId` must
 * have as its subject (server/auth/tokens.ts).
 */
export const claimsFor = {
  admin: (): TokenClaims => ({ sub: 'dev-admin', role: 'ADMIN' }),
  lead: (trust: TrustLean): TokenClaims => ({ sub: `dev-lead-${String(trust._id)}`, role: 'IMPROVEMENT_LEAD', trustId: gid('Trust', trust._id) }),
  executiveHead: (cluster: ClusterLean): TokenClaims => ({
    sub: cluster.executiveHeadId ? gid('StaffMember', cluster.executiveHeadId) : `dev-exec-head-${String(cluster._id)}`,
    role: 'EXECUTIVE_HEAD',
    clusterId: gid('Cluster', cluster._id),
    trustId: gid('Trust', cluster.trustId),
    ...(cluster.executiveHeadId ? { staffId: gid('StaffMember', cluster.executiveHeadId) } : {}),
  }),
  headteacher: (academy: AcademyLean, head: StaffLean | null): TokenClaims => ({
    sub: head ? gid('StaffMember', head._id) : `dev-head-${String(academy._id)}`,
    role: 'HEADTEACHER',
    academyId: gid('Academy', academy._id),
    ...(academy.trustId ? { trustId: gid('Trust', academy.trustId) } : {}),
    ...(head ? { staffId: gid('StaffMember', head._id) } : {}),
  }),
  teacher: (staff: StaffLean): TokenClaims => ({
    sub: gid('StaffMember', staff._id),
    role: 'TEACHER',
    staffId: gid('StaffMember', staff._id),
    academyId: gid('Academy', staff.homeAcademyId),
  }),
};

/** The headteacher on record for each academy: the first HEADTEACHER by name. */
function headsByAcademy(staff: StaffLean[]): Map<string, StaffLean> {
  const heads = new Map<string, StaffLean>();
  for (const s of [...staff].sort(byName)) {
    if (s.role === 'HEADTEACHER' && !heads.has(String(s.homeAcademyId))) heads.set(String(s.homeAcademyId), s);
  }
  return heads;
}

/**
 * Everyone one can sign in as, in a stable order: ADMIN; each trust's IMPROVEMENT_LEAD;
 * each hub's EXECUTIVE_HEAD; each school's HEADTEACHER; then every other staff member as
 * TEACHER, by school and name. `limit` caps the list (a national dataset has 50,000 staff).
 */
export async function signInDirectory(filter: SignInDirectoryFilter, limit: number): Promise<SignInPerson[]> {
  const wants = (role: Role) => !filter.roles?.length || filter.roles.includes(role);
  const academyFilter = filter.academyId ? { _id: filter.academyId } : {};
  const [trusts, clusters, academies, staff] = await Promise.all([
    filter.academyId ? Promise.resolve([] as TrustLean[]) : all<TrustLean>(stores.trusts, {}),
    filter.academyId ? Promise.resolve([] as ClusterLean[]) : all<ClusterLean>(stores.clusters, {}),
    all<AcademyLean>(stores.academies, academyFilter),
    wants('HEADTEACHER') || wants('TEACHER') || wants('EXECUTIVE_HEAD')
      ? all<StaffLean>(stores.staff, filter.academyId ? { homeAcademyId: filter.academyId } : {})
      : Promise.resolve([] as StaffLean[]),
  ]);
  const trustName = new Map(trusts.map((t) => [String(t._id), t.name]));
  const academyById = new Map(academies.map((a) => [String(a._id), a]));
  const staffById = new Map(staff.map((s) => [String(s._id), s]));
  const heads = headsByAcademy(staff);
  const people: SignInPerson[] = [];
  const push = (person: Omit<SignInPerson, 'staffId' | 'academyId' | 'clusterId' | 'trustId'>, ids: Partial<Pick<SignInPerson, 'staffId' | 'academyId' | 'clusterId' | 'trustId'>>) =>
    people.push({ staffId: null, academyId: null, clusterId: null, trustId: null, ...person, ...ids });

  if (wants('ADMIN') && !filter.academyId) {
    push({ role: 'ADMIN', name: 'Administrator', label: 'Administrator: may do everything', scope: null, claims: claimsFor.admin() }, {});
  }
  if (wants('IMPROVEMENT_LEAD')) {
    for (const trust of [...trusts].sort(byName)) {
      const id = String(trust._id);
      push({ role: 'IMPROVEMENT_LEAD', name: `Improvement lead, ${trust.name}`, label: `Improvement lead, ${trust.name}`, scope: { typename: 'Trust', id }, claims: claimsFor.lead(trust) }, { trustId: id });
    }
  }
  if (wants('EXECUTIVE_HEAD')) {
    const ordered = [...clusters].sort((a, b) => compareStrings(trustName.get(String(a.trustId)) ?? '', trustName.get(String(b.trustId)) ?? '') || byName(a, b));
    for (const cluster of ordered) {
      const id = String(cluster._id);
      const head = cluster.executiveHeadId ? staffById.get(String(cluster.executiveHeadId)) : undefined;
      push(
        { role: 'EXECUTIVE_HEAD', name: head?.name ?? `Executive head, ${cluster.name}`, label: `Executive head, ${cluster.name}`, scope: { typename: 'Cluster', id }, claims: claimsFor.executiveHead(cluster) },
        { clusterId: id, trustId: String(cluster.trustId), staffId: idOrNull(cluster.executiveHeadId), academyId: idOrNull(head?.homeAcademyId) },
      );
    }
  }
  if (wants('HEADTEACHER')) {
    for (const academy of [...academies].sort(byName)) {
      const id = String(academy._id);
      const head = heads.get(id) ?? null;
      push(
        { role: 'HEADTEACHER', name: head?.name ?? `Headteacher, ${academy.name}`, label: `Headteacher, ${academy.name}`, scope: { typename: 'Academy', id }, claims: claimsFor.headteacher(academy, head) },
        { academyId: id, staffId: idOrNull(head?._id), clusterId: idOrNull(academy.clusterId), trustId: idOrNull(academy.trustId) },
      );
    }
  }
  if (wants('TEACHER')) {
    const schoolName = (s: StaffLean) => academyById.get(String(s.homeAcademyId))?.name ?? '';
    const teachers = staff.filter((s) => !HEAD_POSTS.has(s.role)).sort((a, b) => compareStrings(schoolName(a), schoolName(b)) || byName(a, b));
    for (const s of teachers) {
      const academy = academyById.get(String(s.homeAcademyId));
      push(
        { role: 'TEACHER', name: s.name, label: `${s.role.toLowerCase().replace(/_/g, ' ')}, ${academy?.name ?? 'no school on record'}`, scope: { typename: 'StaffMember', id: String(s._id) }, claims: claimsFor.teacher(s) },
        { staffId: String(s._id), academyId: String(s.homeAcademyId), clusterId: idOrNull(academy?.clusterId), trustId: idOrNull(academy?.trustId) },
      );
    }
  }
  return people.slice(0, limit);
}

/**
 * What each role is scoped to: the type the sign-in input's `scopeId` is decoded as, at the
 * schema boundary (schema/types/dev-sign-in.ts), and the name it goes by in messages.
 */
const SCOPE_OF_ROLE = {
  IMPROVEMENT_LEAD: { type: 'Trust', label: 'Trust' },
  EXECUTIVE_HEAD: { type: 'Cluster', label: 'hub (Cluster)' },
  HEADTEACHER: { type: 'Academy', label: 'Academy' },
  TEACHER: { type: 'StaffMember', label: 'StaffMember' },
} as const;

/** The record type a role's `scopeId` names, or null for ADMIN, who is scoped to none. */
export function scopeTypeOf(role: Role): { type: string; label: string } | null {
  return role === 'ADMIN' ? null : SCOPE_OF_ROLE[role];
}

/**
 * The sign-in input's `scopeId` as the schema decoded it: not given, or given and decoded as
 * the role's scope type (`scopeTypeOf`) into a reference (`ref` null for ADMIN, which has no
 * scope type: any scopeId given with it is refused).
 */
export type SignInScope = { given: false } | { given: true; ref: Ref | null };

/**
 * The claims for signing in as `role` scoped to the record `scope` names (the record the role
 * acts for; none for ADMIN). Bad input is a user error naming the field.
 */
export async function signInClaims(role: Role, scope: SignInScope): Promise<Outcome<TokenClaims>> {
  if (role === 'ADMIN') {
    return scope.given ? failed(userError('scopeId', 'scopeId must be omitted for ADMIN, who is not scoped to a record', 'INVALID')) : ok(claimsFor.admin());
  }
  if (!scope.given) return failed(userError('scopeId', `scopeId is required for ${role}: the ${SCOPE_OF_ROLE[role].label} to act for`, 'REQUIRED'));
  const ref = scope.ref;
  if (!ref) throw new Error(`scopeId for ${role} was not decoded as its ${SCOPE_OF_ROLE[role].type} (schema/types/dev-sign-in.ts)`);
  switch (role) {
    case 'IMPROVEMENT_LEAD': {
      const found = await resolveRef(stores.trusts, ref);
      return found.ok ? ok(claimsFor.lead(found.doc)) : failed(found.error);
    }
    case 'EXECUTIVE_HEAD': {
      const found = await resolveRef(stores.clusters, ref);
      return found.ok ? ok(claimsFor.executiveHead(found.doc)) : failed(found.error);
    }
    case 'HEADTEACHER': {
      const found = await resolveRef(stores.academies, ref);
      if (!found.ok) return failed(found.error);
      const head = headsByAcademy(await all<StaffLean>(stores.staff, { homeAcademyId: String(found.doc._id), role: 'HEADTEACHER' })).get(String(found.doc._id)) ?? null;
      return ok(claimsFor.headteacher(found.doc, head));
    }
    case 'TEACHER': {
      const found = await resolveRef(stores.staff, ref);
      return found.ok ? ok(claimsFor.teacher(found.doc)) : failed(found.error);
    }
  }
}
