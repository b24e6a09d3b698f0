// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestFamilyTreesCounts(t *testing.T) {
	f := NewFamilyTrees()
	if len(f.People) != 24 || len(f.Relations) != 12 {
		t.Fatalf("%d people, %d relations", len(f.People), len(f.Relations))
	}
	// 104 cases (Hinton 1986; UCI Kinship: "104 input-output vector
	// pairs"), 112 triples once the 4 grandchildren's two uncles and
	// two aunts are counted singly.
	if len(f.Cases) != 104 || len(f.Triples) != 112 {
		t.Fatalf("%d cases, %d triples; want 104, 112", len(f.Cases), len(f.Triples))
	}
	n := 0
	for _, c := range f.Cases {
		n += len(c.Answers)
	}
	if n != len(f.Triples) {
		t.Errorf("cases hold %d answers, %d triples", n, len(f.Triples))
	}
	// Per relation and family (counted from the drawing in the
	// paper): 6 fathers, 6 mothers, 5 husbands, 5 wives, 6 sons,
	// 6 daughters, 2 uncle and 2 aunt cases, 3 brothers, 3 sisters,
	// 4 nephews, 4 nieces; doubled for two families.
	want := [12]int{12, 12, 10, 10, 12, 12, 4, 4, 6, 6, 8, 8}
	var got [12]int
	for _, c := range f.Cases {
		got[c.Relation]++
	}
	if got != want {
		t.Errorf("cases per relation %v, want %v", got, want)
	}
}

// TestFamilyTreesFacts checks triples against facts stated in public
// descriptions of the task and against invariants of kinship.
func TestFamilyTreesFacts(t *testing.T) {
	f := NewFamilyTrees()
	answers := func(person string, rel int) []string {
		for _, c := range f.Cases {
			if c.Person == f.Index(person) && c.Relation == rel {
				var s []string
				for _, a := range c.Answers {
					s = append(s, f.People[a].Name)
				}
				slices.Sort(s)
				return s
			}
		}
		return nil
	}
	for _, tc := range []struct {
		person string
		rel    int
		want   []string
	}{
		{"Colin", RelFather, []string{"James"}},
		{"Colin", RelUncle, []string{"Arthur", "Charles"}},
		{"Charlotte", RelAunt, []string{"Jennifer", "Margaret"}},
		{"Sophia", RelAunt, []string{"Angela", "Gina"}},
		{"Alfonso", RelUncle, []string{"Emilio", "Tomaso"}},
		{"Penelope", RelHusband, []string{"Christopher"}},
		{"Marco", RelFather, []string{"Pierro"}},
		{"Victoria", RelBrother, []string{"Arthur"}},
		{"Jennifer", RelNephew, []string{"Colin"}},
		{"Margaret", RelNiece, []string{"Charlotte"}},
		{"Christopher", RelDaughter, []string{"Victoria"}},
		{"Colin", RelSister, []string{"Charlotte"}},
		{"Margaret", RelFather, nil},
	} {
		if got := answers(tc.person, tc.rel); !slices.Equal(got, tc.want) {
			t.Errorf("%s's %s = %v, want %v", tc.person, f.Relations[tc.rel], got, tc.want)
		}
	}

	has := map[FamilyTriple]bool{}
	for _, tr := range f.Triples {
		has[tr] = true
	}
	male := map[int]bool{RelFather: true, RelHusband: true, RelSon: true, RelUncle: true, RelBrother: true, RelNephew: true}
	genStep := [12]int{-1, -1, 0, 0, 1, 1, -1, -1, 0, 0, 1, 1}
	// inverse[r] lists the relations one of which must hold backwards.
	inverse := [12][2]int{
		{RelSon, RelDaughter}, {RelSon, RelDaughter}, {RelWife, RelWife}, {RelHusband, RelHusband},
		{RelFather, RelMother}, {RelFather, RelMother}, {RelNephew, RelNiece}, {RelNephew, RelNiece},
		{RelBrother, RelSister}, {RelBrother, RelSister}, {RelUncle, RelAunt}, {RelUncle, RelAunt},
	}
	for _, tr := range f.Triples {
		a, b := f.People[tr.Person], f.People[tr.Answer]
		if a.Family != b.Family {
			t.Errorf("%v crosses families", tr)
		}
		if b.Male != male[tr.Relation] {
			t.Errorf("%s's %s is %s: wrong sex", a.Name, f.Relations[tr.Relation], b.Name)
		}
		if b.Generation-a.Generation != genStep[tr.Relation] {
			t.Errorf("%s's %s is %s: wrong generation", a.Name, f.Relations[tr.Relation], b.Name)
		}
		inv := inverse[tr.Relation]
		if !has[FamilyTriple{tr.Answer, inv[0], tr.Person}] && !has[FamilyTriple{tr.Answer, inv[1], tr.Person}] {
			t.Errorf("%v has no inverse", tr)
		}
		// The trees are isomorphic: the same fact holds in the other family.
		off := 12
		if tr.Person >= 12 {
			off = -12
		}
		if !has[FamilyTriple{tr.Person + off, tr.Relation, tr.Answer + off}] {
			t.Errorf("%v has no counterpart in the other tree", tr)
		}
	}
}

func TestFamilyTreesSplitEncode(t *testing.T) {
	f := NewFamilyTrees()
	train, test := f.Split(4, rand.New(rand.NewPCG(1986, 0)))
	if len(train) != 100 || len(test) != 4 {
		t.Fatalf("split %d/%d", len(train), len(test))
	}
	key := func(c FamilyCase) [2]int { return [2]int{c.Person, c.Relation} }
	inTrain := map[[2]int]bool{}
	for _, c := range train {
		inTrain[key(c)] = true
	}
	for _, c := range test {
		if inTrain[key(c)] {
			t.Errorf("test case %s also in train", f.Describe(c))
		}
	}
	_, test2 := f.Split(4, rand.New(rand.NewPCG(1986, 0)))
	_, test3 := f.Split(4, rand.New(rand.NewPCG(7, 0)))
	same := func(a, b []FamilyCase) bool {
		return slices.EqualFunc(a, b, func(x, y FamilyCase) bool { return key(x) == key(y) })
	}
	if !same(test, test2) {
		t.Error("same seed, different split")
	}
	if same(test, test3) {
		t.Error("different seeds, same split")
	}

	person, relation, answers := f.Encode(f.Cases)
	if r, c := person.Dims(); r != 104 || c != 24 {
		t.Fatalf("person code %d×%d", r, c)
	}
	if _, c := relation.Dims(); c != 12 {
		t.Fatalf("relation code has %d columns", c)
	}
	if s := mat.Sum(answers); s != 112 {
		t.Errorf("answer code holds %v ones, want 112", s)
	}
	for i, c := range f.Cases {
		if person.At(i, c.Person) != 1 || floats(person.RawRowView(i)) != 1 || relation.At(i, c.Relation) != 1 {
			t.Fatalf("case %d badly encoded", i)
		}
	}
}

func ExampleFamilyTrees_Describe() {
	f := NewFamilyTrees()
	for _, c := range f.Cases {
		if f.People[c.Person].Name == "Colin" {
			fmt.Println(f.Describe(c))
		}
	}
	// Output:
	// Colin's father: James
	// Colin's mother: Victoria
	// Colin's uncle: Arthur, Charles
	// Colin's aunt: Margaret, Jennifer
	// Colin's sister: Charlotte
}
