import { DESIGNATIONS, EXPERTISE_LEVELS, NEED_SEVERITIES, OFSTED_RATINGS, PHASES, STAFF_ROLES } from '../../../server/domain/enums';
import { EXPERTISE_AREAS, expertiseAreaInfo } from '../../../server/domain/taxonomy';
import { DEFAULT_RANKING_CONFIG } from '../../../server/ranking/config';
import { haversineKm } from '../../../server/ranking/geo';
import { committedDaysByStaff } from '../../../seeds/dataset';
import { buildDemoDataset, DEMO_REFERENCE_DATE } from '../../../seeds/demo';
import { loadDataset } from '../../../seeds/load';
import { type TestApi, startTestApi } from '../../support/test-api';

const POSTCODE = /^[A-Z]{1,2}\d{1,2}[A-Z]? \d[ABD-HJLNP-UW-Z]{2}$/;

describe('demo dataset', () => {
  const data = buildDemoDataset();
  const byUrn = new Map(data.academies.map((a) => [a.urn, a]));
  const byEmail = new Map(data.staff.map((s) => [s.email.toLowerCase(), s]));
  const aspire = data.trusts[0]!;
  const committed = committedDaysByStaff(data);
  const given = (s: { email: string }) => committed.get(s.email.toLowerCase()) ?? 0;

  it('is deterministic', () => {
    expect(buildDemoDataset()).toEqual(data);
  });

  it('resolves every reference and keeps keys unique', () => {
    const trusts = new Set(data.trusts.map((t) => t.key));
    expect(trusts.size).toBe(data.trusts.length);
    expect(new Set(data.trusts.map((t) => t.name.toLowerCase())).size).toBe(data.trusts.length);
    expect(byUrn.size).toBe(data.academies.length);
    expect(byEmail.size).toBe(data.staff.length);
    expect(new Set(data.clusters.map((c) => c.key)).size).toBe(data.clusters.length);
    for (const a of data.academies) if (a.trustKey !== null) expect(trusts).toContain(a.trustKey);
    for (const s of data.staff) expect(byUrn.has(s.homeAcademyUrn)).toBe(true);
    for (const n of data.needs) expect(byUrn.has(n.academyUrn)).toBe(true);
    for (const c of data.clusters) {
      expect(trusts).toContain(c.trustKey);
      expect(byEmail.has(c.executiveHeadEmail.toLowerCase())).toBe(true);
      for (const urn of c.memberAcademyUrns) expect(byUrn.has(urn)).toBe(true);
    }
    for (const d of data.completedDeployments) {
      expect(byUrn.has(d.needAcademyUrn)).toBe(true);
      expect(byEmail.has(d.staffEmail.toLowerCase())).toBe(true);
    }
  });

  it('has ASPIRE-style hubs: 3-4 academies of one trust, a good or outstanding lead, its executive head based there', () => {
    expect(data.clusters.filter((c) => c.trustKey === aspire.key).length).toBeGreaterThanOrEqual(3);
    expect(data.clusters.filter((c) => c.trustKey === data.trusts[1]!.key).length).toBeGreaterThanOrEqual(2);
    for (const hub of data.clusters) {
      expect(hub.memberAcademyUrns.length).toBeGreaterThanOrEqual(3);
      expect(hub.memberAcademyUrns.length).toBeLessThanOrEqual(4);
      expect(hub.memberAcademyUrns).toContain(hub.leadAcademyUrn);
      expect(['OUTSTANDING', 'GOOD']).toContain(byUrn.get(hub.leadAcademyUrn)!.ofstedRating);
      for (const urn of hub.memberAcademyUrns) expect(byUrn.get(urn)!.trustKey).toBe(hub.trustKey);
      const head = byEmail.get(hub.executiveHeadEmail.toLowerCase())!;
      expect(head.role).toBe('EXECUTIVE_HEADTEACHER');
      expect(head.homeAcademyUrn).toBe(hub.leadAcademyUrn);
    }
    const members = data.clusters.flatMap((c) => c.memberAcademyUrns);
    expect(new Set(members).size).toBe(members.length); // an academy is in one hub at most
  });

  it('is big and varied enough to explore', () => {
    expect(data.trusts.length).toBeGreaterThanOrEqual(2);
    expect(data.academies.filter((a) => a.trustKey === null).length).toBeGreaterThanOrEqual(3);
    expect(data.staff.length).toBeGreaterThanOrEqual(60);
    expect(data.needs.length).toBeGreaterThanOrEqual(15);
    expect(data.completedDeployments.length).toBeGreaterThanOrEqual(4);

    const phases = data.academies.map((a) => a.phase);
    for (const phase of ['PRIMARY', 'SECONDARY', 'SPECIAL', 'ALTERNATIVE_PROVISION', 'NURSERY', 'ALL_THROUGH'] as const) expect(phases).toContain(phase);
    expect(phases.filter((p) => p === 'PRIMARY').length).toBeGreaterThan(data.academies.length / 2);

    expect(new Set(data.academies.map((a) => a.ofstedRating))).toEqual(new Set(['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE']));
    const fsm = data.academies.map((a) => a.fsmPercent!);
    expect(Math.min(...fsm)).toBeLessThanOrEqual(8);
    expect(Math.max(...fsm)).toBeGreaterThanOrEqual(55);

    const designations = new Set(data.staff.flatMap((s) => s.designations));
    for (const d of ['SLE', 'NLE', 'NLG'] as const) expect(designations).toContain(d);
    expect(data.staff.filter((s) => s.designations.includes('NLE')).length).toBeLessThanOrEqual(6); // a few
    expect(data.staff.some((s) => given(s) > 0 && given(s) < s.capacityDays)).toBe(true);
    expect(data.staff.some((s) => given(s) === s.capacityDays)).toBe(true); // someone with no days left
    expect(data.staff.some((s) => s.maxTravelKm === null)).toBe(true);
    expect(new Set(data.needs.map((n) => n.severity)).size).toBe(NEED_SEVERITIES.length);
  });

  it('uses only valid enum values, plausible URNs, postcodes, coordinates and emails', () => {
    for (const a of data.academies) {
      expect(a.urn).toMatch(/^1\d{5}$/);
      expect(PHASES).toContain(a.phase);
      expect(OFSTED_RATINGS).toContain(a.ofstedRating);
      expect(a.postcode).toMatch(POSTCODE);
      // England: between the Scilly Isles and the Scottish border.
      expect(a.latitude).toBeGreaterThan(49.9);
      expect(a.latitude).toBeLessThan(55.9);
      expect(a.longitude).toBeGreaterThan(-5.8);
      expect(a.longitude).toBeLessThan(1.8);
      expect(a.pupils!).toBeGreaterThan(0);
      if (a.phase === 'PRIMARY') expect(a.pupils!).toBeLessThan(800);
      if (a.phase === 'SECONDARY') expect(a.pupils!).toBeGreaterThan(600);
    }
    for (const s of data.staff) {
      expect(s.email).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9-]+\.org\.uk$/);
      expect(STAFF_ROLES).toContain(s.role);
      for (const d of s.designations) expect(DESIGNATIONS).toContain(d);
      expect(s.capacityDays).toBeGreaterThanOrEqual(4);
      expect(s.capacityDays).toBeLessThanOrEqual(30);
      expect(given(s)).toBeLessThanOrEqual(s.capacityDays);
      if (s.maxTravelKm !== null) {
        expect(s.maxTravelKm).toBeGreaterThanOrEqual(10);
        expect(s.maxTravelKm).toBeLessThanOrEqual(60);
      }
      if (s.safeguardingCheckExpiresOn !== null) expect(s.safeguardingCheckExpiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.expertise.length).toBeGreaterThan(0);
      expect(new Set(s.expertise.map((e) => e.area)).size).toBe(s.expertise.length);
      const home = byUrn.get(s.homeAcademyUrn)!;
      for (const e of s.expertise) {
        expect(EXPERTISE_AREAS).toContain(e.area);
        expect(EXPERTISE_LEVELS).toContain(e.level);
        expect(e.phases).toContain(home.phase);
        // Phase-bound areas (phonics, early years, transition) only where they are taught.
        const typical = expertiseAreaInfo(e.area).typicalPhases;
        if (typical) expect(typical).toContain(home.phase);
      }
    }
    for (const n of data.needs) {
      expect(n.phase).toBe(byUrn.get(n.academyUrn)!.phase);
      const typical = expertiseAreaInfo(n.area).typicalPhases;
      if (typical) expect(typical).toContain(n.phase);
      expect(n.description.length).toBeGreaterThan(30);
      if (n.windowStartInDays !== null && n.windowEndInDays !== null) expect(n.windowEndInDays).toBeGreaterThan(n.windowStartInDays);
    }
  });

  it('has mostly current safeguarding checks, with one or two lapsed', () => {
    const dated = data.staff.map((s) => s.safeguardingCheckExpiresOn).filter((d): d is string => d !== null);
    const lapsed = dated.filter((d) => d < DEMO_REFERENCE_DATE);
    expect(lapsed.length).toBeGreaterThanOrEqual(1);
    expect(lapsed.length).toBeLessThanOrEqual(2);
    expect(dated.length).toBeGreaterThan(data.staff.length * 0.8);
  });

  it('raises needs mostly where schools are weaker or more disadvantaged', () => {
    const needy = data.needs.filter((n) => {
      const a = byUrn.get(n.academyUrn)!;
      return a.ofstedRating === 'REQUIRES_IMPROVEMENT' || a.ofstedRating === 'INADEQUATE' || (a.fsmPercent ?? 0) >= 35;
    });
    expect(needy.length / data.needs.length).toBeGreaterThanOrEqual(0.75);
  });

  it('gives every open need at least one supporter who passes every hard constraint', () => {
    const now = `${DEMO_REFERENCE_DATE}`;
    for (const need of data.needs) {
      const at = byUrn.get(need.academyUrn)!;
      const required = Math.min(need.daysRequested, DEFAULT_RANKING_CONFIG.constraints.minimumUsefulDays);
      const eligible = data.staff.filter((s) => {
        const home = byUrn.get(s.homeAcademyUrn)!;
        const remaining = s.capacityDays - given(s);
        return (
          s.expertise.some((e) => e.area === need.area) &&
          remaining > 0 &&
          remaining >= required &&
          home.urn !== at.urn &&
          (s.maxTravelKm === null || haversineKm(home, at) <= s.maxTravelKm) &&
          home.ofstedRating !== 'INADEQUATE' &&
          (s.safeguardingCheckExpiresOn === null || s.safeguardingCheckExpiresOn >= now)
        );
      });
      expect({ need: `${need.academyUrn} ${need.area}`, eligible: eligible.length > 0 }).toEqual({ need: `${need.academyUrn} ${need.area}`, eligible: true });
    }
  });

  it('records past support by someone with that expertise from another school', () => {
    for (const d of data.completedDeployments) {
      const supporter = byEmail.get(d.staffEmail.toLowerCase())!;
      expect(supporter.expertise.map((e) => e.area)).toContain(d.area);
      expect(supporter.homeAcademyUrn).not.toBe(d.needAcademyUrn);
      expect([1, 2, 3, 4]).toContain(d.impactRating);
      expect(d.days).toBeGreaterThan(0);
      expect(d.completedDaysAgo).toBeGreaterThan(0);
      expect(d.phase).toBe(byUrn.get(d.needAcademyUrn)!.phase);
    }
  });

  it('places the ASPIRE-style trust in Cornwall and West Devon', () => {
    for (const a of data.academies.filter((x) => x.trustKey === aspire.key)) {
      expect(a.longitude).toBeLessThan(-4.0);
      expect(a.latitude).toBeLessThan(50.8);
      expect(a.postcode).toMatch(/^(PL|TR)\d/);
    }
    expect(aspire.region).toBe('South West');
  });
});

// The invariant the service keeps for every write (days are reserved and released with the
// deployments that use them), checked on the demo world as npm start loads it and as a client
// reads it: for every person, days offered minus days left is the days of their proposed,
// agreed, active and completed deployments; for every academy, the same for its school-wide
// support days.
describe('demo world as loaded and served', () => {
  const data = buildDemoDataset();
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await loadDataset(data);
  });
  afterAll(() => api.close());

  const COUNTED = new Set(['PROPOSED', 'AGREED', 'ACTIVE', 'COMPLETED']);

  async function everyEdge(field: string, selection: string, extraArgs = '', token: string | null = null): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { errors?: unknown; data?: any } = await api.gql(`query ($after: String) { ${field}(first: 100, after: $after${extraArgs}) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`, { after }, { token });
      expect(res.errors).toBeUndefined();
      const page: { edges: { node: any }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = res.data[field];
      nodes.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  it('days offered minus days left equals the days of their deployments, for every person and academy', async () => {
    const admin = await api.token('ADMIN');
    const staff = await everyEdge('staffMembers', 'id name capacityDays remainingDays daysCommitted', '', admin);
    const academies = await everyEdge('academies', 'id name supportCapacityDays supportRemainingDays');
    const needs = await everyEdge('needs', 'deployments { days status staffMember { id } supportingAcademy { id } }', ', filter: { statuses: [OPEN, MATCHED, IN_PROGRESS, MET, CLOSED] }', admin);
    expect(staff).toHaveLength(data.staff.length);
    expect(academies).toHaveLength(data.academies.length);

    const byStaff = new Map<string, number>();
    const byAcademy = new Map<string, number>();
    for (const d of needs.flatMap((n) => n.deployments)) {
      if (!COUNTED.has(d.status)) continue;
      if (d.staffMember) byStaff.set(d.staffMember.id, (byStaff.get(d.staffMember.id) ?? 0) + d.days);
      if (d.supportingAcademy) byAcademy.set(d.supportingAcademy.id, (byAcademy.get(d.supportingAcademy.id) ?? 0) + d.days);
    }
    const wrongPeople = staff
      .filter((s) => s.capacityDays - s.remainingDays !== (byStaff.get(s.id) ?? 0) || s.daysCommitted !== (byStaff.get(s.id) ?? 0) || s.remainingDays < 0)
      .map((s) => `${s.name}: ${s.capacityDays} offered, ${s.remainingDays} left, ${byStaff.get(s.id) ?? 0} in deployments`);
    expect(wrongPeople).toEqual([]);
    const wrongSchools = academies
      .filter((a) => a.supportCapacityDays - a.supportRemainingDays !== (byAcademy.get(a.id) ?? 0) || a.supportRemainingDays < 0)
      .map((a) => `${a.name}: ${a.supportCapacityDays} offered, ${a.supportRemainingDays} left, ${byAcademy.get(a.id) ?? 0} in deployments`);
    expect(wrongSchools).toEqual([]);
    // The data has people with days given and left, and someone with none left.
    expect([...byStaff.values()].reduce((t, d) => t + d, 0)).toBe(data.completedDeployments.reduce((t, d) => t + d.days, 0));
    expect(staff.some((s) => s.remainingDays === 0)).toBe(true);
  });
});
