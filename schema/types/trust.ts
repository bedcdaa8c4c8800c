import { academiesOfTrust } from '../../server/services/read/academies';
import { clustersOfTrusts, listTrusts } from '../../server/services/read/trusts';
import { createTrust } from '../../server/services/trusts';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { AcademyConnection, TrustConnection } from '../connections';
import { keysetConnection } from '../pagination';
import { payloadType } from '../payloads';
import { AcademyRef, type AcademyShape, ClusterRef, TrustRef, type TrustShape } from '../refs';

TrustRef.implement({
  description:
    'A multi-academy trust: one charity running several academies, organised into hubs (clusters). Its improvement lead arranges support across the trust.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name of the trust.' }),
    region: t.string({ nullable: true, description: 'Region of England where the trust works, when recorded.', resolve: (trust) => trust.region ?? null }),
    // Not `trustCode`: fields do not repeat their type's name (@graphql-eslint/no-typename-prefix).
    giasCode: t.string({
      nullable: true,
      description: 'The trust code in the DfE register (GIAS "Trusts (code)"), for trusts imported from GIAS; null otherwise.',
      resolve: (trust) => trust.gias?.trustCode ?? null,
    }),
    academies: t.connection({
      type: AcademyRef,
      description: 'Academies of this trust, by name.',
      resolve: (trust, args) => keysetConnection<AcademyShape>(academiesOfTrust(trust._id.toString()), args),
    }, AcademyConnection),
    clusters: t.loadableList({
      type: ClusterRef,
      description: 'Hubs of this trust, by name.',
      load: (trustIds: readonly string[]) => clustersOfTrusts(trustIds),
      resolve: (trust) => trust._id.toString(),
    }),
  }),
});

const TrustFilter = builder.inputType('TrustFilter', {
  description: 'Narrows the list of trusts.',
  fields: (t) => ({
    nameContains: t.string({ description: 'Case-insensitive part of the name.' }),
    region: t.string({ description: 'Exact region.' }),
  }),
});

builder.queryField('trusts', (t) =>
  t.connection({
    type: TrustRef,
    description: 'Trusts, by name.',
    args: { filter: t.arg({ type: TrustFilter, description: 'Narrows the list.' }) },
    resolve: (_root, args, context) => keysetConnection<TrustShape>(listTrusts(context.viewer, args.filter ?? {}), args),
  }, TrustConnection),
);

const CreateTrustInput = builder.inputType('CreateTrustInput', {
  description: 'A new trust.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, unique regardless of case.' }),
    region: t.string({ description: 'Region of England.' }),
  }),
});

const CreateTrustPayload = payloadType('CreateTrustPayload', 'trust', TrustRef, 'Result of createTrust.');

inputMutation('createTrust', {
  description: 'Records a trust. ADMIN only.',
  input: CreateTrustInput,
  inputDescription: 'The trust to record.',
  payload: CreateTrustPayload,
  resolve: outcomeOf(createTrust),
});
