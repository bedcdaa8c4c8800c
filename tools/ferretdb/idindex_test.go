package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// startFerretDB runs embedded FerretDB (SQLite) in a fresh directory, as main does, and
// returns it with a connected client; both stop when the test ends.
func startFerretDB(t *testing.T) (*ferretdb.FerretDB, string, *mongo.Client) {
	t.Helper()

	dir := t.TempDir()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(normal)",
		Logger:    logger,
	})
	if err != nil {
		t.Fatal(err)
	}

	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = f.Run(ctx)
		close(done)
	}()

	client, err := mongo.Connect(ctx, options.Client().ApplyURI(f.MongoDBURI()))
	if err != nil {
		t.Fatal(err)
	}

	t.Cleanup(func() {
		_ = client.Disconnect(context.Background())
		stop()
		<-done
	})

	return f, dir, client
}

// TestIDPathIndexesSurviveDropAndRecreate is the bench's pattern that failed with
// `no such table` / `disk I/O error`: drop a database, at once re-create its collection
// and write, over and over, while index passes run back to back on the same files.
func TestIDPathIndexesSurviveDropAndRecreate(t *testing.T) {
	f, dir, client := startFerretDB(t)
	ctx := context.Background()

	passCtx, stopPasses := context.WithCancel(ctx)
	passesDone := make(chan struct{})
	var indexed atomic.Int64 // passes that added at least one index: proves the race was run
	go func() {
		defer close(passesDone)
		for passCtx.Err() == nil {
			if n, err := indexPass(passCtx, f, dir); err == nil && n > 0 {
				indexed.Add(1)
			}
		}
	}()

	const rounds = 300
	failures := 0
	var firstFailure error

	for i := 0; i < rounds; i++ {
		if err := dropRecreateAndCheck(ctx, client.Database("race"), i); err != nil {
			failures++
			if firstFailure == nil {
				firstFailure = fmt.Errorf("round %d: %w", i, err)
			}
		}
	}

	stopPasses()
	<-passesDone

	if failures > 0 {
		t.Fatalf("%d of %d drop-and-recreate rounds failed; first: %v", failures, rounds, firstFailure)
	}
	if indexed.Load() == 0 {
		t.Fatal("no index pass added an index during the rounds: the race was not exercised")
	}
	t.Logf("%d rounds clean; %d index passes added indexes meanwhile", rounds, indexed.Load())
}

// dropRecreateAndCheck drops db, re-creates a collection with a few documents and reads
// them back by _id and in full.
func dropRecreateAndCheck(ctx context.Context, db *mongo.Database, round int) error {
	if err := db.Drop(ctx); err != nil {
		return fmt.Errorf("drop: %w", err)
	}

	coll := db.Collection("items")
	docs := []any{}
	for j := 0; j < 5; j++ {
		docs = append(docs, bson.D{{Key: "_id", Value: j}, {Key: "round", Value: round}})
	}
	if _, err := coll.InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("insert: %w", err)
	}
	if _, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: 3}}, bson.D{{Key: "$set", Value: bson.D{{Key: "seen", Value: true}}}}); err != nil {
		return fmt.Errorf("update: %w", err)
	}

	var got struct {
		Round int  `bson:"round"`
		Seen  bool `bson:"seen"`
	}
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: 3}}).Decode(&got); err != nil {
		return fmt.Errorf("find by _id: %w", err)
	}
	if got.Round != round || !got.Seen {
		return fmt.Errorf("find by _id: got %+v, want round %d seen", got, round)
	}

	n, err := coll.CountDocuments(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("count: %w", err)
	}
	if n != 5 {
		return fmt.Errorf("count: got %d documents, want 5", n)
	}

	return nil
}

// TestIndexPassAddsIDPathIndex: one pass gives a collection table the index that
// FerretDB's look-ups by _id can use, and SQLite's planner then uses it.
func TestIndexPassAddsIDPathIndex(t *testing.T) {
	f, dir, client := startFerretDB(t)
	ctx := context.Background()

	coll := client.Database("plain").Collection("items")
	if _, err := coll.InsertOne(ctx, bson.D{{Key: "_id", Value: "a"}}); err != nil {
		t.Fatal(err)
	}

	if n, err := indexPass(ctx, f, dir); err != nil || n != 1 {
		t.Fatalf("index pass: added %d, error %v; want 1 index, no error", n, err)
	}

	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "plain.sqlite")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var table string
	if err := db.QueryRow(`SELECT table_name FROM _ferretdb_collections WHERE name = 'items'`).Scan(&table); err != nil {
		t.Fatal(err)
	}

	var plan string
	q := fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %q WHERE _ferretdb_sjson->'$._id' = ?`, table)
	if err := db.QueryRow(q, `"a"`).Scan(new(int), new(int), new(int), &plan); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("SEARCH %s USING INDEX %s__id_path", table, table); !strings.HasPrefix(plan, want) {
		t.Fatalf("query plan %q, want it to start with %q", plan, want)
	}
}

// indexPass is one pass of keepIDPathIndexes over every database file, without its
// "changed since" filter.
func indexPass(ctx context.Context, f *ferretdb.FerretDB, dir string) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	if err != nil {
		return 0, err
	}
	registry, err := registryLock(f)
	if err != nil {
		return 0, err
	}
	added := 0
	for _, file := range files {
		n, err := addIDPathIndexes(ctx, registry, file)
		added += n
		if err != nil {
			return added, err
		}
	}
	return added, nil
}

// TestRegistryLockFound: the launcher reaches FerretDB's registry lock, so a FerretDB
// upgrade that moves it fails here instead of silently turning the indexes off.
func TestRegistryLockFound(t *testing.T) {
	f, _, _ := startFerretDB(t)

	if _, err := registryLock(f); err != nil {
		t.Fatal(err)
	}
}
