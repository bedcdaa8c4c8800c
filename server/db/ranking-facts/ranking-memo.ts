// Rankings kept with the pool they were made from. The copies keep a pool only while every
// collection it draws on (staff, academies, needs, deployments) is unchanged: any write to
// one of them gives the next request new pools, and with them an empty memo. Within a pool,
// a ranking of one need holds while no safeguarding check expires (ranking/unchanged-window.ts).
import { inWindow, type UnchangedWindow } from '../../ranking/unchanged-window';

/** Enough for every need a lead is likely to click through; the oldest go first beyond it. */
const MAX_KEPT = 500;

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
