// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"fmt"
	"io"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mat"
)

// The four kinds of model and their tensors. Each kind is a modelCodec;
// its exported Save, Load… and Load…File are one line each.

// rbmCodec stores an RBM as the tensors "W", "VisBias" and "HidBias".
var rbmCodec = modelCodec[*RBM]{
	kind:   "rbm",
	encode: func(r *RBM) ([]modelAttr, []modelTensor) { return nil, rbmTensors(r, "") },
	decode: func(f *modelFile) (*RBM, error) { return rbmFromModel(f, "") },
}

// Save writes r as a model file of kind "rbm" (see SaveFile).
func (r *RBM) Save(w io.Writer) error { return rbmCodec.save(w, r) }

// LoadRBM reads an RBM written by (*RBM).Save.
func LoadRBM(rd io.Reader) (*RBM, error) { return rbmCodec.load(rd) }

// LoadRBMFile reads an RBM from a file written by SaveFile.
func LoadRBMFile(path string) (*RBM, error) { return rbmCodec.loadFile(path) }

// rbmFromModel builds an RBM from the tensors prefix+"W",
// prefix+"VisBias" and prefix+"HidBias" of f, so that models made of
// several RBMs (a DBN) can store each under its own prefix.
func rbmFromModel(f *modelFile, prefix string) (*RBM, error) {
	w, err := f.dense(prefix + "W")
	if err != nil {
		return nil, err
	}
	b, err := f.vec(prefix + "VisBias")
	if err != nil {
		return nil, err
	}
	c, err := f.vec(prefix + "HidBias")
	if err != nil {
		return nil, err
	}
	nv, nh := w.Dims()
	if b.Len() != nv || c.Len() != nh {
		return nil, fmt.Errorf("%w: RBM weights are %d×%d but biases have lengths %d and %d", ErrModelCorrupt, nv, nh, b.Len(), c.Len())
	}
	return &RBM{W: w, VisBias: b, HidBias: c}, nil
}

// rbmTensors returns r's tensors named with prefix, for rbmFromModel.
func rbmTensors(r *RBM, prefix string) []modelTensor {
	return []modelTensor{
		denseTensor(prefix+"W", r.W),
		vecTensor(prefix+"VisBias", r.VisBias),
		vecTensor(prefix+"HidBias", r.HidBias),
	}
}

// dbnCodec stores a DBN as one RBM per layer, under the tensor names
// "layerN.W", "layerN.VisBias" and "layerN.HidBias" (N counting from
// 1), and the attribute "layers".
var dbnCodec = modelCodec[*DBN]{
	kind: "dbn",
	encode: func(d *DBN) ([]modelAttr, []modelTensor) {
		var ts []modelTensor
		for l, r := range d.Layers {
			ts = append(ts, rbmTensors(r, fmt.Sprintf("layer%d.", l+1))...)
		}
		return []modelAttr{{Key: "layers", Value: strconv.Itoa(len(d.Layers))}}, ts
	},
	decode: dbnFromModel,
}

// Save writes d as a model file of kind "dbn" (see SaveFile).
func (d *DBN) Save(w io.Writer) error { return dbnCodec.save(w, d) }

// LoadDBN reads a DBN written by (*DBN).Save.
func LoadDBN(rd io.Reader) (*DBN, error) { return dbnCodec.load(rd) }

// LoadDBNFile reads a DBN from a file written by SaveFile.
func LoadDBNFile(path string) (*DBN, error) { return dbnCodec.loadFile(path) }

func dbnFromModel(f *modelFile) (*DBN, error) {
	n, err := modelLayerCount(f)
	if err != nil {
		return nil, err
	}
	d := &DBN{}
	for l := 1; l <= n; l++ {
		r, err := rbmFromModel(f, fmt.Sprintf("layer%d.", l))
		if err != nil {
			return nil, err
		}
		if l > 1 && d.Layers[l-2].NumHidden() != r.NumVisible() {
			return nil, fmt.Errorf("%w: DBN layer %d has %d visible units, layer %d below it %d hidden units", ErrModelCorrupt, l, r.NumVisible(), l-1, d.Layers[l-2].NumHidden())
		}
		d.Layers = append(d.Layers, r)
	}
	return d, nil
}

// modelLayerCount reads the "layers" attribute of a layered model.
func modelLayerCount(f *modelFile) (int, error) {
	s, ok := f.attr("layers")
	if !ok {
		return 0, fmt.Errorf("%w: %s model has no \"layers\" attribute", ErrModelCorrupt, f.Kind)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxModelEntries {
		return 0, fmt.Errorf("%w: %s model has %q layers", ErrModelCorrupt, f.Kind, s)
	}
	return n, nil
}

// mlpCodec stores an MLP as the tensors "W1", "b1", "W2", "b2", …
// (Weights[0] is "W1"), "M1", … for the layers that have a mask, and
// the attribute "layers".
var mlpCodec = modelCodec[*MLP]{
	kind: "mlp",
	encode: func(m *MLP) ([]modelAttr, []modelTensor) {
		var ts []modelTensor
		for l := range m.Weights {
			ts = append(ts, denseTensor(fmt.Sprintf("W%d", l+1), m.Weights[l]), vecTensor(fmt.Sprintf("b%d", l+1), m.Biases[l]))
			if mk := m.mask(l); mk != nil {
				ts = append(ts, denseTensor(fmt.Sprintf("M%d", l+1), mk))
			}
		}
		return []modelAttr{{Key: "layers", Value: strconv.Itoa(len(m.Weights))}}, ts
	},
	decode: mlpFromModel,
}

// Save writes m as a model file of kind "mlp" (see SaveFile).
func (m *MLP) Save(w io.Writer) error { return mlpCodec.save(w, m) }

// LoadMLP reads an MLP written by (*MLP).Save.
func LoadMLP(rd io.Reader) (*MLP, error) { return mlpCodec.load(rd) }

// LoadMLPFile reads an MLP from a file written by SaveFile.
func LoadMLPFile(path string) (*MLP, error) { return mlpCodec.loadFile(path) }

func mlpFromModel(f *modelFile) (*MLP, error) {
	n, err := modelLayerCount(f)
	if err != nil {
		return nil, err
	}
	m := &MLP{}
	for l := 1; l <= n; l++ {
		w, err := f.dense(fmt.Sprintf("W%d", l))
		if err != nil {
			return nil, err
		}
		b, err := f.vec(fmt.Sprintf("b%d", l))
		if err != nil {
			return nil, err
		}
		r, c := w.Dims()
		if b.Len() != c {
			return nil, fmt.Errorf("%w: MLP layer %d has %d outputs but %d biases", ErrModelCorrupt, l, c, b.Len())
		}
		if l > 1 {
			if _, pc := m.Weights[l-2].Dims(); pc != r {
				return nil, fmt.Errorf("%w: MLP layer %d has %d inputs, layer %d below it %d outputs", ErrModelCorrupt, l, r, l-1, pc)
			}
		}
		m.Weights = append(m.Weights, w)
		m.Biases = append(m.Biases, b)
		m.Masks = append(m.Masks, nil)
		if _, err := f.tensor(fmt.Sprintf("M%d", l)); err == nil {
			mk, err := f.dense(fmt.Sprintf("M%d", l))
			if err != nil {
				return nil, err
			}
			if mr, mc := mk.Dims(); mr != r || mc != c {
				return nil, fmt.Errorf("%w: MLP mask %d is %d×%d, its weights %d×%d", ErrModelCorrupt, l, mr, mc, r, c)
			}
			m.Masks[l-1] = mk
		}
	}
	if !slices.ContainsFunc(m.Masks, func(mk *mat.Dense) bool { return mk != nil }) {
		m.Masks = nil
	}
	return m, nil
}

// ratingsCodec stores a ratings RBM as the tensors "W", "VisBias",
// "HidBias" and the attribute "levels".
var ratingsCodec = modelCodec[*RatingsRBM]{
	kind: "ratings-rbm",
	encode: func(r *RatingsRBM) ([]modelAttr, []modelTensor) {
		return []modelAttr{{Key: "levels", Value: strconv.Itoa(r.levels)}}, []modelTensor{
			denseTensor("W", r.W),
			vecTensor("VisBias", r.VisBias),
			vecTensor("HidBias", r.HidBias),
		}
	},
	decode: ratingsFromModel,
}

// Save writes r as a model file of kind "ratings-rbm" (see SaveFile).
func (r *RatingsRBM) Save(w io.Writer) error { return ratingsCodec.save(w, r) }

// LoadRatingsRBM reads a ratings RBM written by (*RatingsRBM).Save.
func LoadRatingsRBM(rd io.Reader) (*RatingsRBM, error) { return ratingsCodec.load(rd) }

// LoadRatingsRBMFile reads a ratings RBM from a file written by SaveFile.
func LoadRatingsRBMFile(path string) (*RatingsRBM, error) { return ratingsCodec.loadFile(path) }

func ratingsFromModel(f *modelFile) (*RatingsRBM, error) {
	s, _ := f.attr("levels")
	levels, err := strconv.Atoi(s)
	if err != nil || levels < 2 {
		return nil, fmt.Errorf("%w: ratings RBM has %q rating levels", ErrModelCorrupt, s)
	}
	w, err := f.dense("W")
	if err != nil {
		return nil, err
	}
	b, err := f.vec("VisBias")
	if err != nil {
		return nil, err
	}
	c, err := f.vec("HidBias")
	if err != nil {
		return nil, err
	}
	rows, cols := w.Dims()
	if rows%levels != 0 || b.Len() != rows || c.Len() != cols {
		return nil, fmt.Errorf("%w: ratings RBM weights are %d×%d with %d levels, biases have lengths %d and %d", ErrModelCorrupt, rows, cols, levels, b.Len(), c.Len())
	}
	return &RatingsRBM{W: w, VisBias: b, HidBias: c, levels: levels}, nil
}
