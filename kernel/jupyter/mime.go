// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/base64"
	"encoding/json"
	"sort"
	"strings"
)

// wireBundle returns data as execute_result, display_data and page
// payloads must carry it, whatever MIME types an interpreter uses:
//
//   - []byte of a textual type (text/*, SVG, JSON, JavaScript) becomes
//     a string, of any other type (image/png, …) a base64 string;
//   - a JSON type (application/json, application/…+json) given as a
//     string holding a JSON object or array becomes that value, which
//     front ends render as a tree or hand to the extension;
//   - a bundle without text/plain gets one naming its types, for
//     consoles and logs.
//
// data itself is not changed; nil stays nil.
func wireBundle(data MIMEBundle) MIMEBundle {
	if data == nil {
		return nil
	}
	out := make(MIMEBundle, len(data)+1)
	for mime, v := range data {
		out[mime] = wireValue(mime, v)
	}
	if _, ok := out["text/plain"]; !ok {
		types := make([]string, 0, len(out))
		for mime := range out {
			types = append(types, mime)
		}
		sort.Strings(types)
		out["text/plain"] = "<" + strings.Join(types, ", ") + ">"
	}
	return out
}

func wireValue(mime string, v any) any {
	switch x := v.(type) {
	case []byte:
		if textual(mime) {
			return string(x)
		}
		return base64.StdEncoding.EncodeToString(x)
	case json.RawMessage:
		var parsed any
		if json.Unmarshal(x, &parsed) == nil {
			return parsed
		}
		return string(x)
	case string:
		if jsonType(mime) {
			if t := strings.TrimSpace(x); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
				var parsed any
				if json.Unmarshal([]byte(t), &parsed) == nil {
					return parsed
				}
			}
		}
	}
	return v
}

// jsonType reports whether mime carries JSON values rather than text.
func jsonType(mime string) bool {
	return mime == "application/json" || strings.HasSuffix(mime, "+json")
}

// textual reports whether mime travels as text rather than base64.
func textual(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "image/svg+xml" || jsonType(mime) ||
		strings.HasSuffix(mime, "javascript")
}
