// The mapping of inspection outcomes to the rules (docs/ofsted-inspections.md): which
// inspection is latest, when a school must not lend staff, what a report card adds to need
// priority, how explanations name the inspection, and that a school with only a single-word
// judgement is ranked exactly as before.
import fc from 'fast-check';
import {
  inspectionLabel,
  latestInspection,
  type LatestInspection,
  mustNotLendReason,
  type ReportCard,
  REPORT_CARD_AREAS,
  REPORT_CARD_GRADES,
  type ReportCardGrade,
} from '../../../server/domain/inspection';
import { EXCLUSION_REASONS, type ExclusionReason, OFSTED_RATINGS } from '../../../server/domain/enums';
import {
  DEFAULT_RANKING_CONFIG as C,
  firstExclusionReason,
  inspectionOf,
  inspectionPriorityValue,
  needPriority,
  ofstedRating,
  rankCandidatesForNeed,
  sustainabilityDetail,
  sustainabilityValue,
} from '../../../server/ranking';
import { rankingConfigProblems } from '../../../server/ranking/config';
import { arbNeed, arbSupporters } from './arbitraries';
import { academy, need, NOW, supporter as staff } from './fixtures';
import { oracleReasons } from './oracle';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const SIX = REPORT_CARD_AREAS.slice(0, 6);
function card(grades: Partial<Record<(typeof REPORT_CARD_AREAS)[number], ReportCardGrade>>, safeguarding: 'MET' | 'NOT_MET' = 'MET', on = '2026-03-12'): ReportCard {
  return { inspectedOn: day(on), safeguarding, grades: Object.entries(grades).map(([area, grade]) => ({ area: area as never, grade: grade! })) };
}
const allExpected = card(Object.fromEntries(SIX.map((a) => [a, 'EXPECTED_STANDARD'])));
const asLatest = (c: ReportCard): LatestInspection => ({ kind: 'REPORT_CARD', ...c });

describe('latestInspection: whichever is more recent', () => {
  it('a judgement alone is the latest, with its date', () => {
    expect(latestInspection({ rating: 'GOOD', inspectedOn: day('2019-05-01') }, null)).toEqual({ kind: 'JUDGEMENT', rating: 'GOOD', inspectedOn: day('2019-05-01') });
  });
  it('a report card after the judgement wins; an undated judgement is older than any report card', () => {
    expect(latestInspection({ rating: 'OUTSTANDING', inspectedOn: day('2019-05-01') }, allExpected).kind).toBe('REPORT_CARD');
    expect(latestInspection({ rating: 'OUTSTANDING', inspectedOn: null }, allExpected).kind).toBe('REPORT_CARD');
    expect(latestInspection({ rating: 'NOT_INSPECTED', inspectedOn: null }, allExpected).kind).toBe('REPORT_CARD');
  });
  it('a judgement dated after the report card wins; the same day goes to the report card', () => {
    expect(latestInspection({ rating: 'GOOD', inspectedOn: day('2026-04-01') }, allExpected).kind).toBe('JUDGEMENT');
    expect(latestInspection({ rating: 'GOOD', inspectedOn: day('2026-03-12') }, allExpected).kind).toBe('REPORT_CARD');
  });
});

describe('mustNotLendReason: a category of concern under either framework', () => {
  it('a judgement: only Inadequate', () => {
    for (const rating of OFSTED_RATINGS) {
      expect(mustNotLendReason({ kind: 'JUDGEMENT', rating, inspectedOn: null })).toBe(rating === 'INADEQUATE' ? 'judged Inadequate' : null);
    }
  });
  it('a report card: safeguarding not met, whatever the grades', () => {
    const excellent = card(Object.fromEntries(SIX.map((a) => [a, 'EXCEPTIONAL'])), 'NOT_MET');
    expect(mustNotLendReason(asLatest(excellent))).toBe('safeguarding not met');
  });
  it('a report card: urgent improvement in leadership and governance, or in any other area', () => {
    expect(mustNotLendReason(asLatest(card({ ...Object.fromEntries(SIX.map((a) => [a, 'EXPECTED_STANDARD'])), LEADERSHIP_AND_GOVERNANCE: 'URGENT_IMPROVEMENT' })))).toBe(
      'urgent improvement in leadership and governance',
    );
    expect(mustNotLendReason(asLatest(card({ INCLUSION: 'STRONG_STANDARD', SIXTH_FORM: 'URGENT_IMPROVEMENT' })))).toBe('urgent improvement in sixth form');
  });
  it('a report card needing attention is not a category of concern', () => {
    expect(mustNotLendReason(asLatest(card(Object.fromEntries(SIX.map((a) => [a, 'NEEDS_ATTENTION'])))))).toBeNull();
  });
});

describe('inspectionLabel names the inspection', () => {
  it('report card, dated judgement, undated judgement, never inspected', () => {
    expect(inspectionLabel(asLatest(allExpected))).toBe('Ofsted report card, 12 Mar 2026');
    expect(inspectionLabel({ kind: 'JUDGEMENT', rating: 'GOOD', inspectedOn: day('2019-05-01') })).toBe('Ofsted judgement GOOD, 1 May 2019');
    expect(inspectionLabel({ kind: 'JUDGEMENT', rating: 'GOOD', inspectedOn: null })).toBe('Ofsted judgement GOOD (date not recorded)');
    expect(inspectionLabel({ kind: 'JUDGEMENT', rating: 'NOT_INSPECTED', inspectedOn: null })).toBe('not inspected by Ofsted');
  });
});

describe('priority contribution of a report card: its own scale, not the old grades', () => {
  it('is the mean of the area values', () => {
    const v = C.priority.reportCardGradeValues;
    expect(inspectionPriorityValue(asLatest(allExpected), C)).toBeCloseTo(v.EXPECTED_STANDARD, 12);
    const mixed = card({ INCLUSION: 'NEEDS_ATTENTION', CURRICULUM_AND_TEACHING: 'NEEDS_ATTENTION', ACHIEVEMENT: 'EXPECTED_STANDARD', ATTENDANCE_AND_BEHAVIOUR: 'STRONG_STANDARD' });
    expect(inspectionPriorityValue(asLatest(mixed), C)).toBeCloseTo((2 * v.NEEDS_ATTENTION + v.EXPECTED_STANDARD + v.STRONG_STANDARD) / 4, 12);
  });
  it('a category of concern takes the full category value', () => {
    expect(inspectionPriorityValue(asLatest(card({ INCLUSION: 'EXCEPTIONAL' }, 'NOT_MET')), C)).toBe(C.priority.categoryOfConcernValue);
    expect(inspectionPriorityValue(asLatest(card({ INCLUSION: 'EXCEPTIONAL', ACHIEVEMENT: 'URGENT_IMPROVEMENT' })), C)).toBe(C.priority.categoryOfConcernValue);
  });
  it('a worse grade in any area never lowers priority (property)', () => {
    const arbGrade = fc.constantFrom(...REPORT_CARD_GRADES);
    fc.assert(
      fc.property(fc.array(arbGrade, { minLength: 6, maxLength: 6 }), fc.nat(5), (grades, at) => {
        const before = card(Object.fromEntries(SIX.map((a, i) => [a, grades[i]!])));
        const worse = REPORT_CARD_GRADES[Math.min(REPORT_CARD_GRADES.indexOf(grades[at]!) + 1, REPORT_CARD_GRADES.length - 1)]!;
        const after = card(Object.fromEntries(SIX.map((a, i) => [a, i === at ? worse : grades[i]!])));
        return inspectionPriorityValue(asLatest(after), C) >= inspectionPriorityValue(asLatest(before), C);
      }),
    );
  });
  it('the configuration refuses report-card values that fall along the scale', () => {
    const bad = { ...C, priority: { ...C.priority, reportCardGradeValues: { ...C.priority.reportCardGradeValues, URGENT_IMPROVEMENT: 0.2 } } };
    expect(rankingConfigProblems(bad).join('\n')).toMatch(/reportCardGradeValues/);
  });
  it('the explanation names the report card, and what it added', () => {
    const n = need({ academy: academy({ inspection: asLatest(allExpected) }) });
    const factor = needPriority(n, NOW).factors.find((f) => f.name === 'ofstedRating')!;
    expect(factor.value).toBeCloseTo(C.priority.reportCardGradeValues.EXPECTED_STANDARD, 12);
    expect(factor.detail).toBe('Ofsted report card, 12 Mar 2026: safeguarding met; mean of 6 area grades (6 expected standard) = 0.4');
    const concern = need({ academy: academy({ inspection: asLatest(card({ INCLUSION: 'EXPECTED_STANDARD' }, 'NOT_MET')) }) });
    expect(ofstedRating.detail({ need: concern, now: NOW, config: C })).toBe('Ofsted report card, 12 Mar 2026: category of concern (safeguarding not met), full weight');
  });
});

describe('report card edge cases', () => {
  it('a report card with no area grades (never stored so) counts as the expected standard, not as nothing', () => {
    expect(inspectionPriorityValue(asLatest(card({})), C)).toBe(C.priority.reportCardGradeValues.EXPECTED_STANDARD);
  });
  it('the explanation lists each grade met with its count, best first, separated by commas', () => {
    const mixed = card({ INCLUSION: 'NEEDS_ATTENTION', CURRICULUM_AND_TEACHING: 'NEEDS_ATTENTION', ACHIEVEMENT: 'EXPECTED_STANDARD', ATTENDANCE_AND_BEHAVIOUR: 'STRONG_STANDARD' });
    const n = need({ academy: academy({ inspection: asLatest(mixed) }) });
    expect(ofstedRating.detail({ need: n, now: NOW, config: C })).toMatch(/mean of 4 area grades \(1 strong standard, 1 expected standard, 2 needs attention\) = /);
  });
});

describe('a school with only a single-word judgement is scored exactly as before', () => {
  it('priority, with or without the inspection record, equals the old table; only the sentence names the judgement', () => {
    for (const rating of OFSTED_RATINGS) {
      const bare = needPriority(need({ academy: academy({ ofstedRating: rating }) }), NOW);
      const dated = needPriority(need({ academy: academy({ ofstedRating: rating, inspection: { kind: 'JUDGEMENT', rating, inspectedOn: day('2019-05-01') } }) }), NOW);
      expect(dated.score).toBe(bare.score);
      expect(bare.factors.find((f) => f.name === 'ofstedRating')!.value).toBe(C.priority.ofstedValues[rating]);
    }
    const good = needPriority(need({ academy: academy({ ofstedRating: 'GOOD', inspection: { kind: 'JUDGEMENT', rating: 'GOOD', inspectedOn: day('2019-05-01') } }) }), NOW);
    expect(good.factors.find((f) => f.name === 'ofstedRating')!.detail).toBe('Ofsted judgement GOOD, 1 May 2019');
  });
});

describe('the home-school rule and sustainability follow the latest inspection', () => {
  const home = (inspection: LatestInspection, ofsted: (typeof OFSTED_RATINGS)[number] = 'GOOD') => academy({ id: 'home', ofstedRating: ofsted, inspection });
  it('an Inadequate school with a newer report card at the expected standard may lend', () => {
    const s = staff({ homeAcademy: home(asLatest(allExpected), 'INADEQUATE') });
    expect(firstExclusionReason(need(), s, NOW)).toBeNull();
  });
  it('an Outstanding school whose newer report card has safeguarding not met may not', () => {
    const s = staff({ homeAcademy: home(asLatest(card({ INCLUSION: 'EXCEPTIONAL' }, 'NOT_MET')), 'OUTSTANDING') });
    expect(firstExclusionReason(need(), s, NOW)).toBe('HOME_SCHOOL_INADEQUATE');
  });
  it('sustainability: needs attention is penalised as Requires Improvement was, and the sentence names the inspection', () => {
    const attention = home(asLatest(card({ INCLUSION: 'NEEDS_ATTENTION', ACHIEVEMENT: 'EXPECTED_STANDARD' })), 'OUTSTANDING');
    const sup = { homeAcademy: attention, homeOpenHighSeverityAreas: [] };
    expect(sustainabilityValue('MATHS', sup, C)).toBeCloseTo(1 - C.sustainability.requiresImprovementPenalty, 12);
    expect(sustainabilityDetail('MATHS', sup)).toBe('home school needs attention in inclusion (Ofsted report card, 12 Mar 2026)');
    const judged = { homeAcademy: home({ kind: 'JUDGEMENT', rating: 'GOOD', inspectedOn: day('2019-05-01') }), homeOpenHighSeverityAreas: [] };
    expect(sustainabilityValue('MATHS', judged, C)).toBe(1);
    expect(sustainabilityDetail('MATHS', judged)).toBe(
      'home school can spare them (not Requires Improvement, no open high-severity need in the area) (Ofsted judgement GOOD, 1 May 2019)',
    );
  });
});

describe('sustainability goes by the latest inspection record, not the single-word rating beside it', () => {
  const sup = (inspection: LatestInspection, ofsted: (typeof OFSTED_RATINGS)[number] = 'GOOD') => ({
    homeAcademy: academy({ id: 'home', ofstedRating: ofsted, inspection }),
    homeOpenHighSeverityAreas: [] as 'MATHS'[],
  });
  const RI = 1 - C.sustainability.requiresImprovementPenalty;
  it('a recorded Requires Improvement judgement is penalised even beside a Good rating; a recorded Good one is not, even beside Requires Improvement', () => {
    const ri = sup({ kind: 'JUDGEMENT', rating: 'REQUIRES_IMPROVEMENT', inspectedOn: day('2024-01-10') }, 'GOOD');
    expect(sustainabilityValue('MATHS', ri, C)).toBeCloseTo(RI, 12);
    expect(sustainabilityDetail('MATHS', ri)).toBe('home school Requires Improvement (Ofsted judgement REQUIRES_IMPROVEMENT, 10 Jan 2024)');
    const good = sup({ kind: 'JUDGEMENT', rating: 'GOOD', inspectedOn: day('2024-01-10') }, 'REQUIRES_IMPROVEMENT');
    expect(sustainabilityValue('MATHS', good, C)).toBe(1);
  });
  it('a report card with no area needing attention is not penalised, and says so; two areas needing attention are both named', () => {
    const fine = sup(asLatest(allExpected), 'REQUIRES_IMPROVEMENT');
    expect(sustainabilityValue('MATHS', fine, C)).toBe(1);
    expect(sustainabilityDetail('MATHS', fine)).toBe(
      'home school can spare them (no area needing attention, no open high-severity need in the area) (Ofsted report card, 12 Mar 2026)',
    );
    const two = sup(asLatest(card({ INCLUSION: 'NEEDS_ATTENTION', ACHIEVEMENT: 'NEEDS_ATTENTION', ATTENDANCE_AND_BEHAVIOUR: 'STRONG_STANDARD' })));
    expect(sustainabilityValue('MATHS', two, C)).toBeCloseTo(RI, 12);
    expect(sustainabilityDetail('MATHS', two)).toBe('home school needs attention in inclusion, achievement (Ofsted report card, 12 Mar 2026)');
  });
  it('a school in a category of concern scores 0, and the sentence names the judgement or the report card’s reason', () => {
    const inadequate = sup({ kind: 'JUDGEMENT', rating: 'INADEQUATE', inspectedOn: day('2024-01-10') });
    expect(sustainabilityValue('MATHS', inadequate, C)).toBe(0);
    expect(sustainabilityDetail('MATHS', inadequate)).toBe('home school is Inadequate (Ofsted judgement INADEQUATE, 10 Jan 2024)');
    const notMet = sup(asLatest(card({ INCLUSION: 'EXPECTED_STANDARD' }, 'NOT_MET')));
    expect(sustainabilityValue('MATHS', notMet, C)).toBe(0);
    expect(sustainabilityDetail('MATHS', notMet)).toBe('home school in a category of concern: safeguarding not met (Ofsted report card, 12 Mar 2026)');
  });
});

describe('properties: with random inspections and closures, rankings match the plain restatement of the rules', () => {
  const arbCard: fc.Arbitrary<LatestInspection> = fc
    .record({
      day: fc.integer({ min: 0, max: 400 }),
      safeguarding: fc.constantFrom('MET', 'MET', 'MET', 'NOT_MET' as const),
      grades: fc.array(fc.constantFrom(...REPORT_CARD_GRADES), { minLength: 6, maxLength: 6 }),
    })
    .map(({ day: d, safeguarding, grades }) => ({
      kind: 'REPORT_CARD' as const,
      inspectedOn: new Date(Date.UTC(2025, 10, 10 + d)),
      safeguarding: safeguarding as 'MET' | 'NOT_MET',
      grades: SIX.map((area, i) => ({ area, grade: grades[i]! })),
    }));
  const arbJudgement: fc.Arbitrary<LatestInspection> = fc.constantFrom(...OFSTED_RATINGS).map((rating) => ({ kind: 'JUDGEMENT' as const, rating, inspectedOn: null }));
  const arbHome = fc.record({ inspection: fc.option(fc.oneof(arbCard, arbJudgement), { nil: undefined }), closed: fc.boolean() });
  const oracle = (n: Parameters<typeof oracleReasons>[0], s: Parameters<typeof oracleReasons>[1]) =>
    oracleReasons(n, s, { now: NOW, minimumUsefulDays: C.constraints.minimumUsefulDays, defaultAcademyMaxTravelKm: C.constraints.defaultAcademyMaxTravelKm });

  it('nobody from a school in a category of concern, or a closed one, is ever ranked; every exclusion is counted under its first reason', () => {
    fc.assert(
      fc.property(arbNeed, arbSupporters(), fc.array(arbHome, { minLength: 25, maxLength: 25 }), (n, supporters, homes) => {
        const withHomes = supporters.map((s, i) => {
          const { inspection, closed } = homes[i]!;
          return { ...s, homeAcademy: { ...s.homeAcademy, closed, ...(inspection ? { inspection } : {}) } };
        });
        const expected = withHomes.map((s) => oracle(n, s));
        fc.pre(!expected.includes('AMBIGUOUS'));
        const result = rankCandidatesForNeed(n, withHomes, { now: NOW, first: Number.POSITIVE_INFINITY });
        for (const c of result.candidates) {
          expect(c.supporter.homeAcademy.closed).toBe(false);
          expect(mustNotLendReason(inspectionOf(c.supporter.homeAcademy))).toBeNull();
        }
        const counts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
        for (const reasons of expected) if (reasons !== 'AMBIGUOUS' && reasons.length) counts[reasons[0]!] += 1;
        expect(result.exclusions).toEqual(counts);
      }),
      { numRuns: 200 },
    );
  });
});
