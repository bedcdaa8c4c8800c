import { CANDIDATE_FACTOR_NAMES, NEED_RANKING_FACTOR_NAMES, PRIORITY_FACTOR_NAMES } from '../../server/ranking/config';
import type { ScoreFactor } from '../../server/ranking/types';
import { builder } from '../builder';

export const ScoreFactorType = builder.objectRef<ScoreFactor>('ScoreFactor').implement({
  description: 'One part of a score: a value in [0, 1] times a weight. The contributions of all factors add up to the score.',
  fields: (t) => ({
    name: t.exposeString('name', {
      description: `Factor name. Candidates for a need: ${CANDIDATE_FACTOR_NAMES.join(', ')}. Priority of a need: ${PRIORITY_FACTOR_NAMES.join(', ')}. Needs ranked for a supporter: ${NEED_RANKING_FACTOR_NAMES.join(', ')}.`,
    }),
    weight: t.exposeFloat('weight', { description: 'Weight of the factor in the scoring configuration (the weights of one score add up to 1).' }),
    value: t.exposeFloat('value', { description: 'How well this candidate or need does on the factor, in [0, 1].' }),
    contribution: t.exposeFloat('contribution', { description: 'weight × value: what the factor adds to the score.' }),
    detail: t.string({ nullable: true, description: 'Why the value is what it is, in words.', resolve: (f) => f.detail ?? null }),
  }),
});
