// Deployments written before `statusSince` existed get it from their own history, once, at
// start-up, so the deployments list can order every record by how long it has waited.
import { UPDATES_PER_COMMAND } from '../db/ferretdb-limits';
import { stores } from '../db/store';
import { Deployment } from '../models/deployment';

/** Sets statusSince where it is missing: the last status change, else the creation time. Returns how many. */
export async function backfillDeploymentStatusSince(): Promise<number> {
  // Through the store: with FerretDB the copy answers at once instead of a whole-collection read.
  const missing = await stores.deployments.find({ statusSince: null });
  const updates = missing.map((d) => {
    const since = d.statusHistory.at(-1)?.at ?? (d as { createdAt?: Date }).createdAt ?? d._id.getTimestamp();
    return { updateOne: { filter: { _id: d._id, statusSince: null }, update: { $set: { statusSince: since } } } };
  });
  // In commands of at most UPDATES_PER_COMMAND (FerretDB stalls on large update commands).
  for (let i = 0; i < updates.length; i += UPDATES_PER_COMMAND) {
    await Deployment.bulkWrite(updates.slice(i, i + UPDATES_PER_COMMAND), { ordered: false });
  }
  return updates.length;
}
