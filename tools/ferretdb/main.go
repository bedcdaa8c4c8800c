// Command ferretdb-launcher runs FerretDB (v1, SQLite storage) embedded as a Go
// package, listening on loopback only. It exists because `go install` of FerretDB's
// own cmd/ferretdb stops at start-up for lack of a generated version file, while the
// embeddable package does not need one.
//
// It prints one line "READY <mongodb-uri>" on stdout once it accepts connections,
// and exits when it receives SIGINT/SIGTERM or when its standard input closes (so it
// never outlives the Node.js process that started it).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (loopback only)")
	dir := flag.String("dir", "", "directory for the SQLite files (required)")
	watchStdin := flag.Bool("watch-stdin", true, "exit when standard input closes")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error")
	debugAddr := flag.String("debug-addr", "", "serve Go's profiler (/debug/pprof/) on this address (off when empty)")
	flag.Parse()

	// FerretDB 1.x allocates heavily per document (JSON in SQLite, BSON on the wire), so the
	// collector ran for a fifth of its CPU time on bulk reads and writes; its live heap is
	// small. Collect less often, with a soft ceiling so a large result still gets collected.
	// GOGC and GOMEMLIMIT in the environment take precedence.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}

	if *dir == "" {
		fail("--dir is required")
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail(err.Error())
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fail(err.Error())
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad --log-level: " + err.Error())
	}
	logger := slog.New(newLazyHandler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})))

	if *debugAddr != "" {
		serveDebug(*debugAddr, logger)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  "sqlite",
		// synchronous(normal): with WAL (FerretDB's default) a commit no longer waits for
		// fsync; a power cut may lose the last commits but never corrupts the files. Right
		// for an embedded development and test database, and several times faster to write.
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
		Logger:    logger,
	})
	if err != nil {
		fail(err.Error())
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	// The _id path indexes are only a speed-up: without FerretDB's registry lock they
	// would race database drops (see registryLock), so they are skipped, loudly, instead.
	if registry, err := registryLock(f); err != nil {
		logger.Error("id path indexes disabled: FerretDB's registry lock not found", slog.String("error", err.Error()))
	} else {
		go keepIDPathIndexes(ctx, registry, abs, 200*time.Millisecond, logger)
	}

	done := make(chan struct{})
	go func() {
		_ = f.Run(ctx)
		close(done)
	}()

	fmt.Printf("READY %s\n", f.MongoDBURI())
	<-done
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "ferretdb-launcher:", msg)
	os.Exit(1)
}
