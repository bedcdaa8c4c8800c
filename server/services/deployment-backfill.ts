// Deployments written before `statusSince` existed get it from their own history, once, at
// start-up, so the deployments list can order every record by how long it has waited.
import { stores } from '../db/store';
import { UPDATES_PER_COMMAND } from '../db/ferretdb-limits';
import { Deployment } from '../models/deployment';

/** Sets statusSince where it is missing: the last status change, else the creation time. Returns how many. */
export async function backfillDeploymentStatusSince(): Promise<number> {
  const missing = await stores.deployments.fresh.find({ statusSince: null }, { projection: { statusHistory: 1, createdAt: 1 } });
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
