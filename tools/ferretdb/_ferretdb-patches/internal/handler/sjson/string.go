// Patched for the school-support launcher (server/db/ferretdb.ts lays this file over FerretDB
// 1.24.2's internal/handler/sjson/string.go): UnmarshalJSON takes a plain string's text as it
// is (plainJSONString in sjson.go: what encoding/json would return), and decodes any other
// with unmarshalOne (json.Unmarshal), instead of a new json.Decoder per string, the only
// change (BENCHMARKS.md, issue 20, "Cold start (session 7)").
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

package sjson

import (
	"bytes"
	"encoding/json"

	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// stringType represents BSON UTF-8 string type.
type stringType string

// sjsontype implements sjsontype interface.
func (str *stringType) sjsontype() {}

// UnmarshalJSON implements json.Unmarshaler interface.
func (str *stringType) UnmarshalJSON(data []byte) error {
	if bytes.Equal(data, []byte("null")) {
		panic("null data")
	}

	if s, ok := plainJSONString(data); ok {
		*str = stringType(s)
		return nil
	}

	// Any other: unmarshalOne (sjson.go), the same result without a new Decoder per string.
	var o string
	if err := unmarshalOne(data, &o); err != nil {
		return lazyerrors.Error(err)
	}

	*str = stringType(o)

	return nil
}

// MarshalJSON implements sjsontype interface.
func (str *stringType) MarshalJSON() ([]byte, error) {
	res, err := json.Marshal(string(*str))
	if err != nil {
		return nil, lazyerrors.Error(err)
	}

	return res, nil
}

// check interfaces
var (
	_ sjsontype = (*stringType)(nil)
)
