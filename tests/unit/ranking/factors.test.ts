// Hand-worked expectations for each soft factor under the default configuration. The
// arithmetic is spelled out next to each expectation.
import { PHASES } from '../../../server/domain/enums';
import {
  DEFAULT_RANKING_CONFIG as C,
  RELATED_PHASES,
  contextValue,
  expertiseFitDetail,
  expertiseFitValue,
  networkValue,
  normalisedImpact,
  proximityDetail,
  proximityValue,
  relevantDesignations,
  sustainabilityDetail,
  sustainabilityValue,
  trackRecordDetail,
  trackRecordValue,
} from '../../../server/ranking';
import { academy, need, supporter } from './fixtures';

describe('expertiseFit = 0.5 * level + 0.3 * phase + 0.2 * designation', () => {
  const fit = (n: Parameters<typeof need>[0], s: Parameters<typeof supporter>[0]) => ({
    value: expertiseFitValue(need(n), supporter(s), C),
    detail: expertiseFitDetail(need(n), supporter(s), C),
  });

  it('EXPERT, has worked in the need phase, relevant SLE: 0.5*0.75 + 0.3*1 + 0.2*1 = 0.875', () => {
    const f = fit({}, { expertise: [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY'] }], designations: ['SLE'] });
    expect(f.value).toBeCloseTo(0.875, 12);
    expect(f.detail).toContain('SLE relevant');
  });

  it('SECURE, phases not stated, home school SECONDARY, need SIXTEEN_PLUS (related): 0.5*0.5 + 0.3*0.5 = 0.4', () => {
    const f = fit(
      { phase: 'SIXTEEN_PLUS' },
      { homeAcademy: academy({ id: 'h', phase: 'SECONDARY' }), expertise: [{ area: 'MATHS', level: 'SECURE', phases: [] }] },
    );
    expect(f.value).toBeCloseTo(0.4, 12);
    expect(f.detail).toContain('related');
  });

  it('DEVELOPING with no experience of the phase or a related one: 0.5*0.25 = 0.125', () => {
    const f = fit(
      { phase: 'SECONDARY' },
      { homeAcademy: academy({ id: 'h', phase: 'NURSERY' }), expertise: [{ area: 'MATHS', level: 'DEVELOPING', phases: ['SPECIAL'] }] },
    );
    expect(f.value).toBeCloseTo(0.125, 12);
  });

  it('an SLE below EXPERT level does not count: SECURE + phase match = 0.25 + 0.3 = 0.55', () => {
    const f = fit({}, { expertise: [{ area: 'MATHS', level: 'SECURE', phases: ['PRIMARY'] }], designations: ['SLE'] });
    expect(f.value).toBeCloseTo(0.55, 12);
    expect(f.detail).toContain('no relevant designation');
  });

  it('SYSTEM_LEADER, matching phase, NLE (counts for a system leader): 0.5 + 0.3 + 0.2 = 1', () => {
    const f = fit({}, { expertise: [{ area: 'MATHS', level: 'SYSTEM_LEADER', phases: ['PRIMARY'] }], designations: ['NLE'] });
    expect(f.value).toBeCloseTo(1, 12);
  });

  it('takes the best of several entries in the area and ignores other areas', () => {
    const f = fit(
      {},
      {
        expertise: [
          { area: 'ENGLISH', level: 'SYSTEM_LEADER', phases: ['PRIMARY'] },
          { area: 'MATHS', level: 'DEVELOPING', phases: ['PRIMARY'] }, // 0.125 + 0.3 = 0.425
          { area: 'MATHS', level: 'EXPERT', phases: ['SECONDARY'] }, // home PRIMARY matches: 0.375 + 0.3 = 0.675
        ],
      },
    );
    expect(f.value).toBeCloseTo(0.675, 12);
  });

  it('is 0 with no entry in the area', () => {
    expect(fit({}, { expertise: [{ area: 'ENGLISH', level: 'EXPERT', phases: [] }] }).value).toBe(0);
  });
});

describe('relevantDesignations', () => {
  it('SLE counts from EXPERT upwards in any area', () => {
    expect(relevantDesignations('MATHS', 'SECURE', ['SLE'], C)).toEqual([]);
    expect(relevantDesignations('MATHS', 'EXPERT', ['SLE'], C)).toEqual(['SLE']);
    expect(relevantDesignations('PHONICS', 'SYSTEM_LEADER', ['SLE'], C)).toEqual(['SLE']);
  });

  it('NLE and LLE count for leadership-and-management areas, and for system leaders anywhere', () => {
    expect(relevantDesignations('CURRICULUM_LEADERSHIP', 'SECURE', ['NLE', 'LLE'], C)).toEqual(['NLE', 'LLE']);
    expect(relevantDesignations('MATHS', 'EXPERT', ['NLE', 'LLE'], C)).toEqual([]);
    expect(relevantDesignations('MATHS', 'SYSTEM_LEADER', ['LLE'], C)).toEqual(['LLE']);
  });

  it('NLG counts for governance only', () => {
    expect(relevantDesignations('GOVERNANCE', 'DEVELOPING', ['NLG'], C)).toEqual(['NLG']);
    expect(relevantDesignations('MATHS', 'SYSTEM_LEADER', ['NLG'], C)).toEqual([]);
  });
});

describe('related phases', () => {
  it('are symmetric and never include the phase itself', () => {
    for (const p of PHASES) {
      expect(RELATED_PHASES[p]).not.toContain(p);
      for (const q of RELATED_PHASES[p]) expect(RELATED_PHASES[q]).toContain(p);
    }
  });
});

describe('trackRecord = (0.5 * 3 + sum of normalised impacts) / (3 + n)', () => {
  it('maps impact ratings 1..4 onto 0, 1/3, 2/3, 1', () => {
    expect([1, 2, 3, 4].map(normalisedImpact)).toEqual([0, 1 / 3, 2 / 3, 1]);
  });

  it('a newcomer gets the prior, 0.5', () => {
    expect(trackRecordValue('MATHS', [], C)).toBe(0.5);
  });

  it('one transformational result (4): (1.5 + 1) / 4 = 0.625, not 1', () => {
    expect(trackRecordValue('MATHS', [{ area: 'MATHS', impactRating: 4 }], C)).toBeCloseTo(0.625, 12);
  });

  it('two weak results (1, 1): 1.5 / 5 = 0.3', () => {
    const records = [1, 1].map((r) => ({ area: 'MATHS' as const, impactRating: r as 1 }));
    expect(trackRecordValue('MATHS', records, C)).toBeCloseTo(0.3, 12);
  });

  it('counts only the need area: [4, 4, 4, 3] in maths and a 1 in English: (1.5 + 3 + 2/3) / 7', () => {
    const records = [
      { area: 'MATHS' as const, impactRating: 4 as const },
      { area: 'MATHS' as const, impactRating: 4 as const },
      { area: 'MATHS' as const, impactRating: 4 as const },
      { area: 'MATHS' as const, impactRating: 3 as const },
      { area: 'ENGLISH' as const, impactRating: 1 as const },
    ];
    const f = { value: trackRecordValue('MATHS', records, C), detail: trackRecordDetail('MATHS', records, C) };
    expect(f.value).toBeCloseTo((1.5 + 3 + 2 / 3) / 7, 12);
    expect(f.detail).toContain('4 completed deployments');
    expect(f.detail).toContain('3.8/4'); // mean of 4, 4, 4, 3 = 3.75
  });
});

describe('proximity = 10 / (10 + km)', () => {
  it('is 1 next door, 0.5 at 10 km, 0.25 at 30 km, 0.2 at 40 km', () => {
    expect(proximityValue(0, C)).toBe(1);
    expect(proximityValue(10, C)).toBe(0.5);
    expect(proximityValue(30, C)).toBe(0.25);
    expect(proximityValue(40, C)).toBe(0.2);
  });

  it('is a neutral 0.5 when the distance is unknown', () => {
    const f = { value: proximityValue(null, C), detail: proximityDetail(null, C) };
    expect(f.value).toBe(0.5);
    expect(f.detail).toContain('unknown');
  });

  it('follows the configured scale', () => {
    expect(proximityValue(20, { ...C, proximity: { scaleKm: 20, unknownValue: 0.5 } })).toBe(0.5);
  });
});

describe('network: same cluster 1 > same trust 0.6 > outside 0.2', () => {
  const needAcademy = academy({ trustId: 'trust-1', clusterId: 'cluster-1' });
  it('grades by the closest shared grouping', () => {
    expect(networkValue(needAcademy, academy({ trustId: 'trust-1', clusterId: 'cluster-1' }), C)).toBe(1);
    expect(networkValue(needAcademy, academy({ trustId: 'trust-1', clusterId: 'cluster-2' }), C)).toBe(0.6);
    expect(networkValue(needAcademy, academy({ trustId: 'trust-1', clusterId: null }), C)).toBe(0.6);
    expect(networkValue(needAcademy, academy({ trustId: 'trust-2', clusterId: 'cluster-3' }), C)).toBe(0.2);
  });

  it('never treats two standalone schools (null trust, null cluster) as a network', () => {
    const standalone = academy({ trustId: null, clusterId: null });
    expect(networkValue(standalone, standalone, C)).toBe(0.2);
  });
});

describe('sustainability = 1 - 0.4 (home RI) - 0.6 (home open high-severity need in the area)', () => {
  const area = 'MATHS' as const;
  const home = (ofstedRating: 'GOOD' | 'REQUIRES_IMPROVEMENT' | 'INADEQUATE') => academy({ id: 'h', ofstedRating });
  it('grades the home school’s slack', () => {
    expect(sustainabilityValue(area, { homeAcademy: home('GOOD'), homeOpenHighSeverityAreas: [] }, C)).toBe(1);
    expect(sustainabilityValue(area, { homeAcademy: home('REQUIRES_IMPROVEMENT'), homeOpenHighSeverityAreas: [] }, C)).toBeCloseTo(0.6, 12);
    expect(sustainabilityValue(area, { homeAcademy: home('GOOD'), homeOpenHighSeverityAreas: ['MATHS'] }, C)).toBeCloseTo(0.4, 12);
    expect(sustainabilityValue(area, { homeAcademy: home('REQUIRES_IMPROVEMENT'), homeOpenHighSeverityAreas: ['MATHS'] }, C)).toBe(0);
    expect(sustainabilityValue(area, { homeAcademy: home('INADEQUATE'), homeOpenHighSeverityAreas: [] }, C)).toBe(0);
  });

  it('says why', () => {
    const both = { homeAcademy: home('REQUIRES_IMPROVEMENT'), homeOpenHighSeverityAreas: ['MATHS' as const] };
    expect(sustainabilityDetail(area, both)).toBe(
      'home school Requires Improvement; home school has its own open high-severity need in Mathematics',
    );
  });

  it('ignores the home school’s needs in other areas', () => {
    expect(sustainabilityValue(area, { homeAcademy: home('GOOD'), homeOpenHighSeverityAreas: ['ENGLISH'] }, C)).toBe(1);
  });
});

describe('context: 1 within 5 points, then falling to 0 over the next 25', () => {
  const ctx = (needFsm: number | null, homeFsm: number | null) =>
    contextValue(academy({ fsmPercent: needFsm }), academy({ fsmPercent: homeFsm }), C);

  it('is 1 for a similar or more disadvantaged home intake', () => {
    expect(ctx(40, 40)).toBe(1);
    expect(ctx(40, 60)).toBe(1);
    expect(ctx(44, 40)).toBe(1); // 4 points: within the 5-point tolerance
  });

  it('falls linearly beyond the tolerance', () => {
    expect(ctx(50, 40)).toBeCloseTo(0.8, 12); // gap 10: 1 - (10 - 5) / 25
    expect(ctx(60, 20)).toBe(0); // gap 40: past 5 + 25
  });

  it('is a neutral 0.5 when either share is unknown', () => {
    expect(ctx(null, 40)).toBe(0.5);
    expect(ctx(40, null)).toBe(0.5);
  });
});
