// Rankings kept with the pool they were made from. The copies keep a pool only while every
// collection it draws on (staff, academies, needs, deployments) is unchanged: any write to
// one of them gives the next request new pools, and with them an empty memo. Within a pool,
// a ranking of one need holds while no safeguarding check expires (ranking/unchanged-window.ts).
import { inWindow, type UnchangedWindow } from '../../ranking/unchanged-window';

/**
 * Per pool (an area's staff, for one threshold of days and one school year): enough for the
 * needs a lead clicks through between two writes; the oldest go first beyond it. A kept
 * ranking of 10 with its explanations is about 10 KB, so this bounds a pool's memo near 1 MB.
 */
const MAX_KEPT = 100;

export class RankingMemo<R> {
  private readonly kept = new Map<string, { result: R; window: UnchangedWindow }>();

  /** The ranking kept under `key`, if it holds at `nowMs`. */
  get(key: string, nowMs: number): R | undefined {
    const entry = this.kept.get(key);
    return entry && inWindow(entry.window, nowMs) ? entry.result : undefined;
  }

  set(key: string, result: R, window: UnchangedWindow): void {
    this.kept.delete(key);
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, { result, window });
  }
}
