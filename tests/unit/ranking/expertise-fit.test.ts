// Expertise-fit rules (README, "Expertise-fit details"), each at its boundary:
// - phases: same 1, adjacent 0.5 (the configured related value), otherwise 0; adjacency is
//   the chain nursery-primary-middle-secondary-sixteen-plus, all-through next to every
//   mainstream phase from primary up, and special next to alternative provision;
// - the best phase counts, over the stated phases plus the home school's phase;
// - designations: SLE from the configured minimum level (EXPERT) up, in any area; NLE/LLE
//   in leadership-and-management areas or at SYSTEM_LEADER; NLG for GOVERNANCE only;
// - the parts are weighted by the configured split (normalised), the best entry counts.
import fc from 'fast-check';
import { DESIGNATIONS, EXPERTISE_LEVELS, PHASES, rankOf, type Designation, type ExpertiseLevel, type Phase } from '../../../server/domain/enums';
import type { ExpertiseArea } from '../../../server/domain/taxonomy';
import {
  DEFAULT_RANKING_CONFIG as C,
  areaLabel,
  expertiseFit,
  expertiseFitDetail,
  expertiseFitValue,
  isRelevantDesignation,
  phaseAffinity,
  relevantDesignations,
  type ExpertiseEntry,
  type RankingConfig,
} from '../../../server/ranking';
import { areaGroup } from '../../../server/ranking/factors/factor';
import { arbArea, arbExpertiseEntry, arbPhase } from './arbitraries';
import { academy, need, NOW, supporter } from './fixtures';

/** An independent statement of which phases are adjacent. */
const CHAIN: readonly Phase[] = ['NURSERY', 'PRIMARY', 'MIDDLE', 'SECONDARY', 'SIXTEEN_PLUS'];
function adjacent(a: Phase, b: Phase): boolean {
  const i = CHAIN.indexOf(a);
  const j = CHAIN.indexOf(b);
  if (i >= 0 && j >= 0) return Math.abs(i - j) === 1;
  const pair = [a, b].sort().join('+');
  if (pair === 'ALTERNATIVE_PROVISION+SPECIAL') return true;
  const other = a === 'ALL_THROUGH' ? b : b === 'ALL_THROUGH' ? a : null;
  return other !== null && ['PRIMARY', 'MIDDLE', 'SECONDARY', 'SIXTEEN_PLUS'].includes(other);
}

describe('phaseAffinity: same phase 1, adjacent 0.5, otherwise 0', () => {
  it('agrees with the adjacency rule for every pair of phases', () => {
    for (const worked of PHASES) {
      for (const needed of PHASES) {
        const expected = worked === needed ? 1 : adjacent(worked, needed) ? 0.5 : 0;
        expect([worked, needed, phaseAffinity(worked, needed, C)]).toEqual([worked, needed, expected]);
      }
    }
  });

  it('uses the configured related value, clamped into [0, 1]', () => {
    const related = (relatedPhaseValue: number) => ({ ...C, expertise: { ...C.expertise, relatedPhaseValue } });
    expect(phaseAffinity('NURSERY', 'PRIMARY', related(0.3))).toBe(0.3);
    expect(phaseAffinity('NURSERY', 'PRIMARY', related(4))).toBe(1);
    expect(phaseAffinity('PRIMARY', 'PRIMARY', related(0.3))).toBe(1);
    expect(phaseAffinity('NURSERY', 'SECONDARY', related(0.3))).toBe(0);
  });
});

describe('isRelevantDesignation', () => {
  const levels = EXPERTISE_LEVELS;

  it('SLE: from EXPERT up, in any area; below it, never', () => {
    for (const level of levels) {
      const expected = rankOf(levels, level) >= rankOf(levels, 'EXPERT');
      expect([level, isRelevantDesignation('SLE', 'PHONICS', level, C)]).toEqual([level, expected]);
    }
  });

  it('SLE: follows the configured minimum level', () => {
    const secure = { ...C, expertise: { ...C.expertise, sleMinimumLevel: 'SECURE' as const } };
    expect(isRelevantDesignation('SLE', 'MATHS', 'SECURE', secure)).toBe(true);
    expect(isRelevantDesignation('SLE', 'MATHS', 'DEVELOPING', secure)).toBe(false);
    const top = { ...C, expertise: { ...C.expertise, sleMinimumLevel: 'SYSTEM_LEADER' as const } };
    expect(isRelevantDesignation('SLE', 'MATHS', 'EXPERT', top)).toBe(false);
  });

  it('NLE and LLE: any level in a leadership-and-management area (GOVERNANCE is one)', () => {
    for (const d of ['NLE', 'LLE'] as const) {
      expect(isRelevantDesignation(d, 'ASSESSMENT', 'DEVELOPING', C)).toBe(true);
      expect(isRelevantDesignation(d, 'GOVERNANCE', 'SECURE', C)).toBe(true);
    }
  });

  it('NLE and LLE: elsewhere only at SYSTEM_LEADER (EXPERT is not enough)', () => {
    for (const d of ['NLE', 'LLE'] as const) {
      expect(isRelevantDesignation(d, 'MATHS', 'SYSTEM_LEADER', C)).toBe(true);
      expect(isRelevantDesignation(d, 'MATHS', 'EXPERT', C)).toBe(false);
      expect(isRelevantDesignation(d, 'BEHAVIOUR', 'EXPERT', C)).toBe(false);
    }
  });

  it('NLG: GOVERNANCE only, whatever the level', () => {
    expect(isRelevantDesignation('NLG', 'GOVERNANCE', 'DEVELOPING', C)).toBe(true);
    expect(isRelevantDesignation('NLG', 'ASSESSMENT', 'SYSTEM_LEADER', C)).toBe(false);
  });

  it('relevantDesignations lists each relevant designation once, in the person’s order', () => {
    expect(relevantDesignations('GOVERNANCE', 'EXPERT', ['NLG', 'SLE', 'NLG', 'LLE'], C)).toEqual(['NLG', 'SLE', 'LLE']);
  });
});

describe('areas missing from the taxonomy (old data) degrade instead of throwing', () => {
  const retired = 'RETIRED_AREA' as ExpertiseArea;
  it('fall into the OTHER group and are labelled by their code', () => {
    expect(areaGroup(retired)).toBe('OTHER');
    expect(areaGroup('GOVERNANCE')).toBe('LEADERSHIP_AND_MANAGEMENT');
    expect(areaLabel(retired)).toBe('RETIRED_AREA');
    expect(areaLabel('MATHS')).toBe('Mathematics');
  });
});

describe('expertiseFitValue: weighted parts of the best entry in the area', () => {
  const value = (entries: ExpertiseEntry[], designations: Designation[] = [], homePhase: Phase = 'PRIMARY', config: RankingConfig = C) =>
    expertiseFitValue(need(), supporter({ expertise: entries, designations, homeAcademy: academy({ id: 'h', phase: homePhase }) }), config);

  it('counts the home school’s phase as experience: an empty list at a primary school matches a primary need', () => {
    expect(value([{ area: 'MATHS', level: 'SECURE', phases: [] }])).toBeCloseTo(0.25 + 0.3, 12);
    expect(value([{ area: 'MATHS', level: 'SECURE', phases: [] }], [], 'SECONDARY')).toBeCloseTo(0.25, 12);
  });

  it('takes the best stated phase, wherever it is listed', () => {
    const entry = (phases: Phase[]): ExpertiseEntry[] => [{ area: 'MATHS', level: 'SECURE', phases }];
    expect(value(entry(['SECONDARY', 'NURSERY', 'SPECIAL']), [], 'SECONDARY')).toBeCloseTo(0.25 + 0.15, 12);
    expect(value(entry(['NURSERY', 'PRIMARY']), [], 'SECONDARY')).toBeCloseTo(0.25 + 0.3, 12);
    expect(value(entry(['PRIMARY', 'NURSERY']), [], 'SECONDARY')).toBeCloseTo(0.25 + 0.3, 12);
  });

  it('normalises the configured split: level 1, phase 1, designation 0 gives (level + phase) / 2', () => {
    const split = { ...C, expertise: { ...C.expertise, parts: { level: 1, phase: 1, designation: 0 } } };
    expect(value([{ area: 'MATHS', level: 'SECURE', phases: [] }], ['SLE'], 'PRIMARY', split)).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(value([{ area: 'MATHS', level: 'SYSTEM_LEADER', phases: [] }], ['NLE'], 'SECONDARY', split)).toBeCloseTo(0.5, 12);
  });

  it('clamps configured level values into [0, 1]', () => {
    const wild = { ...C, expertise: { ...C.expertise, levelValues: { ...C.expertise.levelValues, SYSTEM_LEADER: 3 } } };
    expect(value([{ area: 'MATHS', level: 'SYSTEM_LEADER', phases: [] }], [], 'SECONDARY', wild)).toBeCloseTo(0.5, 12);
  });

  it('gives the designation part for a relevant designation only', () => {
    expect(value([{ area: 'MATHS', level: 'EXPERT', phases: [] }], ['NLG', 'NLE'], 'SECONDARY')).toBeCloseTo(0.375, 12);
    expect(value([{ area: 'MATHS', level: 'EXPERT', phases: [] }], ['NLG', 'SLE'], 'SECONDARY')).toBeCloseTo(0.575, 12);
  });
});

describe('expertiseFitValue properties (random people)', () => {
  const person = (expertise: ExpertiseEntry[], designations: Designation[], homePhase: Phase) =>
    supporter({ expertise, designations, homeAcademy: academy({ id: 'h', phase: homePhase }) });
  const arbPerson = fc.record({
    expertise: fc.array(arbExpertiseEntry, { maxLength: 4 }),
    designations: fc.subarray([...DESIGNATIONS] as Designation[]),
    homePhase: arbPhase,
  });
  const arbNeedShape = fc.record({ area: arbArea, phase: arbPhase });

  it('lies in [0, 1], and is 0 exactly when there is no entry in the area', () => {
    fc.assert(
      fc.property(arbPerson, arbNeedShape, (p, n) => {
        const v = expertiseFitValue(need(n), person(p.expertise, p.designations, p.homePhase), C);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(v === 0).toBe(!p.expertise.some((e) => e.area === n.area));
      }),
    );
  });

  it('never falls with another entry, another stated phase, another designation or a higher level', () => {
    fc.assert(
      fc.property(arbPerson, arbNeedShape, arbExpertiseEntry, arbPhase, fc.constantFrom(...DESIGNATIONS), (p, n, extra, phase, d) => {
        const base = expertiseFitValue(need(n), person(p.expertise, p.designations, p.homePhase), C);
        const more = (expertise: ExpertiseEntry[], designations: Designation[]) =>
          expertiseFitValue(need(n), person(expertise, designations, p.homePhase), C);
        expect(more([...p.expertise, extra], p.designations)).toBeGreaterThanOrEqual(base);
        expect(more(p.expertise, [...p.designations, d])).toBeGreaterThanOrEqual(base);
        const withPhase = p.expertise.map((e) => ({ ...e, phases: [...e.phases, phase] }));
        expect(more(withPhase, p.designations)).toBeGreaterThanOrEqual(base);
        const up = (l: ExpertiseLevel): ExpertiseLevel => EXPERTISE_LEVELS[Math.min(3, rankOf(EXPERTISE_LEVELS, l) + 1)]!;
        expect(more(p.expertise.map((e) => ({ ...e, level: up(e.level) })), p.designations)).toBeGreaterThanOrEqual(base);
      }),
    );
  });
});

describe('expertiseFitDetail: names the entry, the phase evidence and the designations', () => {
  const detail = (entries: ExpertiseEntry[], homePhase: Phase, needPhase: Phase, designations: Designation[] = []) =>
    expertiseFitDetail(
      need({ phase: needPhase }),
      supporter({ expertise: entries, designations, homeAcademy: academy({ id: 'h', phase: homePhase }) }),
      C,
    );
  const maths = (level: ExpertiseLevel, phases: Phase[]): ExpertiseEntry => ({ area: 'MATHS', level, phases });

  it('credits the home school when nothing stated is as good', () => {
    expect(detail([maths('SECURE', [])], 'PRIMARY', 'PRIMARY')).toBe(
      'SECURE in Mathematics (0.5); home school is PRIMARY; no relevant designation',
    );
    expect(detail([maths('SECURE', ['SPECIAL'])], 'NURSERY', 'PRIMARY')).toBe(
      'SECURE in Mathematics (0.5); home school is NURSERY, related to PRIMARY; no relevant designation',
    );
  });

  it('names a stated phase as good as the home school’s, the first of equals', () => {
    expect(detail([maths('EXPERT', ['PRIMARY'])], 'PRIMARY', 'PRIMARY', ['SLE'])).toBe(
      'EXPERT in Mathematics (0.75); has worked in PRIMARY; SLE relevant',
    );
    expect(detail([maths('EXPERT', ['MIDDLE', 'NURSERY'])], 'SECONDARY', 'PRIMARY')).toContain(
      'has worked in MIDDLE, related to PRIMARY',
    );
    expect(detail([maths('EXPERT', ['NURSERY', 'PRIMARY', 'MIDDLE'])], 'SECONDARY', 'PRIMARY')).toContain('has worked in PRIMARY;');
    expect(detail([maths('EXPERT', ['NURSERY'])], 'MIDDLE', 'PRIMARY')).toContain('has worked in NURSERY, related to PRIMARY');
  });

  it('keeps an exact home match over a related stated phase', () => {
    expect(detail([maths('EXPERT', ['NURSERY'])], 'PRIMARY', 'PRIMARY')).toContain('home school is PRIMARY;');
  });

  it('says when there is no phase experience at all', () => {
    expect(detail([maths('EXPERT', ['SPECIAL'])], 'SECONDARY', 'NURSERY')).toContain('no experience of NURSERY or a related phase');
  });

  it('describes the best entry, the first of equals', () => {
    // Both entries are worth 0.25 + 0.3 = 0.55: one by a stated phase, one by the home phase.
    expect(detail([maths('SECURE', ['PRIMARY']), maths('SECURE', [])], 'PRIMARY', 'PRIMARY')).toContain('has worked in PRIMARY');
    expect(detail([maths('SECURE', []), maths('SECURE', ['PRIMARY'])], 'PRIMARY', 'PRIMARY')).toContain('home school is PRIMARY');
    // A better later entry wins.
    expect(detail([maths('DEVELOPING', []), maths('SYSTEM_LEADER', [])], 'PRIMARY', 'PRIMARY')).toContain('SYSTEM_LEADER');
    expect(detail([maths('SYSTEM_LEADER', []), maths('DEVELOPING', [])], 'PRIMARY', 'PRIMARY')).toContain('SYSTEM_LEADER');
  });

  it('lists every relevant designation, for the described entry’s level', () => {
    expect(detail([maths('SYSTEM_LEADER', [])], 'PRIMARY', 'PRIMARY', ['NLE', 'SLE', 'NLG'])).toBe(
      'SYSTEM_LEADER in Mathematics (1); home school is PRIMARY; NLE, SLE relevant',
    );
  });

  it('says when there is no entry in the area', () => {
    expect(detail([{ area: 'ENGLISH', level: 'EXPERT', phases: [] }], 'PRIMARY', 'PRIMARY')).toBe('no expertise in Mathematics');
  });
});

describe('the expertiseFit factor reads the need and the supporter', () => {
  it('gives the value and the sentence for the pair', () => {
    const n = need({ area: 'GOVERNANCE', phase: 'SECONDARY' });
    const s = supporter({
      expertise: [{ area: 'GOVERNANCE', level: 'DEVELOPING', phases: [] }],
      designations: ['NLG'],
      homeAcademy: academy({ id: 'h', phase: 'SECONDARY' }),
    });
    const input = { need: n, supporter: s, distanceKm: null, now: NOW, config: C };
    expect(expertiseFit.name).toBe('expertiseFit');
    expect(expertiseFit.value(input)).toBeCloseTo(0.125 + 0.3 + 0.2, 12);
    expect(expertiseFit.detail(input)).toBe('DEVELOPING in Governance (0.25); home school is SECONDARY; NLG relevant');
  });
});
