// Not part of FerretDB: the tests of the school-support launcher's patches to this package
// (tools/ferretdb/_ferretdb-patches/), run with FerretDB's own tests of it by
// `npx tsx tools/test-ferretdb-patches.ts`. Each fast path is held to the original decoder
// (a json.Decoder, then checkConsumed, as FerretDB 1.24.2 did): the same value, and the same
// inputs refused, on edge cases and many random inputs; a document as Marshal writes it takes
// the plain path and decodes as the original path does.
package sjson

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"math/rand"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
	"github.com/FerretDB/FerretDB/internal/util/must"
	"github.com/FerretDB/FerretDB/internal/util/testutil"
)

// origDecode is how FerretDB 1.24.2 decoded a value: a json.Decoder, then checkConsumed.
func origDecode(data []byte, v any) error {
	r := bytes.NewReader(data)
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	return checkConsumed(dec, r)
}

var numberCases = []string{"0", "-0", "1", "-1", "007", "01", "1.0", "1.5", "-1.25e3", "1e3", "1E+3", "1e-3", "+1", "1.", ".5", "-", "", "1e", "1e+", "0x10",
	"2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"1e309", "-1e309", "4.9e-324", "1e-400", "123456789012345678901234567890", "1_000", " 1", "1 ", "true", "null", "\"1\"", "0.1", "3.141592653589793", "1.7976931348623157e308"}

func randNumber(r *rand.Rand) string {
	switch r.Intn(4) {
	case 0:
		return string(mustB(json.Marshal(r.NormFloat64() * float64(r.Int63n(1<<40)+1))))
	case 1:
		return string(mustB(json.Marshal(r.Int63() - r.Int63())))
	case 2:
		return string(mustB(json.Marshal(int32(r.Uint32()))))
	default:
		b := make([]byte, r.Intn(6)+1)
		alpha := "0123456789-+.eE"
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		return string(b)
	}
}

func mustB(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestFastPathsEquivalent: numbers, dates, booleans, strings and ObjectIds.
func TestFastPathsEquivalent(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	nums := append([]string{}, numberCases...)
	for i := 0; i < 200000; i++ {
		nums = append(nums, randNumber(r))
	}
	for _, c := range nums {
		data := []byte(c)
		if c == "null" {
			continue
		}
		{
			var a doubleType
			var o float64
			ea, eo := a.UnmarshalJSON(data), origDecode(data, &o)
			if (ea == nil) != (eo == nil) || (ea == nil && (float64(a) != o || (o == 0 && (1/float64(a)) != (1/o)))) {
				t.Fatalf("double %q: %v %v / %v %v", c, a, ea, o, eo)
			}
		}
		{
			var a int32Type
			var o int32
			ea, eo := a.UnmarshalJSON(data), origDecode(data, &o)
			if (ea == nil) != (eo == nil) || (ea == nil && int32(a) != o) {
				t.Fatalf("int32 %q: %v %v / %v %v", c, a, ea, o, eo)
			}
		}
		{
			var a int64Type
			var o int64
			ea, eo := a.UnmarshalJSON(data), origDecode(data, &o)
			if (ea == nil) != (eo == nil) || (ea == nil && int64(a) != o) {
				t.Fatalf("int64 %q: %v %v / %v %v", c, a, ea, o, eo)
			}
		}
		{
			var a dateTimeType
			var o int64
			ea, eo := a.UnmarshalJSON(data), origDecode(data, &o)
			if (ea == nil) != (eo == nil) || (ea == nil && !time.Time(a).Equal(time.UnixMilli(o))) {
				t.Fatalf("date %q: %v %v / %v %v", c, a, ea, o, eo)
			}
		}
		if c == "null" {
			continue
		}
		{
			var a boolType
			var o bool
			ea, eo := a.UnmarshalJSON(data), origDecode(data, &o)
			if (ea == nil) != (eo == nil) || (ea == nil && bool(a) != o) {
				t.Fatalf("bool %q", c)
			}
		}
	}
	for _, c := range []string{"true", "false", "True", "tru", "true ", "1", "\"true\""} {
		var a boolType
		var o bool
		ea, eo := a.UnmarshalJSON([]byte(c)), origDecode([]byte(c), &o)
		if (ea == nil) != (eo == nil) || (ea == nil && bool(a) != o) {
			t.Fatalf("bool %q", c)
		}
	}
	// strings: random bytes, including escapes, controls, invalid UTF-8, quotes
	pieces := []string{"a", "Z", " ", "\\", "\"", "\\n", "\\u00e9", "\\ud800", "é", "€", "😀", "\x00", "\x1f", "\x7f", "\xff", "\xed\xa0\x80", "\xef\xbf\xbd", "\xc3", "/", "\\/", "\t"}
	strs := []string{`""`, `"`, `"a`, `a"`, `''`, `null`, `"abc" `, ` "abc"`}
	for i := 0; i < 200000; i++ {
		var b bytes.Buffer
		b.WriteByte('"')
		for j := r.Intn(8); j > 0; j-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		b.WriteByte('"')
		strs = append(strs, b.String())
		s := make([]byte, 24)
		for k := range s {
			s[k] = "0123456789abcdefABCDEFg"[r.Intn(23)]
		}
		strs = append(strs, `"`+string(s)+`"`, `"`+string(s[:r.Intn(24)])+`"`)
	}
	for _, c := range strs {
		data := []byte(c)
		if c == "null" {
			continue
		}
		{
			var a stringType
			var o string
			ea, eo := a.UnmarshalJSON(data), origDecode(data, &o)
			if (ea == nil) != (eo == nil) || (ea == nil && string(a) != o) {
				t.Fatalf("string %q: %q %v / %q %v", c, a, ea, o, eo)
			}
		}
		{
			var a objectIDType
			ea := a.UnmarshalJSON(data)
			var want objectIDType
			eo := origObjectID(&want, data)
			if (ea == nil) != (eo == nil) || (ea == nil && a != want) {
				t.Fatalf("objectId %q: %v %v / %v %v", c, a, ea, want, eo)
			}
		}
	}
	t.Logf("%d numbers, %d strings", len(nums), len(strs))
}

// origObjectID is objectIDType.UnmarshalJSON of FerretDB 1.24.2.
func origObjectID(obj *objectIDType, data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		panic("null data")
	}

	r := bytes.NewReader(data)
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()

	var o string
	if err := dec.Decode(&o); err != nil {
		return lazyerrors.Error(err)
	}

	if err := checkConsumed(dec, r); err != nil {
		return lazyerrors.Error(err)
	}

	b, err := hex.DecodeString(o)
	if err != nil {
		return lazyerrors.Error(err)
	}

	if len(b) != types.ObjectIDLen {
		return lazyerrors.Errorf("sjson.objectIDType.UnmarshalJSON: %d bytes", len(b))
	}

	copy(obj[:], b)

	return nil
}

// TestPlainPathTaken: a document as Marshal writes it (escapes, non-ASCII keys, nested
// documents and arrays, empty ones, nulls) takes unmarshalPlain and decodes as the original
// path does (given a leading space, which the plain path leaves to it).
func TestPlainPathTaken(t *testing.T) {
	sub := must.NotFail(types.NewDocument("a", int32(1), "b", "x\"y", "é", 1.5, "empty", must.NotFail(types.NewDocument())))
	arr := must.NotFail(types.NewArray("s", int64(5), sub, types.Null, must.NotFail(types.NewArray())))
	doc := must.NotFail(types.NewDocument("_id", types.ObjectID{1, 2, 3}, "name", "Zoë \\ \n", "when", time.UnixMilli(1700000000000), "arr", arr, "sub", sub, "ok", true, "n", types.Null))
	b, err := Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := unmarshalPlain(b)
	if !ok {
		t.Fatal("plain path not taken")
	}
	testutil.AssertEqual(t, doc, got)
	// the original path gives the same
	orig, err := Unmarshal(append([]byte(" "), b...))
	if err != nil {
		t.Fatal(err)
	}
	testutil.AssertEqual(t, orig, got)
}
