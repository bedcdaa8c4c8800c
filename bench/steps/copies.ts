// The collections' in-process copies (used with FerretDB; a no-op with MongoDB), loaded
// before the first request so that no scenario pays for them.
import type { Model } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { Academy } from '../../server/models/academy';
import { Cluster } from '../../server/models/cluster';
import { Deployment } from '../../server/models/deployment';
import { ImprovementNeed } from '../../server/models/improvement-need';
import { StaffMember } from '../../server/models/staff-member';
import { Trust } from '../../server/models/trust';
import { readCopy } from '../../server/db/read-cache';
import { log, mb } from './log';

export interface WarmCopies {
  used: boolean;
  /** Per collection: "staff 50000 in 2.1 s". */
  loaded: string[];
  seconds: number;
  /** This process's memory once the copies are in, before any load. */
  idleMemory: NodeJS.MemoryUsage;
}

export async function warmCopies(): Promise<WarmCopies> {
  const loaded: string[] = [];
  const models: [string, Model<any>][] = [['trusts', Trust], ['academies', Academy], ['hubs', Cluster], ['staff', StaffMember], ['needs', ImprovementNeed], ['deployments', Deployment]];
  let used = false;
  const warmStart = performance.now();
  for (const [label, model] of models) {
    const t = performance.now();
    const copy = await readCopy(model);
    used ||= copy !== null;
    if (copy) loaded.push(`${label} ${copy.size} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const warmMs = performance.now() - warmStart;
  const idleMemory = process.memoryUsage();
  log(used ? `copies loaded in ${(warmMs / 1000).toFixed(1)} s: ${loaded.join(', ')}; RSS ${mb(idleMemory.rss)}, heap ${mb(idleMemory.heapUsed)}` : 'no in-process copies (MongoDB answers from its indexes)');
  return { used, loaded, seconds: warmMs / 1000, idleMemory };
}
