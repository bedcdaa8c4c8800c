package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses, already in the binary
)

// keepIDPathIndexes works around FerretDB 1.24's SQLite backend looking documents up by
// _id with an expression its own _id index does not match: the index is on
// `_ferretdb_sjson->"_id"`, while queries, updates and deletes say
// `WHERE _ferretdb_sjson->'$._id' = ?`. SQLite matches indexed expressions by their text,
// so every update by _id scanned the whole table, parsing each row's JSON (measured: 41 ms
// per update at 2,000 documents, 185 ms at 10,000; 1.3 ms with the index below).
//
// Every `interval`, for each database file that changed, it adds the index FerretDB's
// statements can use, `<table>__id_path` on `_ferretdb_sjson->'$._id'`, to any collection
// table that lacks it. FerretDB does not know of these indexes (they are absent from
// listIndexes) and drops them with their table. Until a new collection gets its index,
// its look-ups by _id scan, as before: only slower, never wrong.
//
// registry is FerretDB's own lock around creating and dropping databases and collections
// (see registryLock): each file is worked on while holding it shared, so FerretDB never
// drops a database while this has it open.
func keepIDPathIndexes(ctx context.Context, registry *sync.RWMutex, dir string, interval time.Duration, logger *slog.Logger) {
	seen := map[string]time.Time{} // database file -> newest change already handled
	ticker := time.NewTicker(interval)
	defer ticker.Stop()

	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}

		files, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		if err != nil {
			continue
		}

		for _, file := range files {
			changed := lastChange(file)
			if !changed.After(seen[file]) {
				continue
			}

			if _, err := addIDPathIndexes(ctx, registry, file); err != nil {
				// A database dropped meanwhile, or busy: the next tick tries again.
				logger.DebugContext(ctx, "id path indexes", slog.String("file", file), slog.String("error", err.Error()))
				continue
			}

			seen[file] = changed
		}
	}
}

// lastChange is when the database file or its write-ahead log last changed.
func lastChange(file string) time.Time {
	var newest time.Time

	for _, name := range []string{file, file + "-wal"} {
		if info, err := os.Stat(name); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}

	return newest
}

// addIDPathIndexes adds the missing indexes to one database file; it returns how many.
func addIDPathIndexes(ctx context.Context, registry *sync.RWMutex, file string) (int, error) {
	// Our connection must be closed before FerretDB may drop this database: a drop closes
	// FerretDB's connections and removes only the main file, so with ours still open the
	// -wal and -shm files survive, a database re-created under the same name adopts them,
	// and our close then deletes them under it (corrupt pages, `no such table`, SIGBUS).
	// Holding the registry lock shared until db.Close (deferred after it, so run before
	// the unlock) keeps drops out, and keeps collections from being dropped between our
	// listing and our index. FerretDB's reads share it; its inserts take it exclusively for
	// a moment (CollectionCreate), so they, and reads queued behind them, wait out a pass:
	// a query when nothing changed, an index build on a collection that just appeared.
	// FerretDB never takes it inside a SQLite transaction, so waiting on SQLite's lock
	// (busy_timeout) while holding it cannot deadlock.
	registry.RLock()
	defer registry.RUnlock()

	// Re-checked under the lock: the database may have been dropped since the Glob.
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}

	// mode=rw: never create a database file that FerretDB has just removed.
	db, err := sql.Open("sqlite", "file:"+file+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()

	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (
			SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '__id_path'
		)`)
	if err != nil {
		return 0, err
	}

	var tables []string

	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return 0, err
		}

		tables = append(tables, table)
	}

	rows.Close()

	if err := rows.Err(); err != nil {
		return 0, err
	}

	for i, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+"__id_path", table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return i, err
		}
	}

	return len(tables), nil
}
