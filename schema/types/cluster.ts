import { createCluster, moveAcademyToCluster, NORMAL_HUB_SIZE } from '../../server/services/clusters';
import { hubNeedsOfAcademies, hubOpenNeeds, listClusters, membersOfClusters, spareDaysOfAcademies } from '../../server/services/read/clusters';
import { builder } from '../builder';
import { inputMutation } from '../mutations';
import { ClusterConnection } from '../connections';
import { decodeIds, filterId } from '../ids';
import { perRequest, recordOrId } from '../loaders';
import { keysetConnection } from '../pagination';
import { payloadType, toPayload } from '../payloads';
import { assertMayReadHubCapacity } from '../personal-data';
import { AcademyRef, type AcademyShape, ClusterRef, type ClusterShape, ImprovementNeedRef, StaffMemberRef, TrustRef, type TrustShape } from '../refs';

/** Staff of a typical hub (3-4 schools, about 5 staff each): what spareCapacityDays reads. */
const HUB_STAFF_ESTIMATE = 20;
/**
 * Live needs of a hub, for the cost limit: a few per school (27 across the demo's 30 schools,
 * 5,000 across the national 22,000), so a page of 20 is generous.
 */
const HUB_OPEN_NEEDS_ESTIMATE = 20;

// Per request, batched across every hub on a page: the members of each hub, then per member
// academy its live needs and its staff's remaining days. With FerretDB the in-process copies
// answer (server/db/store); with MongoDB one indexed query per batch
// (academies.clusterId, improvementNeeds.academyId+status, staffMembers.homeAcademyId).
const membersLoader = perRequest(membersOfClusters);
const liveNeedsLoader = perRequest(hubNeedsOfAcademies);
const spareDaysLoader = perRequest(spareDaysOfAcademies);

ClusterRef.implement({
  description:
    'A hub (cluster) inside a trust: normally 3-4 academies led by an Outstanding or Good lead academy and an executive headteacher, working as a tight local network (the ASPIRE model).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name of the hub.' }),
    trust: t.field({ type: TrustRef, description: 'Trust the hub belongs to.', resolve: (c) => recordOrId<TrustShape>('trusts', c.trustId) }),
    leadAcademy: t.field({ type: AcademyRef, description: 'The lead academy (a member of the hub).', resolve: (c) => recordOrId<AcademyShape>('academies', c.leadAcademyId) }),
    executiveHead: t.field({
      type: StaffMemberRef,
      nullable: true,
      description: 'Executive headteacher leading the hub. Requires a token.',
      authScopes: { authenticated: true },
      resolve: (c) => c.executiveHeadId?.toString() ?? null,
    }),
    memberAcademies: t.field({
      type: [AcademyRef],
      description: 'Member academies, including the lead, by name.',
      resolve: (c, _args, context) => membersOfCluster(context, c),
    }),
    memberCount: t.int({
      description: 'Number of member academies.',
      resolve: async (c, _args, context) => (await membersOfCluster(context, c)).length,
    }),
    sizeWithinNorm: t.boolean({
      description: `Whether the hub has ${NORMAL_HUB_SIZE.min}-${NORMAL_HUB_SIZE.max} academies, the ASPIRE norm.`,
      resolve: async (c, _args, context) => {
        const n = (await membersOfCluster(context, c)).length;
        return n >= NORMAL_HUB_SIZE.min && n <= NORMAL_HUB_SIZE.max;
      },
    }),
    openNeeds: t.field({
      type: [ImprovementNeedRef],
      description: "The hub's needs still wanting or receiving support, highest priority first (the executive head's view).",
      // Priced as the list it returns (server/security/graphql-limits.ts): a page of a hub's
      // needs. Its length is set by the needs recorded, not by the caller.
      extensions: { cost: { records: HUB_OPEN_NEEDS_ESTIMATE } },
      resolve: async (c, _args, context) => {
        const members = await membersOfCluster(context, c);
        const lists = await liveNeedsLoader(context).loadMany(members.map((m) => m._id.toString()));
        return hubOpenNeeds(
          lists.map((list) => {
            if (list instanceof Error) throw list;
            return list;
          }),
        );
      },
    }),
    spareCapacityDays: t.int({
      nullable: true,
      description:
        "Days the hub's staff still have free for supporting others: the sum of remainingDays over staff whose home school is a member. A sum of personal data (in a small hub, one person's days): readable by ADMIN, the hub's executive head and its trust's improvement lead; null with FORBIDDEN for others.",
      // An aggregate over the hub's staff: priced as reading them, about a page (hubs of 3-4
      // schools of about 5 staff each), not as one scalar.
      extensions: { cost: { records: HUB_STAFF_ESTIMATE } },
      resolve: async (c, _args, context) => {
        assertMayReadHubCapacity(context, c);
        const members = await membersOfCluster(context, c);
        const days = await spareDaysLoader(context).loadMany(members.map((m) => m._id.toString()));
        return days.reduce<number>((total, d) => {
          if (d instanceof Error) throw d;
          return total + d;
        }, 0);
      },
    }),
  }),
});

/** Members through one request-scoped loader, shared by every field that needs them. */
function membersOfCluster(context: object, cluster: ClusterShape): Promise<AcademyShape[]> {
  return membersLoader(context).load(cluster._id.toString());
}

const ClusterFilter = builder.inputType('ClusterFilter', {
  description: 'Narrows the list of hubs.',
  fields: (t) => ({ trustId: t.id({ description: 'Only hubs of this trust.' }) }),
});

builder.queryField('clusters', (t) =>
  t.connection({
    type: ClusterRef,
    description: 'Hubs, by name.',
    args: { filter: t.arg({ type: ClusterFilter, description: 'Narrows the list.' }) },
    resolve: (_root, args, context) => keysetConnection<ClusterShape>(listClusters(context.viewer, { trustId: filterId(args.filter?.trustId, 'Trust') }), args),
  }, ClusterConnection),
);

const CreateClusterInput = builder.inputType('CreateClusterInput', {
  description: 'A new hub. The lead academy is always a member; academies already in a hub must be moved with moveAcademyToCluster.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name, unique within the trust.' }),
    trustId: t.id({ required: true, description: 'Trust the hub belongs to.' }),
    leadAcademyId: t.id({ required: true, description: 'Lead academy (normally Outstanding or Good); becomes a member.' }),
    executiveHeadId: t.id({ description: 'Staff member who is the executive headteacher.' }),
    memberAcademyIds: t.idList({ description: 'Other member academies (2-3 is the norm); all must belong to the trust.' }),
  }),
});

const CreateClusterPayload = payloadType('CreateClusterPayload', 'cluster', ClusterRef, 'Result of createCluster.', true);

inputMutation('createCluster', {
  description: "Sets up a hub. ADMIN, or the trust's IMPROVEMENT_LEAD. Sizes outside 3-4 are allowed with a warning.",
  input: CreateClusterInput,
  inputDescription: 'The hub: its name, trust, lead academy and other members.',
  payload: CreateClusterPayload,
  resolve: async (viewer, input) => {
    const outcome = await createCluster(viewer, decodeIds(input, { trustId: 'Trust', leadAcademyId: 'Academy', executiveHeadId: 'StaffMember', memberAcademyIds: { list: 'Academy' } }));
    return outcome.ok ? toPayload<ClusterShape>({ ok: true, value: outcome.value.cluster }, outcome.value.warnings) : toPayload<ClusterShape>(outcome);
  },
});

const MoveAcademyToClusterInput = builder.inputType('MoveAcademyToClusterInput', {
  description: 'Moves an academy between hubs of its trust.',
  fields: (t) => ({
    academyId: t.id({ required: true, description: 'Academy to move.' }),
    clusterId: t.id({ description: 'Hub to join; null to leave its hub.' }),
  }),
});

const MoveAcademyToClusterPayload = payloadType('MoveAcademyToClusterPayload', 'academy', AcademyRef, 'Result of moveAcademyToCluster.', true);

inputMutation('moveAcademyToCluster', {
  description: "Moves an academy into another hub of its trust, or out of its hub. ADMIN or the trust's IMPROVEMENT_LEAD. A hub's lead academy cannot leave it.",
  input: MoveAcademyToClusterInput,
  inputDescription: 'The academy, and the hub it moves to (or null to leave its hub).',
  payload: MoveAcademyToClusterPayload,
  resolve: async (viewer, input) => {
    const outcome = await moveAcademyToCluster(viewer, decodeIds({ academyId: input.academyId, clusterId: input.clusterId ?? null }, { academyId: 'Academy', clusterId: 'Cluster' }));
    return outcome.ok ? toPayload<AcademyShape>({ ok: true, value: outcome.value.academy }, outcome.value.warnings) : toPayload<AcademyShape>(outcome);
  },
});
