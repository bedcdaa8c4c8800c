// The bands of disadvantage (server/domain/fsm-bands.ts) as the API shows them: what basis,
// which cut points, and when they were computed, so a reader knows what "band 5" means.
import { FSM_BANDS, type FsmBanding, fsmBandLabel } from '../../server/domain/fsm-bands';
import { currentFsmBanding } from '../../server/services/fsm-banding';
import { builder } from '../builder';

export const FsmBandingBasisEnum = builder.enumType('FsmBandingBasis', {
  description: 'What the FSM bands are.',
  values: {
    NATIONAL_QUINTILES: { description: "Quintiles of the FSM share of the schools in the imported register (England's schools): each band holds about a fifth of them." },
    FIXED_20_POINT_BANDS: { description: 'The fallback while no register is loaded: 0-20%, 20-40%, 40-60%, 60-80%, 80-100%. Not quintiles: most schools in England fall in the lowest three.' },
    CUSTOM_CUT_POINTS: { description: 'Cut points a tool chose; the service itself never uses them.' },
  } as const,
});

export const FsmBandingType = builder.objectRef<FsmBanding>('FsmBanding').implement({
  description: "How schools are banded by disadvantage (their share of pupils eligible for free school meals). Band 1 is the least disadvantaged, band 5 the most.",
  fields: (t) => ({
    basis: t.field({ type: FsmBandingBasisEnum, description: 'What the bands are.', resolve: (b) => b.basis }),
    cutPoints: t.field({ type: ['Float'], description: 'The four FSM percentages between the bands: band 1 is below the first, band 5 at or above the last.', resolve: (b) => [...b.cutPoints] }),
    computedAt: t.field({ type: 'DateTime', nullable: true, description: 'When national quintiles were computed from the register; null for the fixed bands.', resolve: (b) => b.computedAt }),
    schoolCount: t.int({ nullable: true, description: 'Schools with a known FSM share the quintiles were computed from; null for the fixed bands.', resolve: (b) => b.schoolCount }),
    labels: t.field({ type: ['String'], description: 'How each band reads, band 1 first.', resolve: (b) => FSM_BANDS.map((band) => fsmBandLabel(band, b)) }),
  }),
});

builder.queryField('fsmBanding', (t) =>
  t.field({
    type: FsmBandingType,
    description: 'The bands of disadvantage every report uses now: national FSM quintiles computed from the latest register import, or the fixed 20-point bands while none has been imported. Public.',
    resolve: () => currentFsmBanding(),
  }),
);
