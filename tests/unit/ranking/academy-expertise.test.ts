// An academy's expertise is its staff's (server/ranking/academy-expertise.ts). The rules
// these tests protect: per area, the best level any of them holds and every phase any of
// them lists; the evidence of the first entry at that level; every designation; the order
// of the staff changes none of it, and adding a person never takes anything away.
import fc from 'fast-check';
import { EXPERTISE_LEVELS, type Designation, DESIGNATIONS } from '../../../server/domain/enums';
import type { ExpertiseArea } from '../../../server/domain/taxonomy';
import { academyExpertise, type ExpertiseEntry, type StaffExpertise } from '../../../server/ranking';
import { AREA_POOL, arbExpertiseEntry, withShuffle } from './arbitraries';

const arbEvidence = fc.option(fc.constantFrom('observed', 'results up', 'peer review'), { nil: null });
const arbStaff: fc.Arbitrary<StaffExpertise> = fc.record({
  expertise: fc.array(fc.tuple(arbExpertiseEntry, arbEvidence).map(([e, evidence]) => ({ ...e, evidence })), { maxLength: 4 }),
  designations: fc.subarray([...DESIGNATIONS] as Designation[]),
});
const arbAreas = fc.option(fc.subarray([...AREA_POOL]), { nil: null });
const rank = (level: string) => EXPERTISE_LEVELS.indexOf(level as never);

function byArea(expertise: ExpertiseEntry[]) {
  return new Map(expertise.map((e) => [e.area, { level: e.level, phases: new Set(e.phases) }]));
}

describe('academyExpertise', () => {
  it('holds, per area, the best level and every phase listed by any of the staff, within the areas asked for', () => {
    fc.assert(
      fc.property(fc.array(arbStaff, { maxLength: 6 }), arbAreas, (staff, areas) => {
        const { expertise } = academyExpertise(staff, areas);
        const entries = staff.flatMap((s) => s.expertise ?? []).filter((e) => areas === null || areas.includes(e.area as ExpertiseArea));
        expect(new Set(expertise.map((e) => e.area))).toEqual(new Set(entries.map((e) => e.area)));
        expect(expertise.length).toBe(new Set(expertise.map((e) => e.area)).size);
        for (const e of expertise) {
          const mine = entries.filter((x) => x.area === e.area);
          expect(rank(e.level)).toBe(Math.max(...mine.map((x) => rank(x.level))));
          expect(new Set(e.phases)).toEqual(new Set(mine.flatMap((x) => x.phases ?? [])));
          expect(e.phases.length).toBe(new Set(e.phases).size);
          expect(e.evidence).toBe(mine.find((x) => x.level === e.level)!.evidence ?? null);
        }
      }),
    );
  });

  it('holds every designation of the staff, whatever the areas', () => {
    fc.assert(
      fc.property(fc.array(arbStaff, { maxLength: 6 }), arbAreas, (staff, areas) => {
        expect(new Set(academyExpertise(staff, areas).designations)).toEqual(new Set(staff.flatMap((s) => s.designations ?? [])));
      }),
    );
  });

  it('does not depend on the order of the staff (levels, phases and designations)', () => {
    fc.assert(
      fc.property(withShuffle(fc.array(arbStaff, { maxLength: 6 })), arbAreas, ([staff, shuffled], areas) => {
        const a = academyExpertise(staff, areas);
        const b = academyExpertise(shuffled, areas);
        expect(byArea(b.expertise)).toEqual(byArea(a.expertise));
        expect(new Set(b.designations)).toEqual(new Set(a.designations));
      }),
    );
  });

  it('never loses a level or a phase when someone joins', () => {
    fc.assert(
      fc.property(fc.array(arbStaff, { maxLength: 6 }), arbStaff, arbAreas, (staff, joiner, areas) => {
        const before = byArea(academyExpertise(staff, areas).expertise);
        const after = byArea(academyExpertise([...staff, joiner], areas).expertise);
        for (const [area, was] of before) {
          const now = after.get(area)!;
          expect(rank(now.level)).toBeGreaterThanOrEqual(rank(was.level));
          for (const phase of was.phases) expect(now.phases.has(phase)).toBe(true);
        }
      }),
    );
  });

  it('keeps the first entry’s evidence on a tie and takes a strictly better level’s', () => {
    const entry = (level: ExpertiseEntry['level'], evidence: string) => ({ area: 'MATHS', level, phases: [], evidence });
    const staff = [{ expertise: [entry('SECURE', 'first')] }, { expertise: [entry('SECURE', 'second')] }, { expertise: [entry('EXPERT', 'third')] }, { expertise: [entry('EXPERT', 'fourth')] }];
    expect(academyExpertise(staff, null).expertise).toEqual([{ area: 'MATHS', level: 'EXPERT', phases: [], evidence: 'third' }]);
    expect(academyExpertise(staff.slice(0, 2), null).expertise[0]!.evidence).toBe('first');
  });

  it('reads a staff member with no expertise, phases or designations recorded (null or absent) as having none', () => {
    // Profiles from the database may hold null or lack these fields: they add nothing.
    const staff: StaffExpertise[] = [{}, { expertise: null, designations: null }, { expertise: [{ area: 'MATHS', level: 'SECURE', phases: null }] }];
    expect(academyExpertise(staff, null)).toEqual({ expertise: [{ area: 'MATHS', level: 'SECURE', phases: [], evidence: null }], designations: [] });
    expect(academyExpertise([{}], null)).toEqual({ expertise: [], designations: [] });
  });
});
