import { EXPERTISE_TAXONOMY, type ExpertiseAreaInfo } from '../../server/domain/taxonomy';
import { builder } from '../builder';
import { ExpertiseAreaEnum, ExpertiseGroupEnum } from './enums';

const ExpertiseAreaInfoType = builder.objectRef<ExpertiseAreaInfo>('ExpertiseAreaInfo').implement({
  description: 'An entry of the expertise taxonomy.',
  fields: (t) => ({
    code: t.field({ type: ExpertiseAreaEnum, description: 'The enum value.', resolve: (a) => a.code as never }),
    label: t.exposeString('label', { description: 'Name to show to people.' }),
    group: t.field({ type: ExpertiseGroupEnum, description: 'Ofsted focus it belongs to.', resolve: (a) => a.group }),
  }),
});

builder.queryField('expertiseAreas', (t) =>
  t.field({
    type: [ExpertiseAreaInfoType],
    description: 'The closed taxonomy of expertise areas, grouped by Ofsted focus.',
    resolve: () => [...EXPERTISE_TAXONOMY],
  }),
);
