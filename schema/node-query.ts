// `node(id:)` and `nodes(ids:)`: the one place that turns a client's global ID into a record.
// The rule: an ID that names nothing — not a global ID at all, a type that is not a node, a
// raw id that is not an ObjectId, or no stored record — answers null. That is the Relay
// contract ("null when no such object exists"), and an ID is opaque, so a malformed one is
// simply one that names nothing: no error, and nothing worth an error line in the log.
// (Pothos's own node fields throw on a malformed ID and on a missing record, and each throw
// was answered as an internal error and logged with its stack.)
import { brandWithType } from '@pothos/core';
import { decodeGlobalId } from '../server/auth/global-id';
import { builder } from './builder';
import type { GraphQLContext } from './context';
import { RecordNotFoundError } from './loaders';
import { assertMayReadDeployment, assertMayReadOffer } from './personal-data';
import { AcademyRef, ClusterRef, DeploymentRef, type DeploymentShape, DirectoryUserRef, ImprovementNeedRef, type OfferShape, StaffMemberRef, SupportOfferRef, TrustRef } from './refs';
import { CalendarFeedRef } from './types/calendar-feed';
import { OutboxEmailRef } from './types/email-outbox';

export const NODE_REFS = new Map<string, { getDataloader(context: object): { load(id: string): Promise<unknown> } }>([
  ['Trust', TrustRef],
  ['Academy', AcademyRef],
  ['Cluster', ClusterRef],
  ['StaffMember', StaffMemberRef],
  ['ImprovementNeed', ImprovementNeedRef],
  ['Deployment', DeploymentRef],
  ['DirectoryUser', DirectoryUserRef],
  ['OutboxEmail', OutboxEmailRef],
  ['CalendarFeed', CalendarFeedRef],
  ['SupportOffer', SupportOfferRef],
]);

/** The record a global ID names, loaded through its type's batch loader, or null. */
export async function loadNode(globalId: string, context: GraphQLContext): Promise<object | null> {
  const decoded = decodeGlobalId(globalId);
  const ref = decoded ? NODE_REFS.get(decoded.typename) : undefined;
  if (!decoded || !ref) return null;
  try {
    const loaded = (await ref.getDataloader(context).load(decoded.id)) as object;
    // The Node interface resolves an object's type from this brand, which Pothos writes into
    // the object: so on a copy of the record, never on the record handed out (the store's are
    // frozen and shared by every reader).
    const record = { ...loaded };
    brandWithType(record, decoded.typename as never);
    // A deployment someone may not read is refused by name, not hidden: its ID was given out.
    if (decoded.typename === 'Deployment') await assertMayReadDeployment(context, record as DeploymentShape);
    if (decoded.typename === 'SupportOffer') await assertMayReadOffer(context, record as OfferShape);
    return record;
  } catch (error) {
    if (error instanceof RecordNotFoundError) return null;
    throw error; // a database failure is a real error, not an unknown id
  }
}

const NodeInterface = builder.nodeInterfaceRef();

builder.queryField('node', (t) =>
  t.field({
    type: NodeInterface,
    nullable: true,
    description: 'Fetches any object by its global ID; null when no such object exists (including for an ID that is not one this API issued).',
    args: { id: t.arg.id({ required: true, description: 'Global ID of the object, as returned by its `id` field.' }) },
    resolve: (_root, args, context) => loadNode(String(args.id), context) as never,
  }),
);

builder.queryField('nodes', (t) =>
  t.field({
    type: [NodeInterface],
    nullable: { list: false, items: true },
    description: 'Fetches several objects by their global IDs, in the order given; null in place of each ID that names no object.',
    args: { ids: t.arg.idList({ required: true, description: 'Global IDs of the objects, as returned by their `id` fields.' }) },
    // A refusal (a deployment the caller may not read) is that item's error, null in its place;
    // the other items still arrive.
    resolve: (_root, args, context) => Promise.all(args.ids.map((id) => loadNode(String(id), context).catch((error: unknown) => error))) as never,
  }),
);
