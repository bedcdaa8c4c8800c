// `waitingForMe`: the steps waiting on the caller (server/services/waiting-for-me.ts).
import { WAITING_KINDS, type WaitingStep, waitingFor } from '../../server/services/waiting-for-me';
import { InvalidInputError } from '../../server/domain/errors';
import { builder } from '../builder';
import { MAX_PAGE_SIZE } from '../pagination';
import { DeploymentRef, ImprovementNeedRef, SupportOfferRef } from '../refs';
import { viewerOf } from '../viewer';

const DEFAULT_STEPS = 50;

const WaitingStepType = builder.objectRef<WaitingStep>('WaitingStep').implement({
  description: 'A step that waits on the signed-in person, and since when.',
  fields: (t) => ({
    kind: t.string({
      description: `What is to be done. One of: ${Object.entries(WAITING_KINDS).map(([k, v]) => `${k}: ${v}`).join(' ')} More kinds may be added: show an unknown kind by its action text.`,
      resolve: (s) => s.kind,
    }),
    action: t.string({ description: 'What is to be done, in words.', resolve: (s) => WAITING_KINDS[s.kind] }),
    since: t.field({ type: 'DateTime', description: 'Since when it has waited (when the deployment reached its current status, or the offer was made).', resolve: (s) => s.since }),
    deployment: t.field({ type: DeploymentRef, nullable: true, description: 'The deployment it concerns, if it concerns one.', resolve: (s) => s.deployment }),
    offer: t.field({ type: SupportOfferRef, nullable: true, description: 'The offer of help to consider (kind OFFER).', resolve: (s) => s.offer }),
    need: t.field({ type: ImprovementNeedRef, nullable: true, description: 'The need it concerns, if any.', resolve: (s) => (s.deployment?.needId ?? s.offer?.needId)?.toString() ?? null }),
  }),
});

builder.queryField('waitingForMe', (t) =>
  t.field({
    type: [WaitingStepType],
    description:
      "Steps waiting on the caller, longest waiting first. A HEADTEACHER: releases of their school's staff to agree (kind RELEASE) and support for their school to accept (ACCEPTANCE). An EXECUTIVE_HEAD: releases of their hub's staff, including staff requested by other hubs (RELEASE). An IMPROVEMENT_LEAD: their trust's agreed deployments to start (START) and active ones to complete (COMPLETE), and open offers of help on the trust's needs (OFFER; an EXECUTIVE_HEAD: on the hub's needs). A supporting staff member (a TEACHER, or a head on record): their own deployments to start and complete. Requires a token.",
    authScopes: { authenticated: true },
    args: { first: t.arg.int({ defaultValue: DEFAULT_STEPS, description: `At most this many steps (1-${MAX_PAGE_SIZE}, default ${DEFAULT_STEPS}).` }) },
    resolve: (_root, args, context) => {
      const first = args.first ?? DEFAULT_STEPS;
      if (first < 1 || first > MAX_PAGE_SIZE) throw new InvalidInputError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, 'first');
      return waitingFor(viewerOf(context), first);
    },
  }),
);
