// Helpers for the read-copy tests (snapshot, loading at once): the copied models, what the
// copies hold, and which collections a piece of work read from the database.
import mongoose, { type Model } from 'mongoose';
import { readCopy } from '../../server/db/read-cache';
import { Academy } from '../../server/models/academy';
import { Cluster } from '../../server/models/cluster';
import { Deployment } from '../../server/models/deployment';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { Trust } from '../../server/models/trust';

export const COPIED_MODELS: Model<any>[] = [Trust, Academy, Cluster, StaffMember, ImprovementNeed, Deployment];
export const COPIED_COLLECTIONS = new Set(COPIED_MODELS.map((m) => m.collection.collectionName));

/** Each copied collection's documents, in the copy's order. */
export async function copiedDocuments(): Promise<Map<string, readonly unknown[]>> {
  const out = new Map<string, readonly unknown[]>();
  for (const model of COPIED_MODELS) out.set(model.collection.collectionName, [...(await readCopy(model))!.all()]);
  return out;
}

/**
 * The collections the server's own connection read (the commands named, by collection)
 * while `action` ran.
 */
export async function collectionsReadWhile(action: () => Promise<unknown>, commands: readonly string[]): Promise<string[]> {
  const read: string[] = [];
  const client = mongoose.connection.getClient();
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (commands.includes(event.commandName)) read.push(String(event.command[event.commandName]));
  };
  client.on('commandStarted', listener);
  try {
    await action();
  } finally {
    client.off('commandStarted', listener);
  }
  return read;
}
