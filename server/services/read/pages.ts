// A whole keyset list, one window at a time: for exports that must never hold the whole list
// in memory. Each window starts after the last record of the one before (the list's cursor),
// so records added or moved meanwhile never repeat one already given.
import { encodeCursor, type KeysetList } from './keyset-list';

/**
 * Records per window. Larger windows mean fewer walks of the in-process copy (each window
 * walks the ordered copy from its start to the cursor: see BENCHMARKS.md) at the cost of a
 * window's records in memory at once (2,000 deployments: a few MB).
 */
export const EXPORT_PAGE_SIZE = 2000;

export async function* pagesOf<T extends { _id: unknown }>(list: KeysetList<T>, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const page = await list.fetch({ after, limit: pageSize, inverted: false });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = encodeCursor(page[page.length - 1] as unknown as Record<string, unknown>, list.sort);
  }
}
