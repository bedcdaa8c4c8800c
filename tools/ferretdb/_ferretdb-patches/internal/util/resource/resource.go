// Replaces FerretDB 1.24.2's internal/util/resource/resource.go in the launcher's build
// (server/db/ferretdb.ts copies the module, lays the files under _ferretdb-patches over it,
// and builds against that copy). Same API, no work.
//
// Why: FerretDB tracked every document and array iterator it made, adding each to a
// runtime/pprof profile, which records a stack trace per call, and setting a finalizer that
// panics if the iterator is never closed (a leak check). Reading a collection makes an
// iterator per document and sub-document twice over (filtering, encoding the reply), so the
// stack traces alone were 17% of FerretDB's CPU when the server loads its copies (profile in
// BENCHMARKS.md, issue 20, "session 7: cold start"). Iterators hold no resource of their own:
// the SQLite rows they read are closed by the query iterator whether or not this tracks it.
package resource

// Token should be a field of a tracked object.
type Token byte

// NewToken returns a new Token.
func NewToken() *Token {
	return new(Token)
}

// Track would track the lifetime of an object until Untrack is called on it: not done here.
func Track(obj any, token *Token) {}

// Untrack stops tracking the lifetime of an object: nothing to stop.
func Untrack(obj any, token *Token) {}
