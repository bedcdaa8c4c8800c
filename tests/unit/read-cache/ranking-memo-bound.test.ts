// Rankings kept with their pools (server/db/ranking-facts/ranking-memo.ts) are bounded across
// every pool, not only per pool: a first look at each of thousands of needs, spread over
// hundreds of pools, must not keep a ranking for each. The oldest go first; a ranking set
// again under the same key is kept as the newest, and the window still decides what holds.
import { MAX_KEPT_IN_ALL, RankingMemo } from '../../../server/db/ranking-facts/ranking-memo';

const ALWAYS = { after: -Infinity, until: Infinity };
const NOW = 1_000;

/** Fills `memos` in turn with `count` rankings (keys "m<memo>:<n>"), returning the keys in the order set. */
function fill(memos: RankingMemo<string>[], count: number, from = 0): { memo: RankingMemo<string>; key: string }[] {
  const set: { memo: RankingMemo<string>; key: string }[] = [];
  for (let n = from; n < from + count; n += 1) {
    const memo = memos[n % memos.length]!;
    const key = `m${n % memos.length}:${n}`;
    memo.set(key, `ranking ${key}`, ALWAYS);
    set.push({ memo, key });
  }
  return set;
}

describe('rankings kept across every pool', () => {
  it('keeps at most MAX_KEPT_IN_ALL in all, dropping the oldest first', () => {
    // Enough pools that no pool reaches its own bound: only the bound across pools applies.
    const memos = Array.from({ length: 40 }, () => new RankingMemo<string>());
    const set = fill(memos, MAX_KEPT_IN_ALL + 25);
    const total = memos.reduce((n, m) => n + m.size, 0);
    expect(total).toBe(MAX_KEPT_IN_ALL);
    for (const { memo, key } of set.slice(0, 25)) expect(memo.get(key, NOW)).toBeUndefined();
    for (const { memo, key } of set.slice(25)) expect(memo.get(key, NOW)).toBe(`ranking ${key}`);
  });

  it('a ranking set again is the newest: its first setting going out of the bound leaves it kept', () => {
    const memo = new RankingMemo<string>();
    memo.set('again', 'first', ALWAYS);
    const others = Array.from({ length: 40 }, () => new RankingMemo<string>());
    fill(others, MAX_KEPT_IN_ALL - 2, 10_000);
    memo.set('again', 'second', ALWAYS);
    // The first setting's record is now the oldest: the next ranking pushes it out.
    fill(others, 1, 20_000);
    expect(memo.get('again', NOW)).toBe('second');
    // And once its own (second) record is the oldest, it goes.
    fill(others, MAX_KEPT_IN_ALL - 2, 30_000);
    expect(memo.get('again', NOW)).toBe('second');
    fill(others, 1, 40_000);
    expect(memo.get('again', NOW)).toBeUndefined();
  });

  it('still gives a kept ranking only within its window', () => {
    const memo = new RankingMemo<string>();
    memo.set('need', 'kept', { after: 500, until: 1_500 });
    expect(memo.get('need', 1_000)).toBe('kept');
    expect(memo.get('need', 500)).toBeUndefined();
    expect(memo.get('need', 1_501)).toBeUndefined();
  });
});
