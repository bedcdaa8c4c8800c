package main

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// registryLock returns the lock that FerretDB 1.24's SQLite backend holds exclusively while
// it creates or drops a database or a collection (metadata.Registry's rw: DatabaseDrop,
// DatabaseGetOrCreate, CollectionCreate, CollectionDrop all take it).
//
// keepIDPathIndexes must hold it while it has a database file open: a drop that closes
// FerretDB's connections while ours is still open leaves that database's -wal and -shm
// files behind, the re-created database adopts them, and our late close then deletes them
// under it (seen as `no such table`, `disk I/O error`, `database disk image is malformed`
// and SIGBUS crashes; see TestIDPathIndexesSurviveDropAndRecreate).
//
// FerretDB exposes no hook for this, so the lock is reached through unexported fields:
// FerretDB.l -> Listener.Handler -> Handler.Backend -> backendContract.b -> sqlite backend
// .r -> Registry.rw. The FerretDB version is pinned in go.mod; if an upgrade moves any of
// these, this returns an error (TestRegistryLockFound fails) rather than guessing.
func registryLock(f *ferretdb.FerretDB) (*sync.RWMutex, error) {
	v := reflect.ValueOf(f)

	for _, field := range []string{"l", "NewListenerOpts", "Handler", "NewOpts", "Backend", "b", "r"} {
		s, err := pointee(v)
		if err != nil {
			return nil, fmt.Errorf("before field %s: %w", field, err)
		}

		v = s.FieldByName(field)
		if !v.IsValid() {
			return nil, fmt.Errorf("%s has no field %s", s.Type(), field)
		}
	}

	registry, err := pointee(v)
	if err != nil {
		return nil, err
	}

	const want = "github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata.Registry"
	if got := registry.Type().PkgPath() + "." + registry.Type().Name(); got != want {
		return nil, fmt.Errorf("reached %s, not %s", got, want)
	}

	rw := registry.FieldByName("rw")
	if !rw.IsValid() || rw.Type() != reflect.TypeOf(sync.RWMutex{}) || !rw.CanAddr() {
		return nil, errors.New("metadata.Registry has no addressable rw sync.RWMutex")
	}

	return (*sync.RWMutex)(unsafe.Pointer(rw.UnsafeAddr())), nil
}

// pointee follows pointers and interfaces down to a struct.
func pointee(v reflect.Value) (reflect.Value, error) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, fmt.Errorf("nil %s", v.Type())
		}

		v = v.Elem()
	}

	if v.Kind() != reflect.Struct {
		return v, fmt.Errorf("%s is not a struct", v.Type())
	}

	return v, nil
}
