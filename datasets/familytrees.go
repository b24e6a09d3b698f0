// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// The twelve relations of the family-trees task, in the order of
// FamilyTrees.Relations and of the relation one-hot code.
const (
	RelFather = iota
	RelMother
	RelHusband
	RelWife
	RelSon
	RelDaughter
	RelUncle
	RelAunt
	RelBrother
	RelSister
	RelNephew
	RelNiece
	numRelations
)

var relationNames = [numRelations]string{
	"father", "mother", "husband", "wife", "son", "daughter",
	"uncle", "aunt", "brother", "sister", "nephew", "niece",
}

// FamilyPerson is one person of the family trees. Father, Mother and
// Spouse are indices into FamilyTrees.People, −1 when not in the tree.
type FamilyPerson struct {
	Name   string
	Male   bool
	Family string // "English" or "Italian"
	// Generation is 0 for the grandparents' generation, 1 for the
	// parents', 2 for the grandchildren.
	Generation             int
	Father, Mother, Spouse int
}

// FamilyTriple is one fact: Answer is the Relation of Person
// ("Colin has-uncle Arthur"). All three are indices.
type FamilyTriple struct {
	Person, Relation, Answer int
}

// FamilyCase is one input–output case of the network: a person and a
// relation, and every person who answers it (two for uncle and aunt
// of the grandchildren, one otherwise).
type FamilyCase struct {
	Person, Relation int
	Answers          []int
}

// FamilyTrees is the task of Hinton, "Learning distributed
// representations of concepts" (Proc. 8th Cognitive Science
// Conference, 1986), shown in the lecture's backprop section: two
// isomorphic family trees of 12 people, English and Italian, and 12
// kinship relations.
//
//	Christopher = Penelope            Andrew = Christine
//	           |                              |
//	    +------+-------+               +------+-------+
//	    |              |               |              |
//	 Arthur = Margaret Victoria = James       Jennifer = Charles
//	                            |
//	                     +------+------+
//	                     |             |
//	                   Colin       Charlotte
//
// Margaret and Charles married into the tree. The Italian tree is the
// same shape: Roberto = Maria, Pierro = Francesca; Emilio = Gina,
// Lucia = Marco, Angela = Tomaso; Alfonso and Sophia (same positions
// as the English names above, in the order of People).
//
// The facts are derived from the trees by the kinship rules (see
// derive), not typed in: 112 triples, which group into the 104
// (person, relation) cases Hinton trained on (100) and tested on (4);
// the four grandchildren have two uncles and two aunts each, hence
// 112 − 8 = 104. The tree matches the UCI "Kinship" data set
// description (donated by Quinlan, created by Hinton).
type FamilyTrees struct {
	People    []FamilyPerson // 24: English 0–11, Italian 12–23
	Relations []string       // the 12 relation names
	Triples   []FamilyTriple // all 112 true triples
	Cases     []FamilyCase   // all 104 cases, Triples grouped by (Person, Relation)
}

// NewFamilyTrees builds the two trees and derives every fact.
func NewFamilyTrees() *FamilyTrees {
	// One tree as (name, male, generation, father, mother, spouse)
	// by position; the Italian names take the same positions.
	type node struct {
		male                   bool
		gen                    int
		father, mother, spouse int
	}
	shape := []node{
		{true, 0, -1, -1, 1},  // Christopher / Roberto
		{false, 0, -1, -1, 0}, // Penelope / Maria
		{true, 0, -1, -1, 3},  // Andrew / Pierro
		{false, 0, -1, -1, 2}, // Christine / Francesca
		{false, 1, -1, -1, 5}, // Margaret / Gina
		{true, 1, 0, 1, 4},    // Arthur / Emilio
		{false, 1, 0, 1, 7},   // Victoria / Lucia
		{true, 1, 2, 3, 6},    // James / Marco
		{false, 1, 2, 3, 9},   // Jennifer / Angela
		{true, 1, -1, -1, 8},  // Charles / Tomaso
		{true, 2, 7, 6, -1},   // Colin / Alfonso
		{false, 2, 7, 6, -1},  // Charlotte / Sophia
	}
	names := map[string][]string{
		"English": {"Christopher", "Penelope", "Andrew", "Christine", "Margaret", "Arthur",
			"Victoria", "James", "Jennifer", "Charles", "Colin", "Charlotte"},
		"Italian": {"Roberto", "Maria", "Pierro", "Francesca", "Gina", "Emilio",
			"Lucia", "Marco", "Angela", "Tomaso", "Alfonso", "Sophia"},
	}
	f := &FamilyTrees{Relations: relationNames[:]}
	for k, family := range []string{"English", "Italian"} {
		off := k * len(shape)
		shift := func(i int) int {
			if i < 0 {
				return -1
			}
			return i + off
		}
		for i, s := range shape {
			f.People = append(f.People, FamilyPerson{
				Name: names[family][i], Male: s.male, Family: family, Generation: s.gen,
				Father: shift(s.father), Mother: shift(s.mother), Spouse: shift(s.spouse),
			})
		}
	}
	f.derive()
	return f
}

// derive fills Triples and Cases from the trees by the kinship rules.
func (f *FamilyTrees) derive() {
	p := f.People
	parents := func(a int) []int {
		var ps []int
		for _, q := range []int{p[a].Father, p[a].Mother} {
			if q >= 0 {
				ps = append(ps, q)
			}
		}
		return ps
	}
	isChild := func(b, a int) bool { return p[b].Father == a || p[b].Mother == a }
	siblings := func(a, b int) bool {
		return a != b && p[a].Father >= 0 && p[a].Father == p[b].Father && p[a].Mother == p[b].Mother
	}
	// uncleOrAunt: b is a sibling of a's parent, or married to one.
	uncleOrAunt := func(a, b int) bool {
		for _, q := range parents(a) {
			if siblings(q, b) || (p[b].Spouse >= 0 && siblings(q, p[b].Spouse)) {
				return true
			}
		}
		return false
	}
	holds := func(a, rel, b int) bool {
		male := p[b].Male
		switch rel {
		case RelFather:
			return p[a].Father == b
		case RelMother:
			return p[a].Mother == b
		case RelHusband:
			return p[a].Spouse == b && male
		case RelWife:
			return p[a].Spouse == b && !male
		case RelSon:
			return isChild(b, a) && male
		case RelDaughter:
			return isChild(b, a) && !male
		case RelUncle:
			return uncleOrAunt(a, b) && male
		case RelAunt:
			return uncleOrAunt(a, b) && !male
		case RelBrother:
			return siblings(a, b) && male
		case RelSister:
			return siblings(a, b) && !male
		case RelNephew:
			return uncleOrAunt(b, a) && male
		case RelNiece:
			return uncleOrAunt(b, a) && !male
		}
		panic("unreachable")
	}
	for a := range p {
		for rel := 0; rel < numRelations; rel++ {
			var answers []int
			for b := range p {
				if holds(a, rel, b) {
					answers = append(answers, b)
					f.Triples = append(f.Triples, FamilyTriple{a, rel, b})
				}
			}
			if answers != nil {
				f.Cases = append(f.Cases, FamilyCase{a, rel, answers})
			}
		}
	}
}

// Index returns the index of the person with the given name, or −1.
func (f *FamilyTrees) Index(name string) int {
	for i, q := range f.People {
		if q.Name == name {
			return i
		}
	}
	return -1
}

// Describe writes a case as "Colin's uncle: Arthur, Charles".
func (f *FamilyTrees) Describe(c FamilyCase) string {
	names := make([]string, len(c.Answers))
	for i, a := range c.Answers {
		names[i] = f.People[a].Name
	}
	return fmt.Sprintf("%s's %s: %s", f.People[c.Person].Name, f.Relations[c.Relation], strings.Join(names, ", "))
}

// Split puts nTest cases chosen at random by rnd into test and the rest
// into train, each in the order of Cases. Hinton (1986) held out 4 of
// the 104: Split(4, rnd).
func (f *FamilyTrees) Split(nTest int, rnd *rand.Rand) (train, test []FamilyCase) {
	if nTest < 0 || nTest > len(f.Cases) {
		panic(fmt.Sprintf("datasets: FamilyTrees.Split: nTest = %d, want 0 to %d", nTest, len(f.Cases)))
	}
	held := rnd.Perm(len(f.Cases))[:nTest]
	for i, c := range f.Cases {
		if slices.Contains(held, i) {
			test = append(test, c)
		} else {
			train = append(train, c)
		}
	}
	return train, test
}

// Encode turns cases into the network's local codes, one case per row:
// person one-hot (24 columns), relation one-hot (12 columns) and the
// answers as a 0/1 target over the 24 people. It panics on no cases.
func (f *FamilyTrees) Encode(cases []FamilyCase) (person, relation, answers *mat.Dense) {
	if len(cases) == 0 {
		panic("datasets: FamilyTrees.Encode: no cases")
	}
	n := len(f.People)
	person = mat.NewDense(len(cases), n, nil)
	relation = mat.NewDense(len(cases), len(f.Relations), nil)
	answers = mat.NewDense(len(cases), n, nil)
	for i, c := range cases {
		person.Set(i, c.Person, 1)
		relation.Set(i, c.Relation, 1)
		for _, a := range c.Answers {
			answers.Set(i, a, 1)
		}
	}
	return person, relation, answers
}
