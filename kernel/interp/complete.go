// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cosmos72/gomacro/fast"
	"github.com/cosmos72/gomacro/imports"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// Complete completes the identifier, selector chain (pkg.Name,
// variable.Field.Method) or import path before the cursor. Cursor
// positions count runes, as the protocol does.
func (s *Session) Complete(code string, cursor int) jupyter.CompleteResult {
	b := byteOffset(code, cursor)
	res := jupyter.CompleteResult{
		Matches: []string{}, CursorStart: runeOffset(code, b), CursorEnd: runeOffset(code, b),
		Metadata: map[string]any{},
	}
	if start, prefix, ok := importPathBefore(code[:b]); ok {
		res.Matches = importPaths(prefix)
		res.CursorStart = runeOffset(code, start)
		return res
	}
	start := chainStart(code, b)
	chain := code[start:b]
	if chain == "" || (chain[0] >= '0' && chain[0] <= '9') {
		return res
	}
	words := strings.Split(chain, ".")
	last := words[len(words)-1]
	var matches []string
	s.do(func() { matches = s.completions(words) })
	res.Matches = matches
	res.CursorStart = runeOffset(code, b-len(last))
	return res
}

// completions returns the names that can replace the last word.
func (s *Session) completions(words []string) []string {
	last := words[len(words)-1]
	seen := map[string]bool{}
	var out []string
	add := func(name string) {
		// Ξ marks the compiled tier's generated names.
		if strings.HasPrefix(name, last) && !seen[name] && !strings.HasPrefix(name, "__") && !strings.Contains(name, "Ξ") {
			seen[name] = true
			out = append(out, name)
		}
	}
	names, done := s.sessionCompletions(words)
	for _, n := range names {
		add(n)
	}
	if done {
		sort.Strings(out)
		if out == nil {
			out = []string{}
		}
		return out
	}
	func() {
		defer func() { recover() }() // gomacro's completer is best effort
		_, comps, _ := s.ir.CompleteWords(strings.Join(words, "."), len(strings.Join(words, ".")))
		for _, c := range comps {
			// gomacro returns the whole word; keep its last part.
			c = strings.TrimSuffix(c, "(")
			if i := strings.LastIndexByte(c, '.'); i >= 0 {
				c = c[i+1:]
			}
			add(c)
		}
	}()
	switch len(words) {
	case 1:
		for _, name := range packageNames() {
			add(name)
		}
	case 2:
		if s.resolvesLocally(words[0]) {
			break
		}
		// A preloaded package the cell has not imported yet.
		for _, p := range packagesNamed(words[0]) {
			for name := range imports.Packages[p].Binds {
				add(name)
			}
			for name := range imports.Packages[p].Types {
				add(name)
			}
		}
	}
	sort.Strings(out)
	if out == nil {
		out = []string{} // "no matches" is an empty list, not null
	}
	return out
}

// resolvesLocally reports whether name is declared in the interpreter.
func (s *Session) resolvesLocally(name string) bool {
	return s.ir.Comp.TryResolve(name) != nil || s.ir.Comp.TryResolveType(name) != nil
}

// importedPath returns the path of the package a cell imported as name.
func (s *Session) importedPath(name string) (string, bool) {
	sym := s.ir.Comp.TryResolve(name)
	if sym == nil || !sym.Const() {
		return "", false
	}
	if imp, ok := sym.Value.(*fast.Import); ok {
		return imp.Path, true
	}
	return "", false
}

// packageName is the name a cell uses for the package at p.
func packageName(p string) string {
	if pkg, ok := imports.Packages[p]; ok && pkg.Name != "" {
		return pkg.Name
	}
	base := path.Base(p)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		return path.Base(path.Dir(p)) // math/rand/v2 is rand
	}
	return base
}

// packageNames lists the names of all packages with bindings.
func packageNames() []string {
	var names []string
	for p := range imports.Packages {
		if !strings.Contains(p, "gomacro") {
			names = append(names, packageName(p))
		}
	}
	return names
}

// packagesNamed returns the paths of packages whose name is name,
// preferring the shortest (standard library) path.
func packagesNamed(name string) []string {
	var paths []string
	for p := range imports.Packages {
		if packageName(p) == name && !strings.Contains(p, "gomacro") {
			paths = append(paths, p)
		}
	}
	sort.Slice(paths, func(i, j int) bool {
		if len(paths[i]) != len(paths[j]) {
			return len(paths[i]) < len(paths[j])
		}
		return paths[i] < paths[j]
	})
	return paths
}

// importPaths lists the import paths with bindings that start with prefix.
func importPaths(prefix string) []string {
	var out []string
	for p := range imports.Packages {
		if strings.HasPrefix(p, prefix) && !strings.Contains(p, "gomacro") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

var (
	importLine  = regexp.MustCompile(`(?m)^\s*import\s+(?:[\w.]+\s+)?"([^"\n]*)$`)
	importBlock = regexp.MustCompile(`(?s)import\s*\([^)]*$`)
	blockLine   = regexp.MustCompile(`(?m)^\s*(?:[\w.]+\s+)?"([^"\n]*)$`)
)

// importPathBefore reports whether text ends inside the quotes of an
// import path, and where that path starts.
// Only the last line and the text from the last "import" are looked
// at, so that completing at the end of a large cell stays cheap.
func importPathBefore(text string) (start int, prefix string, ok bool) {
	imp := strings.LastIndex(text, "import")
	if imp < 0 {
		return 0, "", false
	}
	ls := strings.LastIndexByte(text, '\n') + 1
	line := text[ls:]
	if m := importLine.FindStringSubmatchIndex(line); m != nil {
		return ls + m[2], line[m[2]:], true
	}
	if importBlock.MatchString(text[imp:]) {
		if m := blockLine.FindStringSubmatchIndex(line); m != nil {
			return ls + m[2], line[m[2]:], true
		}
	}
	return 0, "", false
}

// isIdentByte reports whether c may be part of an identifier (ASCII or
// a byte of a multi-byte letter).
func isIdentByte(c byte) bool {
	return c == '_' || c >= 0x80 || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
}

// chainStart returns where the selector chain (a.b.c) ending at b starts.
func chainStart(code string, b int) int {
	i := b
	for i > 0 && (isIdentByte(code[i-1]) || code[i-1] == '.') {
		i--
	}
	for i < b && code[i] == '.' {
		i++
	}
	return i
}

// identEnd returns where the identifier containing b ends.
func identEnd(code string, b int) int {
	for b < len(code) && isIdentByte(code[b]) {
		b++
	}
	return b
}

// byteOffset converts a rune offset into code to a byte offset.
func byteOffset(code string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range code {
		if n == runes {
			return i
		}
		n++
	}
	return len(code)
}

// runeOffset converts a byte offset into code to a rune offset.
func runeOffset(code string, b int) int {
	return utf8.RuneCountInString(code[:min(b, len(code))])
}
