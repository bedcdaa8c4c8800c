import type { ScoreFactor } from '../../server/ranking/types';
import { builder } from '../builder';

export const ScoreFactorType = builder.objectRef<ScoreFactor>('ScoreFactor').implement({
  description: 'One part of a score: a value in [0, 1] times a weight. The contributions of all factors add up to the score.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Factor name, e.g. expertise, proximity, network, disadvantage.' }),
    weight: t.exposeFloat('weight', { description: 'Weight of the factor in the scoring configuration.' }),
    value: t.exposeFloat('value', { description: 'How well this candidate or need does on the factor, in [0, 1].' }),
    contribution: t.exposeFloat('contribution', { description: 'weight × value: what the factor adds to the score.' }),
    detail: t.string({ nullable: true, description: 'Why the value is what it is, in words.', resolve: (f) => f.detail ?? null }),
  }),
});
