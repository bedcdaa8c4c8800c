/**
 * Most updates one `update` command may carry. FerretDB 1.24 on SQLite keeps each update
 * statement's read cursor, and with it one of its 100 pooled SQLite connections, open
 * until the whole command ends (handler/msg_update.go defers each iterator's Close inside
 * its loop), so updates in flight across all clients must stay under 100 or FerretDB waits
 * for a connection forever. 20 leaves room for the server's one connection and the GIAS
 * import's two at once. MongoDB does not mind; the extra round trips cost it little.
 */
export const UPDATES_PER_COMMAND = 20;
