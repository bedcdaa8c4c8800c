import { decodeGlobalId } from '../../server/auth/global-id';
import { InvalidInputError, NotFoundError } from '../../server/domain/errors';
import { EXCLUSION_REASONS, type CandidateKind, type ExclusionReason } from '../../server/domain/enums';
import type { ExclusionCounts, RankedCandidate, RankedNeed, ScoreFactor } from '../../server/ranking/types';
import { rankCandidates, rankNeedsForAcademy, rankNeedsForStaff } from '../../server/services/ranking';
import { builder } from '../builder';
import { MAX_PAGE_SIZE } from '../pagination';
import { AcademyRef, type AcademyShape, ImprovementNeedRef, type NeedShape, StaffMemberRef, type StaffShape } from '../refs';
import { CandidateKindEnum, ExclusionReasonEnum } from './enums';
import { ScoreFactorType } from './score-factor';

interface ExclusionShape {
  reason: ExclusionReason;
  count: number;
}

const exclusionsList = (counts: ExclusionCounts): ExclusionShape[] => EXCLUSION_REASONS.map((reason) => ({ reason, count: counts[reason] }));

const ExclusionType = builder.objectRef<ExclusionShape>('Exclusion').implement({
  description: 'How many candidates a hard constraint ruled out.',
  fields: (t) => ({
    reason: t.field({ type: ExclusionReasonEnum, description: 'The constraint.', resolve: (e) => e.reason }),
    count: t.exposeInt('count', { description: 'Candidates ruled out for it (each counted once, under its first reason).' }),
  }),
});

type CandidateDoc = (StaffShape & { __kind: 'STAFF' }) | (AcademyShape & { __kind: 'ACADEMY' });

const SupportCandidate = builder.unionType('SupportCandidate', {
  description: 'Who could give the support: a staff member, or an academy as a whole.',
  types: [StaffMemberRef, AcademyRef],
  resolveType: (value) => ((value as CandidateDoc).__kind === 'STAFF' ? 'StaffMember' : 'Academy'),
});

interface RankedCandidateShape extends Omit<RankedCandidate, 'supporter'> {
  candidate: CandidateDoc;
  kind: CandidateKind;
}

const factorsOf = (factors: ScoreFactor[]) => factors.map((f) => ({ ...f, detail: f.detail ?? null }));

const RankedCandidateType = builder.objectRef<RankedCandidateShape>('RankedCandidate').implement({
  description: 'A candidate for a need, with its score and the factors that make it up.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Position, from 1.' }),
    score: t.exposeFloat('score', {
      description:
        'Score in [0, 1]: the sum of the factor contributions (expertise fit, track record, proximity, network, sustainability of the home school, and context: a similar or more disadvantaged intake).',
    }),
    kind: t.field({ type: CandidateKindEnum, description: 'Staff member or academy.', resolve: (c) => c.kind }),
    candidate: t.field({ type: SupportCandidate, description: 'The staff member or academy.', resolve: (c) => c.candidate as never }),
    factors: t.field({ type: [ScoreFactorType], description: 'Why it scores what it does; contributions add up to the score.', resolve: (c) => factorsOf(c.factors) }),
    distanceKm: t.float({ nullable: true, description: 'Great-circle distance between the schools, in km; null when a location is unknown.', resolve: (c) => c.distanceKm }),
  }),
});

interface CandidateRankingShape {
  need: NeedShape;
  schoolYear: string;
  candidates: RankedCandidateShape[];
  eligibleCount: number;
  consideredCount: number;
  exclusions: ExclusionShape[];
}

const CandidateRankingType = builder.objectRef<CandidateRankingShape>('CandidateRanking').implement({
  description: 'Candidates for a need, best first, and how many were ruled out and why.',
  fields: (t) => ({
    need: t.field({ type: ImprovementNeedRef, description: 'The need.', resolve: (r) => r.need }),
    schoolYear: t.exposeString('schoolYear', {
      description:
        "The school year (YYYY/YY) whose days staff were ranked on: the year the need's window starts in, or today's when it has none or it has begun. NO_CAPACITY means too few days left in this year.",
    }),
    candidates: t.field({ type: [RankedCandidateType], description: 'The best candidates, at most `first`.', resolve: (r) => r.candidates }),
    eligibleCount: t.exposeInt('eligibleCount', { description: 'Every candidate that passed the hard constraints, returned or not.' }),
    consideredCount: t.exposeInt('consideredCount', { description: 'eligibleCount plus the sum of the exclusion counts.' }),
    exclusions: t.field({ type: [ExclusionType], description: 'Candidates ruled out, by reason, in the ExclusionReason order.', resolve: (r) => r.exclusions }),
  }),
});

interface RankedNeedShape extends Omit<RankedNeed, 'need'> {
  need: NeedShape;
  schoolYear: string;
}

const RankedNeedType = builder.objectRef<RankedNeedShape>('RankedNeed').implement({
  description: 'A need a supporter could help with, scored by fit and by the need’s priority (disadvantage only ever pulls a need up).',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Position, from 1.' }),
    score: t.exposeFloat('score', {
      description: "Score in [0, 1]: half how well the supporter fits the need, half the need's priority; the sum of the factor contributions.",
    }),
    need: t.field({ type: ImprovementNeedRef, description: 'The need.', resolve: (r) => r.need }),
    schoolYear: t.exposeString('schoolYear', {
      description: "The school year (YYYY/YY) the need falls in (its window's start, or today's), whose days of the supporter it was judged on.",
    }),
    factors: t.field({ type: [ScoreFactorType], description: 'Fit factors and priority components; contributions add up to the score.', resolve: (r) => factorsOf(r.factors) }),
    distanceKm: t.float({ nullable: true, description: 'Great-circle distance in km; null when a location is unknown.', resolve: (r) => r.distanceKm }),
  }),
});

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
  }
}

function rawId(globalId: string, typename: string, argument: string): string {
  const decoded = decodeGlobalId(globalId);
  if (!decoded) throw new InvalidInputError(`Argument "${argument}" is not a valid ID`, argument);
  if (decoded.typename !== typename) throw new InvalidInputError(`Argument "${argument}" must be the ID of a ${typename}, not of a ${decoded.typename}`, argument);
  return decoded.id;
}

function notFound(argument: string, typename: string): never {
  throw new NotFoundError(`No ${typename} exists with the ID given as "${argument}"`, argument);
}

builder.queryField('rankCandidates', (t) =>
  t.field({
    type: CandidateRankingType,
    description:
      'Ranks candidate staff (or supporting academies) for a need, explaining every score. Hard constraints rule candidates out first (counted in `exclusions`); the rest are scored on weighted factors that each explain themselves. Requires a token.',
    authScopes: { authenticated: true },
    args: {
      needId: t.arg.id({ required: true, description: 'The need.' }),
      kind: t.arg({ type: CandidateKindEnum, defaultValue: 'STAFF', description: 'Rank staff (default) or academies.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many candidates to return (1-100).' }),
    },
    resolve: async (_root, args) => {
      const first = args.first ?? 10;
      checkFirst(first);
      const needId = rawId(String(args.needId), 'ImprovementNeed', 'needId');
      const kind = args.kind ?? 'STAFF';
      const view = await rankCandidates(needId, kind, first);
      if (!view) return notFound('needId', 'ImprovementNeed');
      return {
        need: { ...view.need },
        schoolYear: view.schoolYear.label,
        candidates: view.candidates.map(({ supporter, ...rest }) => ({
          ...rest,
          kind: supporter.kind,
          candidate: { ...(view.documents.get(supporter.id) as object), __kind: supporter.kind } as CandidateDoc,
        })),
        eligibleCount: view.eligibleCount,
        consideredCount: view.consideredCount,
        exclusions: exclusionsList(view.exclusions),
      };
    },
  }),
);

builder.queryField('rankNeedsForStaff', (t) =>
  t.field({
    type: [RankedNeedType],
    description: '"Where could I help most?": open needs ranked for a staff member. Requires a token.',
    authScopes: { authenticated: true },
    args: {
      staffId: t.arg.id({ required: true, description: 'The staff member.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many needs to return (1-100).' }),
    },
    resolve: async (_root, args) => {
      const first = args.first ?? 10;
      checkFirst(first);
      const view = await rankNeedsForStaff(rawId(String(args.staffId), 'StaffMember', 'staffId'), first);
      if (!view) return notFound('staffId', 'StaffMember');
      return view.needs.map((n) => ({ ...n, need: { ...view.needDocuments.get(n.need.id)! }, schoolYear: view.schoolYears.get(n.need.id)! }));
    },
  }),
);

builder.queryField('rankNeedsForAcademy', (t) =>
  t.field({
    type: [RankedNeedType],
    description: '"Where can our school help most?": open needs ranked for an academy supporting as a whole. Requires a token.',
    authScopes: { authenticated: true },
    args: {
      academyId: t.arg.id({ required: true, description: 'The supporting academy.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many needs to return (1-100).' }),
    },
    resolve: async (_root, args) => {
      const first = args.first ?? 10;
      checkFirst(first);
      const view = await rankNeedsForAcademy(rawId(String(args.academyId), 'Academy', 'academyId'), first);
      if (!view) return notFound('academyId', 'Academy');
      return view.needs.map((n) => ({ ...n, need: { ...view.needDocuments.get(n.need.id)! }, schoolYear: view.schoolYears.get(n.need.id)! }));
    },
  }),
);
