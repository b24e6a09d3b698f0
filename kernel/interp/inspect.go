// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"reflect"
	"strings"

	basereflect "github.com/cosmos72/gomacro/base/reflect"
	"github.com/cosmos72/gomacro/imports"
	xr "github.com/cosmos72/gomacro/xreflect"

	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// maxSummary bounds the value summary shown for a variable.
const maxSummary = 600

// Inspect documents the identifier or selector chain at the cursor (or
// the call whose parenthesis the cursor follows): for package members
// the signature and doc comment, for variables their type, a short
// value summary and the doc of their type.
func (s *Session) Inspect(code string, cursor int, detailLevel int) jupyter.InspectResult {
	b := byteOffset(code, cursor)
	end := identEnd(code, b)
	start := chainStart(code, end)
	if start == end {
		// Just inside a call: mat.NewDense(|
		if i := strings.LastIndexByte(code[:b], '('); i > 0 && strings.TrimSpace(code[i+1:b]) == "" {
			end = i
			start = chainStart(code, end)
		}
	}
	res := jupyter.InspectResult{Data: jupyter.MIMEBundle{}, Metadata: map[string]any{}}
	if start == end {
		return res
	}
	words := strings.Split(code[start:end], ".")
	var text string
	s.do(func() { text = s.describe(words) })
	if text != "" {
		res.Found = true
		res.Data[display.MIMEText] = text
	}
	return res
}

// describe documents a selector chain; "" when it names nothing known.
func (s *Session) describe(words []string) (text string) {
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	if text, ok := s.describeSession(words); ok {
		return text
	}
	c := s.ir.Comp
	if p, ok := s.importedPath(words[0]); ok {
		return describeMember(p, words[1:])
	}
	if sym := c.TryResolve(words[0]); sym != nil {
		v := s.ir.ValueOf(words[0])
		return s.describeValue(words, sym.Type, v)
	}
	if t := c.TryResolveType(words[0]); t != nil {
		return fmt.Sprintf("type %s (%s)", words[0], t.Kind())
	}
	if paths := packagesNamed(words[0]); len(paths) > 0 {
		return describeMember(paths[0], words[1:])
	}
	return ""
}

// describeValue documents a variable, function or constant declared in
// the notebook, or a field or method reached from it.
func (s *Session) describeValue(words []string, t xr.Type, v xr.Value) string {
	var b strings.Builder
	if len(words) == 1 {
		fmt.Fprintf(&b, "%s: %s\n", words[0], typeString(t))
		if v.IsValid() && t != nil && t.Kind() != reflect.Func {
			summary := display.Text(basereflect.ValueInterface(v))
			if len(summary) > maxSummary {
				summary = summary[:maxSummary] + "…"
			}
			fmt.Fprintf(&b, "value: %s\n", summary)
		}
		if d := typeDoc(t, ""); d != "" {
			b.WriteString("\n" + d)
		}
		return strings.TrimSpace(b.String())
	}
	// Walk fields; the last word may be a method.
	c := s.ir.Comp
	for i, w := range words[1:] {
		last := i == len(words)-2
		if _, _, method, ok, _ := c.TryLookupFieldOrMethod(t, w); ok && last {
			fmt.Fprintf(&b, "%s: %s (method of %s)", strings.Join(words, "."), methodSignature(t, w, method), typeString(t))
			if d := typeDoc(t, w); d != "" {
				b.WriteString("\n\n" + d)
			}
			return b.String()
		}
		st := t
		if st.Kind() == reflect.Ptr {
			st = st.Elem()
		}
		field, ok, _, _, _ := c.TryLookupFieldOrMethod(st, w)
		if !ok {
			return ""
		}
		if last {
			fmt.Fprintf(&b, "%s: %s (field of %s)", strings.Join(words, "."), typeString(field.Type), typeString(t))
			if d := typeDoc(t, w); d != "" {
				b.WriteString("\n\n" + d)
			}
			return b.String()
		}
		t = field.Type
	}
	return ""
}

// typeString writes t as Go source would: bm.RBM rather than gomacro's
// fully qualified github.com/boltzbook/boltzbook/bm.RBM.
func typeString(t xr.Type) string {
	if t == nil {
		return "<nil>"
	}
	s := t.String()
	if strings.Contains(s, "main.") {
		return strings.ReplaceAll(s, "main.", "") // declared in the notebook
	}
	if rt := t.ReflectType(); rt != nil {
		return rt.String()
	}
	return s
}

// methodSignature formats method name of t, through reflect when t is a
// compiled type (gomacro's form shows the receiver oddly).
func methodSignature(t xr.Type, name string, m xr.Method) string {
	if rt := t.ReflectType(); rt != nil && !strings.Contains(t.String(), "main.") {
		if rm, ok := rt.MethodByName(name); ok {
			return fmt.Sprintf("func (%s) %s%s", rt, name, funcTail(rm.Type, 1))
		}
	}
	return m.Type.String()
}

// funcTail formats a func type's parameters from skip on, and results.
func funcTail(ft reflect.Type, skip int) string {
	var in, out []string
	for i := skip; i < ft.NumIn(); i++ {
		p := ft.In(i).String()
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			p = "..." + ft.In(i).Elem().String()
		}
		in = append(in, p)
	}
	for i := 0; i < ft.NumOut(); i++ {
		out = append(out, ft.Out(i).String())
	}
	s := "(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
	case 1:
		s += " " + out[0]
	default:
		s += " (" + strings.Join(out, ", ") + ")"
	}
	return s
}

// typeDoc looks up the doc of a named type of a package (through a
// pointer), or of its member when member is not "".
func typeDoc(t xr.Type, member string) string {
	if t == nil {
		return ""
	}
	if t.Kind() == reflect.Ptr && t.Name() == "" {
		t = t.Elem()
	}
	if t.Name() == "" || t.PkgPath() == "" || t.PkgPath() == "main" {
		return ""
	}
	name := t.Name()
	if member != "" {
		name += "." + member
	}
	if d, ok := lookupDoc(t.PkgPath(), name); ok {
		return formatDoc(d)
	}
	return ""
}

// describeMember documents a package (no words) or one of its members.
func describeMember(pkgPath string, words []string) string {
	if len(words) == 0 {
		if d, ok := lookupDoc(pkgPath, ""); ok {
			return formatDoc(d)
		}
		return fmt.Sprintf("package %s // import %q", packageName(pkgPath), pkgPath)
	}
	name := strings.Join(words[:min(2, len(words))], ".")
	if d, ok := lookupDoc(pkgPath, name); ok {
		return formatDoc(d)
	}
	pkg := imports.Packages[pkgPath]
	qual := packageName(pkgPath) + "." + name
	if len(words) == 1 {
		if v, ok := pkg.Binds[words[0]]; ok {
			if v.Kind() == reflect.Func {
				return fmt.Sprintf("func %s%s", qual, funcTail(v.Type(), 0))
			}
			return fmt.Sprintf("%s %s = %s", qual, v.Type(), display.Text(v.Interface()))
		}
		if lit, ok := pkg.Untypeds[words[0]]; ok {
			return fmt.Sprintf("const %s = %s", qual, lit)
		}
	}
	if t, ok := pkg.Types[words[0]]; ok {
		if len(words) == 1 {
			return fmt.Sprintf("type %s %s", qual, t.Kind())
		}
		for _, rt := range []reflect.Type{t, reflect.PointerTo(t)} {
			if m, ok := rt.MethodByName(words[1]); ok {
				return fmt.Sprintf("func (%s) %s%s", rt, words[1], funcTail(m.Type, 1))
			}
		}
		if t.Kind() == reflect.Struct {
			if f, ok := t.FieldByName(words[1]); ok {
				return fmt.Sprintf("%s %s (field)", qual, f.Type)
			}
		}
	}
	return ""
}

// formatDoc lays out a doc entry as its signature, then its comment.
func formatDoc(d docEntry) string {
	var b strings.Builder
	if d.Signature != "" {
		b.WriteString(d.Signature)
	} else {
		fmt.Fprintf(&b, "%s %s", d.Kind, d.Name)
	}
	if d.Package != "" {
		fmt.Fprintf(&b, "\n    // package %s", d.Package)
	}
	if doc := strings.TrimSpace(d.Doc); doc != "" {
		b.WriteString("\n\n" + doc)
	}
	return b.String()
}
