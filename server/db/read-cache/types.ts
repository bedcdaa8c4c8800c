// Shapes shared by the read-cache modules.
export type Doc = { _id: unknown; [field: string]: unknown };
/** Documents a write may touch: these ids, or possibly any. */
export type Ids = Set<string> | 'all';
