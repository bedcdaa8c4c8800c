// The proposal rules of server/maturity/propose.ts: worked examples at each stage's edge, and
// properties on random facts (more of a good thing never lowers the stage; every criterion of
// the proposed stage and below holds; the next stage's missing criteria are named).
import fc from 'fast-check';
import { MATURITY_STAGES } from '../../../server/domain/maturity-tool';
import type { Step6Facts, Step8Facts, Step9Facts } from '../../../server/maturity/facts';
import { proposeStep6, proposeStep8, proposeStep9, type MaturityProposal } from '../../../server/maturity/propose';

const YEAR = '2026/27';
const rank = (p: MaturityProposal) => MATURITY_STAGES.indexOf(p.stage);

const step6 = (o: Partial<Step6Facts> = {}): Step6Facts => ({ needsRaised: 0, needsMetFromOwnSchools: 0, deliveredDeployments: 0, withNamedImpact: 0, supporters: 0, ...o });
const step8 = (o: Partial<Step8Facts> = {}): Step8Facts => ({ staff: 0, staffWhoSupportedAnotherSchool: 0, daysGiven: 0, seniorLeaders: 0, seniorLeadersInMoreThanOneAcademy: 0, middleLeadersAndTeachersDeployed: 0, ...o });
const step9 = (o: Partial<Step9Facts> = {}): Step9Facts => ({
  daysGivenBeyond: 0,
  daysReceivedFromBeyond: 0,
  schoolsSupportedBeyond: 0,
  systemLeaders: { NLE: 0, LLE: 0, SLE: 0, NLG: 0 },
  systemLeadersWhoSupportedBeyond: 0,
  ...o,
});

describe('Step 6: school-to-school support', () => {
  it('is Beginning with no needs, and says what is missing', () => {
    const p = proposeStep6(step6(), YEAR);
    expect(p.stage).toBe('BEGINNING');
    expect(p.toReachNextStage).toEqual(["at least 25 % of needs met by support from the trust's own schools"]);
    expect(p.reasons.map((r) => r.measure)).toEqual(['needsMetFromOwnSchoolsShare', 'namedImpactShare', 'supporters']);
  });
  it.each([
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 0 }), 'BEGINNING'],
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 1 }), 'DEVELOPING'],
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 2, deliveredDeployments: 2, withNamedImpact: 0 }), 'DEVELOPING'],
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 2, deliveredDeployments: 2, withNamedImpact: 1 }), 'EMBEDDING'],
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 3, deliveredDeployments: 5, withNamedImpact: 3 }), 'EMBEDDING'],
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 3, deliveredDeployments: 5, withNamedImpact: 4 }), 'LEADING'],
    // Leading's thresholds without Embedding's? Impossible by construction; but a high share of
    // needs met with no named impact stops at Developing.
    [step6({ needsRaised: 4, needsMetFromOwnSchools: 4, deliveredDeployments: 4, withNamedImpact: 0 }), 'DEVELOPING'],
  ])('%j → %s', (facts, stage) => {
    expect(proposeStep6(facts, YEAR).stage).toBe(stage);
  });
  it('explains its shares in words with the counts', () => {
    const p = proposeStep6(step6({ needsRaised: 4, needsMetFromOwnSchools: 3, deliveredDeployments: 5, withNamedImpact: 4, supporters: 3 }), YEAR);
    expect(p.reasons[0]).toEqual({ measure: 'needsMetFromOwnSchoolsShare', value: 0.75, detail: "3 of 4 needs raised in 2026/27 were met by support from the trust's own schools (75 %)" });
    expect(p.reasons[1]!.value).toBe(0.8);
  });
  it('refuses facts where a part exceeds its whole, naming both', () => {
    expect(() => proposeStep6(step6({ needsRaised: 1, needsMetFromOwnSchools: 2 }), YEAR)).toThrow('needsMetFromOwnSchools (2) cannot exceed needsRaised (1)');
    expect(() => proposeStep6(step6({ supporters: -1 }), YEAR)).toThrow('supporters must be a count of 0 or more');
  });
});

describe('Step 8: deploying talented staff across schools', () => {
  it.each([
    [step8({ staff: 100, staffWhoSupportedAnotherSchool: 4 }), 'BEGINNING'],
    [step8({ staff: 100, staffWhoSupportedAnotherSchool: 5 }), 'DEVELOPING'],
    [step8({ staff: 100, staffWhoSupportedAnotherSchool: 10, seniorLeaders: 10, seniorLeadersInMoreThanOneAcademy: 0 }), 'DEVELOPING'],
    [step8({ staff: 100, staffWhoSupportedAnotherSchool: 10, seniorLeaders: 10, seniorLeadersInMoreThanOneAcademy: 1 }), 'EMBEDDING'],
    [step8({ staff: 100, staffWhoSupportedAnotherSchool: 20, seniorLeaders: 10, seniorLeadersInMoreThanOneAcademy: 5, middleLeadersAndTeachersDeployed: 0 }), 'EMBEDDING'],
    [step8({ staff: 100, staffWhoSupportedAnotherSchool: 20, seniorLeaders: 10, seniorLeadersInMoreThanOneAcademy: 5, middleLeadersAndTeachersDeployed: 1 }), 'LEADING'],
  ])('%j → %s', (facts, stage) => {
    expect(proposeStep8(facts, YEAR).stage).toBe(stage);
  });
  it('reports the days given among its reasons', () => {
    const p = proposeStep8(step8({ staff: 10, staffWhoSupportedAnotherSchool: 2, daysGiven: 14 }), YEAR);
    expect(p.reasons.find((r) => r.measure === 'daysGiven')).toEqual({ measure: 'daysGiven', value: 14, detail: '14 days given to other schools of the trust in 2026/27' });
  });
});

describe('Step 9: support beyond the trust', () => {
  const allKinds = { NLE: 1, LLE: 0, SLE: 2, NLG: 1 };
  it.each([
    [step9(), 'BEGINNING'],
    [step9({ daysReceivedFromBeyond: 3 }), 'DEVELOPING'],
    [step9({ daysGivenBeyond: 10 }), 'DEVELOPING'],
    [step9({ daysGivenBeyond: 10, systemLeaders: { NLE: 0, LLE: 0, SLE: 1, NLG: 0 } }), 'EMBEDDING'],
    [step9({ daysGivenBeyond: 30, systemLeaders: { NLE: 0, LLE: 0, SLE: 1, NLG: 0 }, systemLeadersWhoSupportedBeyond: 1 }), 'EMBEDDING'],
    [step9({ daysGivenBeyond: 30, systemLeaders: allKinds, systemLeadersWhoSupportedBeyond: 0 }), 'EMBEDDING'],
    [step9({ daysGivenBeyond: 30, systemLeaders: allKinds, systemLeadersWhoSupportedBeyond: 1 }), 'LEADING'],
    // LLE counts as a leader of education in place of an NLE.
    [step9({ daysGivenBeyond: 30, systemLeaders: { NLE: 0, LLE: 1, SLE: 1, NLG: 1 }, systemLeadersWhoSupportedBeyond: 1 }), 'LEADING'],
  ])('%j → %s', (facts, stage) => {
    expect(proposeStep9(facts, YEAR).stage).toBe(stage);
  });
  it('lists system leaders by designation', () => {
    const p = proposeStep9(step9({ systemLeaders: allKinds }), YEAR);
    expect(p.reasons.find((r) => r.measure === 'systemLeaders')!.detail).toBe('system leaders by designation: 1 NLE, 0 LLE, 2 SLE, 1 NLG');
  });
});

// Random facts that are consistent (parts within their wholes).
const count = fc.integer({ min: 0, max: 60 });
const arbStep6 = fc
  .tuple(count, count, count, count, count)
  .map(([a, b, c, d, s]) => step6({ needsRaised: Math.max(a, b), needsMetFromOwnSchools: Math.min(a, b), deliveredDeployments: Math.max(c, d), withNamedImpact: Math.min(c, d), supporters: s }));
const arbStep8 = fc.tuple(count, count, count, count, count, count).map(([staff, sup, senior, across, ml, days]) => {
  const s = Math.max(staff, sup, senior);
  const supported = Math.min(sup, s);
  const seniors = Math.min(senior, s);
  return step8({ staff: s, staffWhoSupportedAnotherSchool: supported, seniorLeaders: seniors, seniorLeadersInMoreThanOneAcademy: Math.min(across, seniors), middleLeadersAndTeachersDeployed: Math.min(ml, supported), daysGiven: days });
});
const arbStep9 = fc.tuple(count, count, count, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }), count).map(([given, received, schools, [nle, lle, sle, nlg], beyond]) =>
  step9({ daysGivenBeyond: given, daysReceivedFromBeyond: received, schoolsSupportedBeyond: schools, systemLeaders: { NLE: nle!, LLE: lle!, SLE: sle!, NLG: nlg! }, systemLeadersWhoSupportedBeyond: beyond }),
);

function checkExplained(p: MaturityProposal): void {
  const r = rank(p);
  // Every criterion of the proposed stage and below holds…
  for (const c of p.criteria) if (MATURITY_STAGES.indexOf(c.stage) <= r) expect(c.met).toBe(true);
  // …and below Leading, the next stage has a criterion that does not, which is named.
  if (p.stage !== 'LEADING') {
    const next = MATURITY_STAGES[r + 1];
    expect(p.toReachNextStage.length).toBeGreaterThan(0);
    expect(p.toReachNextStage).toEqual(p.criteria.filter((c) => c.stage === next && !c.met).map((c) => c.requirement));
  } else expect(p.toReachNextStage).toEqual([]);
  for (const reason of p.reasons) expect(Number.isFinite(reason.value) && reason.value >= 0).toBe(true);
}

describe('properties', () => {
  it('every proposal is explained: the criteria up to its stage hold, the next stage says what is missing', () => {
    fc.assert(fc.property(arbStep6, (f) => checkExplained(proposeStep6(f, YEAR))), { numRuns: 500 });
    fc.assert(fc.property(arbStep8, (f) => checkExplained(proposeStep8(f, YEAR))), { numRuns: 500 });
    fc.assert(fc.property(arbStep9, (f) => checkExplained(proposeStep9(f, YEAR))), { numRuns: 500 });
  });

  it('Step 6: one more need met, or one more deployment with named impact, never lowers the stage', () => {
    fc.assert(
      fc.property(arbStep6, (f) => {
        const before = rank(proposeStep6(f, YEAR));
        if (f.needsMetFromOwnSchools < f.needsRaised) expect(rank(proposeStep6({ ...f, needsMetFromOwnSchools: f.needsMetFromOwnSchools + 1 }, YEAR))).toBeGreaterThanOrEqual(before);
        if (f.withNamedImpact < f.deliveredDeployments) expect(rank(proposeStep6({ ...f, withNamedImpact: f.withNamedImpact + 1 }, YEAR))).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('Step 8: one more person deployed across the trust, or one more senior leader across academies, never lowers the stage', () => {
    fc.assert(
      fc.property(arbStep8, (f) => {
        const before = rank(proposeStep8(f, YEAR));
        if (f.staffWhoSupportedAnotherSchool < f.staff) expect(rank(proposeStep8({ ...f, staffWhoSupportedAnotherSchool: f.staffWhoSupportedAnotherSchool + 1 }, YEAR))).toBeGreaterThanOrEqual(before);
        if (f.seniorLeadersInMoreThanOneAcademy < f.seniorLeaders) expect(rank(proposeStep8({ ...f, seniorLeadersInMoreThanOneAcademy: f.seniorLeadersInMoreThanOneAcademy + 1 }, YEAR))).toBeGreaterThanOrEqual(before);
        expect(rank(proposeStep8({ ...f, daysGiven: f.daysGiven + 5 }, YEAR))).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('Step 9: more days given beyond the trust, or one more system leader, never lowers the stage', () => {
    fc.assert(
      fc.property(arbStep9, fc.constantFrom('NLE', 'LLE', 'SLE', 'NLG' as const), (f, designation) => {
        const before = rank(proposeStep9(f, YEAR));
        expect(rank(proposeStep9({ ...f, daysGivenBeyond: f.daysGivenBeyond + 1 }, YEAR))).toBeGreaterThanOrEqual(before);
        expect(rank(proposeStep9({ ...f, systemLeaders: { ...f.systemLeaders, [designation]: f.systemLeaders[designation] + 1 } }, YEAR))).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same facts give the same proposal', () => {
    fc.assert(fc.property(arbStep9, (f) => expect(proposeStep9(f, YEAR)).toEqual(proposeStep9(structuredClone(f), YEAR))), { numRuns: 100 });
  });
});
