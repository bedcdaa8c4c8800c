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

/**
 * Across every pool, the oldest go first beyond this. A national dataset has hundreds of
 * pools (area × days needed × school year), so the per-pool bound alone let a lead's first
 * look at each of 5,000 needs keep one ranking per need: about 50 MB more live heap (the
 * bench's first-time scenario took peak RSS from 382 to 420 MB), and every major garbage
 * collection marking it. 1,000 (about 10 MB) still holds every need a lead clicks through.
 */
export const MAX_KEPT_IN_ALL = 1000;

interface Entry<R> {
  result: R;
  window: UnchangedWindow;
}

/**
 * Every ranking set, oldest first, with the memo it went into. A record whose entry has since
 * been replaced or evicted (per pool) only makes the bound tighter; one on a pool that has
 * been dropped keeps that pool's memo reachable only until it is the oldest.
 */
const keptInAll: { memo: RankingMemo<unknown>; key: string; entry: Entry<unknown> }[] = [];

export class RankingMemo<R> {
  private readonly kept = new Map<string, Entry<R>>();

  /** The ranking kept under `key`, if it holds at `nowMs`. */
  get(key: string, nowMs: number): R | undefined {
    const entry = this.kept.get(key);
    return entry && inWindow(entry.window, nowMs) ? entry.result : undefined;
  }

  set(key: string, result: R, window: UnchangedWindow): void {
    this.kept.delete(key);
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    const entry = { result, window };
    this.kept.set(key, entry);
    keptInAll.push({ memo: this as RankingMemo<unknown>, key, entry });
    if (keptInAll.length > MAX_KEPT_IN_ALL) {
      const oldest = keptInAll.shift()!;
      oldest.memo.forget(oldest.key, oldest.entry);
    }
  }

  /** How many rankings this memo keeps (for tests). */
  get size(): number {
    return this.kept.size;
  }

  /** Drops the entry under `key` if it is still `entry` (not replaced since). */
  private forget(key: string, entry: Entry<unknown>): void {
    if (this.kept.get(key) === entry) this.kept.delete(key);
  }
}
