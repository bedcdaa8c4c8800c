// A whole keyset list, one window at a time: for exports that must never hold the whole list
// in memory. Each window starts after the last record of the one before (the list's cursor),
// so records added or moved meanwhile never repeat one already given.
import { encodeCursor, type KeysetList } from './keyset-list';

export const EXPORT_PAGE_SIZE = 500;

export async function* pagesOf<T extends { _id: unknown }>(list: KeysetList<T>, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const page = await list.fetch({ after, limit: pageSize, inverted: false });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = encodeCursor(page[page.length - 1] as unknown as Record<string, unknown>, list.sort);
  }
}
