// Patched for the school-support launcher (server/db/ferretdb.ts lays this file over
// FerretDB 1.24.2's internal/handler/sjson/sjson.go): Unmarshal keeps the schemas it has
// parsed (schemaOf, at the end), the only change. Documents of one collection mostly share a
// few shapes, so nearly every document's schema had already been parsed, by reflection, from
// the same text: a large part of FerretDB's CPU when the server loads its copies (BENCHMARKS.md,
// issue 20, "session 7: cold start"). Parsed schemas are only read, never changed, by the
// decoding below, so sharing one between documents and connections changes nothing. Also,
// the document itself is decoded with json.Unmarshal rather than a new json.Decoder, and the
// fast paths the per-value decoders share (plainJSONString, jsonInteger, jsonNumber, at the
// end: a patch may only replace FerretDB's files, so they live here). And a plain document,
// as FerretDB stores them, is split into its fields by unmarshalPlain (at the end) rather than
// by encoding/json into maps of json.RawMessage at every level.
//
// Copyright 2021 FerretDB Inc.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// Package sjson provides converters from/to jsonb with some extensions for built-in and `types` types.
//
// See contributing guidelines and documentation for package `types` for details.
//
// # Mapping
//
// SJSON uses schema to map values to data types.
// Schema is stored in the `$s` field of the document and contains information about the fields.
// A document with schema looks like this:
//
//	{
//	   "$s": {
//	     "$k": ["field1", "field2", ...],
//	     "p": {
//	       "field1": {<schema>},
//	       "field2": {<schema>},
//	       ...
//	   }
//	   "field1": <json representation>,
//	   "field2": <json representation>,
//	   ...
//	}
//
// Composite types
//
//	Alias      types package    sjson package        sjson schema                                             JSON representation
//
//	object     *types.Document  *sjson.documentType  {"t":"object", "$s": {"$k":[<keys>], "p":{<properties>}} JSON object
//	array      *types.Array     *sjson.arrayType     {"t":"array", "i": [<item 1>, <item 2>]}                 JSON array
//
// Scalar types
//
//	Alias      types package    sjson package         sjson schema                           JSON representation
//
//	double     float64          *sjson.doubleType     {"t":"double"}                         JSON number
//	string     string           *sjson.stringType     {"t":"string"}                         JSON string
//	binData    types.Binary     *sjson.binaryType     {"t":"binData",
//	                                                   "s":<subtype number>}                 "<base 64 string>"
//	objectId   types.ObjectID   *sjson.objectIDType   {"t":"objectId"}                       "<ObjectID as 24 character hex string>"
//	bool       bool             *sjson.boolType       {"t":"bool"}                           JSON true / false values
//	date       time.Time        *sjson.dateTimeType   {"t":"date"}                           milliseconds since epoch as JSON number
//	null       types.NullType   *sjson.nullType       {"t":"null"}                           JSON null
//	regex      types.Regex      *sjson.regexType      {"t":"regex",
//	                                                   "o": "<string w/o terminating 0x0>"}  "<string w/o terminating 0x0>"
//	int        int32            *sjson.int32Type      {"t":"int"}                            JSON number
//	timestamp  types.Timestamp  *sjson.timestampType  {"t":"timestamp"}                      JSON number
//	long       int64            *sjson.int64Type      {"t":"long"}                           JSON number
//
//nolint:lll // for readability
package sjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/AlekSi/pointer"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// sjsontype is a type that can be marshaled from/to sjson.
//
//sumtype:decl
type sjsontype interface {
	sjsontype() // seal for sumtype

	json.Marshaler
}

// checkConsumed returns error if decoder or reader have buffered or unread data.
func checkConsumed(dec *json.Decoder, r *bytes.Reader) error {
	if dr := dec.Buffered().(*bytes.Reader); dr.Len() != 0 {
		b, _ := io.ReadAll(dr)

		if l := len(b); l != 0 {
			return lazyerrors.Errorf("%d bytes remains in the decoder: %s", l, b)
		}
	}

	if l := r.Len(); l != 0 {
		b, _ := io.ReadAll(r)
		return lazyerrors.Errorf("%d bytes remains in the reader: %s", l, b)
	}

	return nil
}

// fromSJSON converts sjsontype value to matching built-in or types' package value.
func fromSJSON(v sjsontype) any {
	switch v := v.(type) {
	case *documentType:
		return pointer.To(types.Document(*v))
	case *arrayType:
		return pointer.To(types.Array(*v))
	case *doubleType:
		return float64(*v)
	case *stringType:
		return string(*v)
	case *binaryType:
		return types.Binary(*v)
	case *objectIDType:
		return types.ObjectID(*v)
	case *boolType:
		return bool(*v)
	case *dateTimeType:
		return time.Time(*v)
	case *nullType:
		return types.Null
	case *regexType:
		return types.Regex(*v)
	case *int32Type:
		return int32(*v)
	case *timestampType:
		return types.Timestamp(*v)
	case *int64Type:
		return int64(*v)
	}

	panic(fmt.Sprintf("not reached: %T", v)) // for sumtype to work
}

// toSJSON converts built-in or types' package value to sjsontype value.
func toSJSON(v any) sjsontype {
	switch v := v.(type) {
	case *types.Document:
		return pointer.To(documentType(*v))
	case *types.Array:
		return pointer.To(arrayType(*v))
	case float64:
		return pointer.To(doubleType(v))
	case string:
		return pointer.To(stringType(v))
	case types.Binary:
		return pointer.To(binaryType(v))
	case types.ObjectID:
		return pointer.To(objectIDType(v))
	case bool:
		return pointer.To(boolType(v))
	case time.Time:
		return pointer.To(dateTimeType(v))
	case types.NullType:
		return pointer.To(nullType(v))
	case types.Regex:
		return pointer.To(regexType(v))
	case int32:
		return pointer.To(int32Type(v))
	case types.Timestamp:
		return pointer.To(timestampType(v))
	case int64:
		return pointer.To(int64Type(v))
	}

	panic(fmt.Sprintf("not reached: %T", v)) // for sumtype to work
}

// Unmarshal decodes the top-level document.
// It decodes document's schema from the `$s` field and uses it to decode the data of the document.
func Unmarshal(data []byte) (*types.Document, error) {
	// Patched: a plain document (see unmarshalPlain) is decoded without encoding/json's
	// reflection; any other goes the way below, as before.
	if d, ok := unmarshalPlain(data); ok {
		return d, nil
	}

	// unmarshalOne, not a new Decoder (patched): the same result, without the Decoder's
	// buffering and scanning the document twice.
	var v map[string]json.RawMessage

	err := unmarshalOne(data, &v)
	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	// decode schema from the $s field of the document
	jsch, ok := v["$s"]
	if !ok {
		return nil, lazyerrors.Errorf("schema is not set")
	}

	sch, err := schemaOf(jsch)
	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	delete(v, "$s")

	// decode data from the rest of the document using the schema
	if len(sch.Keys) != len(v) {
		return nil, lazyerrors.Errorf(
			"sjson.Unmarshal: the data must have the same number of schema keys and document fields (keys: %d, fields: %d)",
			len(sch.Keys), len(v),
		)
	}

	d := must.NotFail(types.NewDocument())

	for _, key := range sch.Keys {
		b, ok := v[key]

		if !ok {
			return nil, lazyerrors.Errorf("sjson.Unmarshal: missing key %q", key)
		}

		v, err := unmarshalSingleValue(b, sch.Properties[key])
		if err != nil {
			return nil, lazyerrors.Error(err)
		}

		d.Set(key, v)
	}

	return d, nil
}

// unmarshalSingleValue decodes the given sjson-encoded data element by the given schema.
func unmarshalSingleValue(data json.RawMessage, sch *elem) (any, error) {
	if bytes.Equal(data, []byte("null")) {
		return fromSJSON(new(nullType)), nil
	}

	if sch == nil {
		return nil, lazyerrors.Errorf("schema is not set")
	}

	var res sjsontype
	var err error

	switch sch.Type {
	case elemTypeObject:
		if sch.Schema == nil {
			return nil, lazyerrors.Errorf("sjson.unmarshalSingleValue: schema is not set")
		}

		var d documentType
		err = d.UnmarshalJSONWithSchema(data, sch.Schema)
		res = &d
	case elemTypeArray:
		if sch.Items == nil {
			return nil, lazyerrors.Errorf("sjson.unmarshalSingleValue: schema's items are not set")
		}

		var a arrayType
		err = a.UnmarshalJSONWithSchema(data, sch.Items)
		res = &a
	case elemTypeDouble:
		var d doubleType
		err = d.UnmarshalJSON(data)
		res = &d
	case elemTypeString:
		var s stringType
		err = s.UnmarshalJSON(data)
		res = &s
	case elemTypeBinData:
		var b binaryType
		err = b.UnmarshalJSONWithSchema(data, sch)
		res = &b
	case elemTypeObjectID:
		var o objectIDType
		err = o.UnmarshalJSON(data)
		res = &o
	case elemTypeBool:
		var b boolType
		err = b.UnmarshalJSON(data)
		res = &b
	case elemTypeDate:
		var d dateTimeType
		err = d.UnmarshalJSON(data)
		res = &d
	case elemTypeNull:
		return nil, lazyerrors.Errorf("sjson.unmarshalSingleValue: expected null, got %s", data)
	case elemTypeRegex:
		var r regexType
		err = r.UnmarshalJSONWithSchema(data, sch)
		res = &r
	case elemTypeInt:
		var i int32Type
		err = i.UnmarshalJSON(data)
		res = &i
	case elemTypeTimestamp:
		var t timestampType
		err = t.UnmarshalJSON(data)
		res = &t
	case elemTypeLong:
		var l int64Type
		err = l.UnmarshalJSON(data)
		res = &l
	default:
		return nil, lazyerrors.Errorf("sjson.unmarshalSingleValue: unhandled type %q", sch.Type)
	}

	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	return fromSJSON(res), nil
}

// Marshal encodes given document fields and set its schema in the field $s.
// Use it when you need to encode a document with schema, for example, when you want to store it in a database.
func Marshal(d *types.Document) ([]byte, error) {
	if d == nil {
		panic("v is nil")
	}

	schema, err := marshalSchemaForDoc(d)
	if err != nil {
		return nil, err
	}

	var buf bytes.Buffer

	buf.WriteString(`{"$s":`)
	buf.Write(schema)

	keys := d.Keys()
	values := d.Values()

	for i, key := range keys {
		buf.WriteByte(',')
		buf.WriteString(`"`)
		buf.WriteString(key)
		buf.WriteString(`":`)

		b, err := toSJSON(values[i]).MarshalJSON()
		if err != nil {
			return nil, lazyerrors.Error(err)
		}

		buf.Write(b)
	}

	buf.WriteByte('}')

	return buf.Bytes(), nil
}

// MarshalSingleValue encodes given built-in or types' package value into sjson.
// Use it when you need to encode a single value, for example in a where clause.
func MarshalSingleValue(v any) ([]byte, error) {
	if v == nil {
		panic("v is nil")
	}

	b, err := toSJSON(v).MarshalJSON()
	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	return b, nil
}

// maxCachedSchemas bounds the schemas kept: a shape per distinct document layout (array
// lengths included), so a few hundred in practice; past the bound, schemas are parsed as before.
const maxCachedSchemas = 4096

// parsedSchemas holds parsed schemas by their JSON text.
var parsedSchemas sync.Map

// parsedSchemasCount is how many parsedSchemas holds (approximately, under races: a bound only).
var parsedSchemasCount atomic.Int64

// schemaOf parses a document's schema ("$s"), exactly as Unmarshal did, or returns the one
// already parsed from the same text.
func schemaOf(jsch json.RawMessage) (*schema, error) {
	if known, ok := parsedSchemas.Load(string(jsch)); ok {
		return known.(*schema), nil
	}

	var sch schema
	r := bytes.NewReader(jsch)
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()

	if err := dec.Decode(&sch); err != nil {
		return nil, lazyerrors.Error(err)
	}

	if err := checkConsumed(dec, r); err != nil {
		return nil, lazyerrors.Error(err)
	}

	if parsedSchemasCount.Load() < maxCachedSchemas {
		if _, loaded := parsedSchemas.LoadOrStore(string(jsch), &sch); !loaded {
			parsedSchemasCount.Add(1)
		}
	}

	return &sch, nil
}

// The per-value decoders (string.go, object_id.go, double.go, int32.go, int64.go,
// datetime.go, bool.go; patched) each made a json.Decoder, read the value through it by
// reflection and checked nothing followed: per value of every document read, most of
// sjson.Unmarshal's time when the server loads its copies. Nearly every value FerretDB stored
// is plain (written by json.Marshal: a string without escapes, an integer, a number), and for
// plain values what encoding/json returns is known exactly, so they are read directly; any
// other value (escapes, exponents where an integer is expected, out of range, malformed) goes
// the original way, with the original result or error. The values handed to these decoders
// are json.RawMessage cut out of their document by encoding/json, so never padded with
// whitespace.

// unmarshalOne decodes one JSON value into v as a new json.Decoder followed by checkConsumed
// did (the original code, decodeOneOriginal), but with json.Unmarshal, which makes no Decoder
// and buffer. Both give the same value for the same text and refuse the same texts, but for
// whitespace after the value, which only the Decoder refused: data ending in whitespace is
// decoded the original way. What json.Unmarshal refuses is decoded again the original way, for
// the original error's wording (FerretDB's tests compare it).
func unmarshalOne(data []byte, v any) error {
	if n := len(data); n > 0 && (data[n-1] == ' ' || data[n-1] == '\t' || data[n-1] == '\n' || data[n-1] == '\r') {
		return decodeOneOriginal(data, v)
	}

	if err := json.Unmarshal(data, v); err != nil {
		return decodeOneOriginal(data, v)
	}

	return nil
}

// decodeOneOriginal is how FerretDB 1.24.2 decoded one value: a json.Decoder, then checkConsumed.
func decodeOneOriginal(data []byte, v any) error {
	r := bytes.NewReader(data)
	dec := json.NewDecoder(r)

	if err := dec.Decode(v); err != nil {
		return err
	}

	return checkConsumed(dec, r)
}

// plainJSONString returns the text of a JSON string literal holding no escape, no control
// character and only valid UTF-8: exactly what encoding/json decodes it to (its unquote
// returns such text as it is). ok is false for anything else, to be decoded by encoding/json.
func plainJSONString(data []byte) (s string, ok bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return "", false
	}

	inner := data[1 : len(data)-1]
	ascii := true

	for _, c := range inner {
		if c == '\\' || c == '"' || c < ' ' {
			return "", false
		}

		if c >= utf8.RuneSelf {
			ascii = false
		}
	}

	// encoding/json replaces invalid UTF-8 (surrogate halves included) with U+FFFD.
	if !ascii && !utf8.Valid(inner) {
		return "", false
	}

	return string(inner), true
}

// isJSONInteger reports whether data is a JSON integer literal: -?(0|[1-9][0-9]*).
func isJSONInteger(data []byte) bool {
	i := 0
	if i < len(data) && data[i] == '-' {
		i++
	}

	if i == len(data) {
		return false
	}

	if data[i] == '0' {
		return i+1 == len(data)
	}

	for ; i < len(data); i++ {
		if data[i] < '0' || data[i] > '9' {
			return false
		}
	}

	return true
}

// jsonInteger decodes a JSON integer literal of at most bits bits as encoding/json decodes it
// into an int of that size (strconv.ParseInt of the literal, an error if out of range).
// ok is false when data is not such a literal or does not fit: decode it the original way.
func jsonInteger(data []byte, bits int) (n int64, ok bool) {
	if !isJSONInteger(data) {
		return 0, false
	}

	n, err := strconv.ParseInt(string(data), 10, bits)
	if err != nil {
		return 0, false
	}

	return n, true
}

// isJSONNumber reports whether data is a JSON number literal:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(data []byte) bool {
	i := 0
	if i < len(data) && data[i] == '-' {
		i++
	}

	digits := func() bool {
		start := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}

		return i > start
	}

	switch {
	case i < len(data) && data[i] == '0':
		i++
	case !digits():
		return false
	}

	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}

	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}

		if !digits() {
			return false
		}
	}

	return i == len(data)
}

// jsonNumber decodes a JSON number literal as encoding/json decodes it into a float64
// (strconv.ParseFloat of the literal, an error if out of range). ok is false when data is not
// such a literal or out of range: decode it the original way.
func jsonNumber(data []byte) (f float64, ok bool) {
	if !isJSONNumber(data) {
		return 0, false
	}

	f, err := strconv.ParseFloat(string(data), 64)
	if err != nil {
		return 0, false
	}

	return f, true
}

// unmarshalPlain decodes a document as Unmarshal does, for documents in the form FerretDB
// writes them (Marshal: no whitespace, "$s" first, then the fields in the schema's order, keys
// without escapes), without encoding/json: splitting every document and sub-document into a
// map of json.RawMessage by reflection was most of Unmarshal's time once the values were read
// directly (BENCHMARKS.md, issue 20, "Cold start (session 7)"). The data is first checked to
// be valid JSON (json.Valid, as json.Unmarshal does before decoding), so the splitting below
// needs only find where each value ends. Each field's raw value is the same bytes
// encoding/json would have cut out, decoded by the same code (unmarshalSingleValue) but for
// sub-documents and arrays, split here the same way. ok is false for any document not in that
// form, or that Unmarshal would refuse: it is then decoded the original way, which gives the
// original error.
func unmarshalPlain(data []byte) (*types.Document, bool) {
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' || !json.Valid(data) {
		return nil, false
	}

	keys, values, ok := splitPlainObject(data)
	if !ok || len(keys) == 0 || keys[0] != "$s" {
		return nil, false
	}

	sch, err := schemaOf(values[0])
	if err != nil {
		return nil, false
	}

	for _, key := range sch.Keys {
		if key == "$s" {
			return nil, false
		}
	}

	return plainFields(keys[1:], values[1:], sch)
}

// plainFields builds a document from its fields as Unmarshal and documentType did: the keys
// must be the schema's, in its order, without repeats (encoding/json's map would have kept
// the last of repeated keys, and Unmarshal then compared counts: not handled here).
func plainFields(keys []string, values [][]byte, sch *schema) (*types.Document, bool) {
	if len(keys) != len(sch.Keys) || len(keys) > 64 {
		return nil, false
	}

	for i, key := range keys {
		if key != sch.Keys[i] {
			return nil, false
		}

		for _, earlier := range keys[:i] {
			if earlier == key {
				return nil, false
			}
		}
	}

	d := must.NotFail(types.NewDocument())

	for i, key := range keys {
		v, ok := plainValue(values[i], sch.Properties[key])
		if !ok {
			return nil, false
		}

		d.Set(key, v)
	}

	return d, true
}

// plainValue is unmarshalSingleValue, with sub-documents and arrays split by splitPlainObject
// and splitPlainArray; ok is false where unmarshalSingleValue would fail (or the value is not
// in plain form).
func plainValue(data []byte, sch *elem) (any, bool) {
	if bytes.Equal(data, []byte("null")) {
		return fromSJSON(new(nullType)), true
	}

	if sch == nil {
		return nil, false
	}

	switch sch.Type {
	case elemTypeObject:
		if sch.Schema == nil {
			return nil, false
		}

		keys, values, ok := splitPlainObject(data)
		if !ok {
			return nil, false
		}

		if len(keys) == 0 {
			return new(types.Document), true
		}

		return plainFields(keys, values, sch.Schema)

	case elemTypeArray:
		if sch.Items == nil {
			return nil, false
		}

		items, ok := splitPlainArray(data)
		if !ok || len(items) != len(sch.Items) {
			return nil, false
		}

		a := types.MakeArray(len(items))

		for i, item := range items {
			v, ok := plainValue(item, sch.Items[i])
			if !ok {
				return nil, false
			}

			a.Append(v)
		}

		return a, true

	default:
		v, err := unmarshalSingleValue(data, sch)
		if err != nil {
			return nil, false
		}

		return v, true
	}
}

// splitPlainObject splits a valid JSON object written without whitespace, whose keys have no
// escapes, into its keys and raw values; ok is false for anything else.
func splitPlainObject(data []byte) (keys []string, values [][]byte, ok bool) {
	if len(data) < 2 || data[0] != '{' {
		return nil, nil, false
	}

	i := 1
	if data[i] == '}' {
		return nil, nil, i+1 == len(data)
	}

	for {
		if i >= len(data) || data[i] != '"' {
			return nil, nil, false
		}

		end := plainStringEnd(data, i)
		if end < 0 || end >= len(data) || data[end] != ':' {
			return nil, nil, false
		}

		key := data[i+1 : end-1]
		if !utf8.Valid(key) {
			return nil, nil, false
		}

		start := end + 1

		valueEnd, ok := skipValidValue(data, start)
		if !ok || valueEnd >= len(data) {
			return nil, nil, false
		}

		keys = append(keys, string(key))
		values = append(values, data[start:valueEnd])

		switch data[valueEnd] {
		case ',':
			i = valueEnd + 1
		case '}':
			return keys, values, valueEnd+1 == len(data)
		default:
			return nil, nil, false
		}
	}
}

// splitPlainArray splits a valid JSON array written without whitespace into its raw values;
// ok is false for anything else.
func splitPlainArray(data []byte) (items [][]byte, ok bool) {
	if len(data) < 2 || data[0] != '[' {
		return nil, false
	}

	i := 1
	if data[i] == ']' {
		return nil, i+1 == len(data)
	}

	for {
		end, ok := skipValidValue(data, i)
		if !ok || end >= len(data) {
			return nil, false
		}

		items = append(items, data[i:end])

		switch data[end] {
		case ',':
			i = end + 1
		case ']':
			return items, end+1 == len(data)
		default:
			return nil, false
		}
	}
}

// plainStringEnd returns the index after the string starting at data[i] (a quote) if it has
// no escape and no control character, or -1.
func plainStringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '"':
			return j + 1
		case c == '\\' || c < ' ':
			return -1
		}
	}

	return -1
}

// skipValidValue returns the index after the value starting at data[i], in data already
// checked to be valid JSON; ok is false where the value is followed by whitespace or ends
// the data (not the form FerretDB writes).
func skipValidValue(data []byte, i int) (end int, ok bool) {
	if i >= len(data) {
		return 0, false
	}

	switch data[i] {
	case '"':
		return skipString(data, i)

	case '{', '[':
		depth := 0

		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				e, ok := skipString(data, j)
				if !ok {
					return 0, false
				}

				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}

		return 0, false

	default: // number, true, false, null: up to the next delimiter
		for j := i; j < len(data); j++ {
			switch data[j] {
			case ',', '}', ']':
				return j, true
			case ' ', '\t', '\n', '\r':
				return 0, false
			}
		}

		return 0, false
	}
}

// skipString returns the index after the string starting at data[i] (a quote), escapes
// included, in valid JSON.
func skipString(data []byte, i int) (end int, ok bool) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1, true
		}
	}

	return 0, false
}
