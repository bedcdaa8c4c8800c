import { OFSTED_RATINGS, PHASES, type OfstedRating, type Phase } from '../../../server/domain/enums';
import { EXPERTISE_AREAS } from '../../../server/domain/taxonomy';
import { committedDaysByStaff, type SeedDataset } from '../../../seeds/dataset';
import { generateNationalDataset, inChunks } from '../../../seeds/national';

const share = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length / items.length;

/**
 * Every natural key resolves and every uniqueness rule the database enforces holds.
 * Collects offenders and asserts once per rule (tens of thousands of single `expect`
 * calls would dominate the run time).
 */
function expectConsistent(data: SeedDataset): void {
  const trusts = new Map(data.trusts.map((t) => [t.key, t]));
  expect(trusts.size).toBe(data.trusts.length);
  expect(new Set(data.trusts.map((t) => t.name.toLowerCase())).size).toBe(data.trusts.length);
  const academies = new Map(data.academies.map((a) => [a.urn, a]));
  expect(academies.size).toBe(data.academies.length);
  const staff = new Map(data.staff.map((s) => [s.email.toLowerCase(), s]));
  expect(staff.size).toBe(data.staff.length);

  expect(data.academies.filter((a) => !/^\d{6}$/.test(a.urn)).map((a) => a.urn)).toEqual([]);
  expect(data.academies.filter((a) => a.trustKey !== null && !trusts.has(a.trustKey)).map((a) => a.urn)).toEqual([]);
  expect(data.staff.filter((s) => !academies.has(s.homeAcademyUrn)).map((s) => s.email)).toEqual([]);
  const given = committedDaysByStaff(data);
  expect(data.staff.filter((s) => s.expertise.length === 0 || (given.get(s.email.toLowerCase()) ?? 0) > s.capacityDays).map((s) => s.email)).toEqual([]);
  expect(data.needs.filter((n) => !academies.has(n.academyUrn)).map((n) => n.academyUrn)).toEqual([]);

  const inHub = new Set<string>();
  const hubNames = new Set<string>();
  const badHubs: string[] = [];
  for (const c of data.clusters) {
    const head = staff.get(c.executiveHeadEmail.toLowerCase());
    const lead = academies.get(c.leadAcademyUrn);
    const nameKey = `${c.trustKey}|${c.name}`; // unique within a trust, as the model's index requires
    const ok =
      trusts.has(c.trustKey) &&
      c.memberAcademyUrns.length >= 3 &&
      c.memberAcademyUrns.length <= 4 &&
      c.memberAcademyUrns.includes(c.leadAcademyUrn) &&
      (lead?.ofstedRating === 'OUTSTANDING' || lead?.ofstedRating === 'GOOD') &&
      c.memberAcademyUrns.every((urn) => academies.get(urn)?.trustKey === c.trustKey && !inHub.has(urn)) &&
      head?.role === 'EXECUTIVE_HEADTEACHER' &&
      head.homeAcademyUrn === c.leadAcademyUrn &&
      !hubNames.has(nameKey);
    if (!ok) badHubs.push(c.key);
    for (const urn of c.memberAcademyUrns) inHub.add(urn);
    hubNames.add(nameKey);
  }
  expect(badHubs).toEqual([]);

  const badHistory = data.completedDeployments.filter((d) => {
    const supporter = staff.get(d.staffEmail.toLowerCase());
    return !supporter || !supporter.expertise.some((e) => e.area === d.area) || !academies.has(d.needAcademyUrn) || supporter.homeAcademyUrn === d.needAcademyUrn;
  });
  expect(badHistory).toEqual([]);
}

describe('national dataset generator', () => {
  describe('at national size (22,000 academies, 50,000 staff, 5,000 needs)', () => {
    let data: SeedDataset;
    let elapsedMs = 0;
    beforeAll(() => {
      const started = performance.now();
      data = generateNationalDataset({ academies: 22_000, staff: 50_000, needs: 5_000 });
      elapsedMs = performance.now() - started;
    }, 60_000);

    it('makes exactly what was asked for, quickly', () => {
      expect(data.academies).toHaveLength(22_000);
      expect(data.staff).toHaveLength(50_000);
      expect(data.needs).toHaveLength(5_000);
      expect(data.completedDeployments).toHaveLength(2_500);
      expect(elapsedMs).toBeLessThan(15_000); // ~1-2 s on a 2-core machine; generous for CI noise
    });

    it('keeps every reference resolvable and every key unique', () => {
      expectConsistent(data);
    });

    it('has an FSM distribution like England’s: mean ~24%, right-skewed, within 0-75', () => {
      const fsm = data.academies.map((a) => a.fsmPercent).filter((v): v is number => v !== null).sort((a, b) => a - b);
      const mean = fsm.reduce((sum, v) => sum + v, 0) / fsm.length;
      const median = fsm[Math.floor(fsm.length / 2)]!;
      expect(mean).toBeGreaterThan(20);
      expect(mean).toBeLessThan(29);
      expect(median).toBeLessThan(mean);
      expect(fsm[0]!).toBeGreaterThanOrEqual(0);
      expect(fsm[fsm.length - 1]!).toBeLessThanOrEqual(75);
      expect(fsm.length).toBeGreaterThan(data.academies.length * 0.98);
    });

    it('has a phase and Ofsted mix like England’s', () => {
      const phase = (p: Phase) => share(data.academies, (a) => a.phase === p);
      expect(phase('PRIMARY')).toBeGreaterThan(0.7);
      expect(phase('PRIMARY')).toBeLessThan(0.8);
      expect(phase('SECONDARY')).toBeGreaterThan(0.12);
      expect(phase('SECONDARY')).toBeLessThan(0.18);
      for (const p of PHASES) expect(phase(p)).toBeGreaterThan(0);
      const rating = (r: OfstedRating) => share(data.academies, (a) => a.ofstedRating === r);
      expect(rating('OUTSTANDING')).toBeGreaterThan(0.12);
      expect(rating('OUTSTANDING')).toBeLessThan(0.19);
      expect(rating('GOOD')).toBeGreaterThan(0.63);
      expect(rating('GOOD')).toBeLessThan(0.76);
      expect(rating('REQUIRES_IMPROVEMENT')).toBeGreaterThan(0.09);
      expect(rating('REQUIRES_IMPROVEMENT')).toBeLessThan(0.15);
      expect(rating('INADEQUATE')).toBeGreaterThan(0.015);
      expect(rating('INADEQUATE')).toBeLessThan(0.05);
      expect(data.academies.filter((a) => !OFSTED_RATINGS.includes(a.ofstedRating))).toEqual([]);
    });

    it('puts about 40% of schools outside trusts, trusts of 2-40 that are local, and hubs inside them', () => {
      const standalone = share(data.academies, (a) => a.trustKey === null);
      expect(standalone).toBeGreaterThan(0.35);
      expect(standalone).toBeLessThan(0.45);
      const sizes = new Map<string, number>();
      for (const a of data.academies) if (a.trustKey) sizes.set(a.trustKey, (sizes.get(a.trustKey) ?? 0) + 1);
      expect(sizes.size).toBe(data.trusts.length);
      for (const size of sizes.values()) {
        expect(size).toBeGreaterThanOrEqual(2);
        expect(size).toBeLessThanOrEqual(40);
      }
      expect(data.clusters.length).toBeGreaterThan(data.trusts.length);
      // Every academy sits in England (between the Scilly Isles and the Scottish border).
      const outside = data.academies.filter((a) => !(a.latitude > 49.9 && a.latitude < 55.9 && a.longitude > -5.8 && a.longitude < 1.8));
      expect(outside).toEqual([]);
    });

    it('draws expertise by phase and needs mostly from weaker schools', () => {
      const byUrn = new Map(data.academies.map((a) => [a.urn, a]));
      const phonics = data.staff.filter((s) => s.expertise.some((e) => e.area === 'PHONICS'));
      expect(phonics.length).toBeGreaterThan(0);
      const phonicsPhases = new Set(phonics.map((s) => byUrn.get(s.homeAcademyUrn)!.phase));
      expect([...phonicsPhases].filter((p) => !['PRIMARY', 'NURSERY', 'ALL_THROUGH'].includes(p))).toEqual([]);
      const areas = new Set(data.staff.flatMap((s) => s.expertise.map((e) => e.area)));
      expect([...areas].filter((a) => !EXPERTISE_AREAS.includes(a))).toEqual([]);

      const weakAcademies = share(data.academies, (a) => a.ofstedRating === 'REQUIRES_IMPROVEMENT' || a.ofstedRating === 'INADEQUATE');
      const weakNeeds = share(data.needs, (n) => ['REQUIRES_IMPROVEMENT', 'INADEQUATE'].includes(byUrn.get(n.academyUrn)!.ofstedRating));
      expect(weakNeeds).toBeGreaterThan(weakAcademies * 2);
      const pairs = new Set(data.needs.map((n) => `${n.academyUrn}|${n.area}`));
      expect(pairs.size).toBe(data.needs.length); // one open need per academy and area
    });

    it('slices into batches for loaders', () => {
      const batches = [...inChunks(data.staff, 2_000)];
      expect(batches).toHaveLength(25);
      expect(batches.flat()).toHaveLength(data.staff.length);
    });
  });

  it('is deterministic for a seed and varies with it', () => {
    const options = { academies: 1_500, staff: 3_000, needs: 300 };
    const a = generateNationalDataset({ ...options, seed: 7 });
    expect(generateNationalDataset({ ...options, seed: 7 })).toEqual(a);
    expect(generateNationalDataset({ ...options, seed: 8 }).academies).not.toEqual(a.academies);
    expect(generateNationalDataset(options)).toEqual(generateNationalDataset(options));
  });

  it('copes with small and degenerate sizes', () => {
    expect(generateNationalDataset({ academies: 0, staff: 0, needs: 0 })).toEqual({
      trusts: [],
      academies: [],
      clusters: [],
      staff: [],
      needs: [],
      completedDeployments: [],
    });
    for (const options of [
      { academies: 1, staff: 3, needs: 10 },
      { academies: 12, staff: 2, needs: 40 },
      { academies: 300, staff: 600, needs: 80, seed: 3 },
    ]) {
      const data = generateNationalDataset(options);
      expect(data.academies).toHaveLength(options.academies);
      expect(data.staff).toHaveLength(options.staff);
      expect(data.needs).toHaveLength(options.needs);
      expectConsistent(data);
    }
  });
});
