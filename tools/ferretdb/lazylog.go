package main

import (
	"context"
	"log/slog"
	"slices"
)

// lazyHandler defers slog's WithAttrs until a record is actually logged.
//
// FerretDB 1.x calls logger.With(slog.Any("args", args)) around every SQL statement,
// at every level. slog's text and JSON handlers format those attributes eagerly, so
// each insert quoted its whole documents twice even with debug logging off: about a
// fifth of FerretDB's CPU time on bulk writes (measured with pprof). Keeping the
// attributes unformatted until Handle makes that free when the level is disabled.
type lazyHandler struct {
	inner slog.Handler
	attrs []slog.Attr
}

func newLazyHandler(inner slog.Handler) slog.Handler {
	return &lazyHandler{inner: inner}
}

func (h *lazyHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h *lazyHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.materialized().Handle(ctx, r)
}

func (h *lazyHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	return &lazyHandler{inner: h.inner, attrs: append(slices.Clip(h.attrs), attrs...)}
}

// WithGroup applies the pending attributes first: they belong outside the group.
func (h *lazyHandler) WithGroup(name string) slog.Handler {
	return &lazyHandler{inner: h.materialized().WithGroup(name)}
}

func (h *lazyHandler) materialized() slog.Handler {
	if len(h.attrs) == 0 {
		return h.inner
	}
	return h.inner.WithAttrs(h.attrs)
}
