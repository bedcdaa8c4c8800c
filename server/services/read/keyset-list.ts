// What a read service answers for a list: its keyset order and a way to fetch one window of
// it. The schema turns it into a Relay connection (schema/pagination.ts), encoding each
// record's cursor from the order.
import type { ListWindow, SortKey } from '../../db/store';

export interface KeysetList<T> {
  sort: readonly SortKey[];
  fetch(window: ListWindow): Promise<T[]>;
}
export { encodeCursor } from '../../db/store';
