package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
)

// serveDebug serves Go's profiler (net/http/pprof) on addr, for finding where FerretDB
// spends its time (BENCHMARKS.md, issue 20: the copies' cold load). Off unless
// --debug-addr is given; meant for loopback only, like the database itself.
func serveDebug(addr string, logger *slog.Logger) {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		fail("--debug-addr: " + err.Error())
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)

	go func() {
		if err := http.Serve(listener, mux); err != nil {
			logger.Error("debug server stopped", slog.String("error", err.Error()))
		}
	}()
}
