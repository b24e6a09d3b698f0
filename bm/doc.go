// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package bm is a laboratory of Boltzmann machines, following G. Hinton's
// lecture "Boltzmann Machines" (the 2025 Martin Lecture) from the Hopfield
// energy to a backprop classifier initialised from a deep belief net. It is a
// plain Go library on gonum: the boltzbook kernel preloads it, but nothing in
// it knows about Jupyter.
//
// # From the lecture to the package
//
//	lecture idea                                  bm
//	configuration, energy, goodness (§3)          Net, Net.Energy, Net.Goodness, Net.Gap
//	Hopfield settling, memories, capacity (§3)    Net.Settle, HebbianNet, Net.Recall, Capacity
//	the slide's two minima (−4 and −5) (§3)       LectureHopfield
//	noisy units, temperature (§5)                 Net.ProbOn, Gibbs, Schedule, Gibbs.Anneal
//	a million identical nets (§5)                 Chains, Chains.Convergence
//	thermal equilibrium, exactly (§5)             Enumerate, Exact (LogZ, Probs, Correlations)
//	how long equilibrium takes (§6)               Exact.Relaxation, Exact.MixingSweeps
//	wake/sleep learning rule (§6)                 Machine.ExactGradient, SampledGradient, Train
//	the chain w1 … w5 (§6)                        NewChainMachine, ChainMachine.LinkGradient
//	RBM, one-step wake phase (§7)                 RBM, RBM.HiddenProbs, RBM.FreeEnergy
//	contrastive divergence, PCD (§7)              RBM.Train, CDConfig
//	how good is the model (§7)                    RBM.ExactLogZ, RBM.AIS
//	stacking RBMs, the variational bound (§7)     DBN, DBN.ExactLowerBound, DBN.LogProbBound
//	DBN initialisation of backprop (§7)           DBN.ToMLP, MLP, ComparePretraining
//	RBMs for Netflix (§7)                         RatingsRBM
//
// # Conventions
//
// Matrices are gonum's *mat.Dense (rows are examples), states are []float64
// of 0s and 1s. Randomness comes only from an explicit *rand.Rand
// (math/rand/v2) or a Seed in a config, so every result is reproducible,
// and the same in every build (see Speed). Programmer errors (a shape
// mismatch) panic with a "bm: " prefix; bad data, bad config values,
// limits such as MaxExactUnits and numerical failure are returned errors,
// all declared in errors.go (test with errors.Is).
//
// # Training: one config rule, one runner
//
// Every trainer — RBM.Train (CDConfig), MLP.Train (MLPConfig),
// RatingsRBM.Train (RatingsConfig), Machine.Train (MachineConfig) and
// DBN.Train, whose layers are CDConfigs — follows one rule:
//
//   - a zero field means its documented default, and a nil config all
//     defaults;
//   - Off switches an optional part off (momentum, weight decay, a
//     penalty): the same named value in every config;
//   - a value training cannot use — negative (other than Off), NaN,
//     infinite, a fraction outside its range — makes Train return a
//     *ConfigError naming the field and the allowed values, before the
//     model is touched.
//
// The ideas the trainers share have the same field names and defaults,
// those of Hinton's practical guide to training RBMs:
//
//	field                 zero means                        allowed               Off
//	LearningRate          0.1                               > 0                   —
//	LearningRateDecay     1 (constant rate)                 (0, 1]                no decay
//	Momentum              0.5, then FinalMomentum           [0, 1)                none
//	FinalMomentum         0.9 (Momentum if only it is set)  [0, 1)                none
//	MomentumSwitchEpoch   5                                 ≥ 1                   —
//	WeightDecay           0.0002 (L2, weights only)         ≥ 0                   none
//	BatchSize             100 (all examples if fewer)       ≥ 1                   —
//	Epochs                10                                ≥ 1                   —
//	NoShuffle             a fresh order every epoch         bool                  —
//	Seed                  0                                 any                   —
//	K (CD, ratings)       1 Gibbs step                      ≥ 1                   —
//	Monitor, Context      DefaultMonitor, DefaultContext
//	Task                  the model's name and method
//
// and their own fields follow the same rule: CDConfig's Chains (BatchSize),
// SparsityTarget (none; (0, 1), Off), SparsityCost (0.01), SparsityDecay
// (0.95; [0, 1)); MLPConfig's InputDropout and HiddenDropout (none; [0, 1),
// Off) and FreezeEpochs (none; Off); MachineConfig's Gradient
// (GradientAuto) and Sampling (SampleConfig: BurnIn 100, Off for none;
// Samples 1000); AISConfig's Steps (14500) and Runs (100).
//
// One runner (train.go) owns what is common to all of them: epochs,
// minibatches, the shuffle from the Seed, the learning-rate and momentum
// schedules, cancellation and progress. One update rule (sgd.go),
//
//	v ← μ·v + η·(g − λ·w),   w ← w + v,
//
// moves every parameter, biases without the decay λ.
//
// # Training progress and cancellation
//
// Every trainer reports to a Monitor (one line per epoch by default, see
// LineMonitor; History records learning curves) and checks its context
// before every minibatch: when it is cancelled, Train returns an error
// wrapping the context's error and the model stays as it was after the
// last completed minibatch. Hosts such as the boltzbook kernel replace
// DefaultMonitor and DefaultContext so that training shows live progress
// and honours interrupts.
//
// # States, energy and goodness (lecture §3)
//
// A net of binary units is a Net: symmetric weights W (*mat.SymDense, zero
// diagonal, checked by NewNetFrom and Validate) and biases B ([]float64).
// A state is a []float64 of 0s and 1s, one entry per unit. The energy is
//
//	E(s) = −Σ_{i<j} s_i s_j w_ij − Σ_i b_i s_i
//
// (Net.Energy); Net.Goodness is −E, the lecture's "sum of the weights
// between active pairs". Net.Gap is unit i's energy gap
// ΔE_i = E(s_i=0) − E(s_i=1) = b_i + Σ_j w_ij s_j, its total input.
// Hopfield wrote states as ±1; ToPlusMinus and FromPlusMinus convert, and
// StoreHebbian documents how his ±1 weights map to 0/1 weights and biases.
// StateIndex and IndexState number the 2^n configurations (bit i is s_i);
// every histogram and exact distribution in the package uses that order.
//
// # Hopfield nets: settling, memories, capacity (§3)
//
// Net.Update is the deterministic rule: on if the gap is positive, off if
// it is negative, unchanged if it is exactly zero. Net.Settle applies it
// one unit at a time (random order from a *rand.Rand, or fixed order with
// nil) until nothing changes, and returns the energy after every update,
// which never increases. IsFixedPoint and IsLocalMinimum (every flip
// strictly raises E) tell settled states apart from plateaus.
//
// LectureHopfield builds the slide's five-unit net: two local minima, units
// {0,1,2} with energy −4 and units {2,3,4} with energy −5 (global), and a
// −5 weight between two units that inhibit each other. Exact.LocalMinima
// finds them by enumeration.
//
// HebbianNet stores the rows of a 0/1 matrix by Hopfield's Hebb rule;
// Net.Recall settles from a partial or noisy cue (Corrupt flips units,
// Hamming counts differences). Capacity(n, counts, cfg) measures the
// fraction of stored patterns recalled against the number stored: by
// default a pattern counts as recalled only if settling from it ends at
// it exactly (it is a fixed point); CapacityConfig.Tolerance allows a few
// wrong units and CueFlips starts from a corrupted cue. At n = 100 the
// curve falls from 1 at 5 patterns to ≈0.15 at 25, around the 0.138·n of
// Amit, Gutfreund and Sompolinsky.
//
// # Noisy units and temperature (§5)
//
// A noisy unit turns on with probability σ(ΔE_i/T) (Net.ProbOn,
// Net.UpdateNoisy); T = 0 is the deterministic rule. Gibbs runs noisy
// units of a net: Step updates one unit, Sweep every free unit once in
// RandomOrder (a fresh permutation per sweep), FixedOrder, or RandomPicks
// (units picked at random with replacement). Clamp holds any subset of
// units at their current values — visible units clamped to an image while
// the hidden units search for an interpretation. Sweeps do not allocate.
//
// Simulated annealing: a Schedule is one temperature per sweep
// (GeometricSchedule, LinearSchedule, or any []float64); Gibbs.Anneal runs
// it and finishes with deterministic descent, so it ends in a local
// minimum; Gibbs.Settle is plain descent from the same start for
// comparison.
//
// # Thermal equilibrium: a million identical nets (§5)
//
// Chains holds many independent copies of one net (rows of a *mat.Dense)
// updated by one Gibbs sampler. Chains.Histogram is the fraction of nets in
// each configuration; Chains.Convergence records its KL divergence and
// total variation from the exact distribution after every sweep, which
// shows the histogram settle while every net keeps moving, and that where
// the nets started stops mattering.
//
// # Exact answers for small nets (§5–6)
//
// Enumerate lists all 2^n configurations of a net of up to MaxExactUnits
// (22) units in Gray-code order (one flip per step; a 20-unit net takes a
// few tens of milliseconds) and returns an Exact: every energy, log Z by
// log-sum-exp (no overflow at any weight scale), Probs and LogProb of the
// Boltzmann distribution p(s) ∝ exp(−E(s)/T), Exact.At for another
// temperature, Marginals ⟨s_i⟩, Correlations ⟨s_i s_j⟩ (⟨s_i⟩ on the
// diagonal), MeanEnergy, FreeEnergy, LocalMinima and Ground.
// EnumerateClamped does the same with some units clamped to given values —
// the wake-phase statistics — and counts only the free units against the
// limit. More units give an error wrapping ErrTooManyUnits, never hours of
// work. Exact.Compare, KLDivergence and TotalVariation measure a sampled
// histogram (Exact.Histogram, StateHistogram) against the exact
// distribution.
//
// # Boltzmann machine learning: wake and sleep (§6)
//
// A Machine is a Net whose first NumVisible() units are visible and the rest
// hidden, with any symmetric connectivity chosen by Mask (MachineMask
// builds visible–visible, visible–hidden and hidden–hidden patterns; nil
// connects everything). Its model is p(v) = Σ_h e^{−E(v,h)}/Z at T = 1.
//
//   - ExactLogLikelihood: the exact mean log p(v) of a data set (rows = examples).
//   - ExactGradient: ⟨s_i s_j⟩ with the data clamped (wake, Hebbian) minus
//     ⟨s_i s_j⟩ free-running (sleep, anti-Hebbian), both by enumeration; it
//     equals the derivative of ExactLogLikelihood (checked by finite
//     differences). The MachineGradient keeps the Wake and Sleep statistics.
//   - SampledGradient: the same by Gibbs sampling to equilibrium, with
//     SampleConfig.BurnIn sweeps and Samples samples per phase; its error
//     shrinks like 1/√Samples.
//   - Train: gradient ascent with learning rate, momentum, weight decay,
//     epochs, minibatches and a seed (MachineConfig); exact gradients for
//     machines of up to MaxAutoExactUnits units (GradientAuto) unless
//     told otherwise (GradientExact, GradientSampled). It
//     reports "loglik" (exact, when small enough) and "gradnorm" each epoch
//     to the Monitor and stops when its Context is cancelled.
//   - Dream: generate visible vectors by running the free net to
//     equilibrium.
//
// # The chain example (§6)
//
// NewChainMachine(hidden, w) links two visible units only through a chain of
// hidden units (the lecture's w1 … w5 with four hidden units); ChainData is
// the data 01 and 10. ChainMachine.LinkGradient(ChainData(), 0, 2, values) is the
// exact gradient of w1 as w3 takes each of values: its sign flips with the
// sign of w3, though w1's update only ever looks at the two units w1
// joins. From NewChainMachine(4, 2) with Jitter(1, rnd), Train puts more than 0.9
// of the probability on {01, 10} (ChainMachine.ProbAnticorrelated) by turning one
// weight of the chain negative.
//
// # Restricted Boltzmann machines
//
// The lecture's fix for slow equilibrium is to restrict the wiring: an RBM
// connects one layer of visible units to one layer of hidden units and
// nothing else, so every hidden unit is independent of the others given the
// visible vector. The wake phase then settles in a single step.
//
//	r := bm.NewRBM(784, 500, rand.New(rand.NewPCG(1, 2)))   // W ~ N(0, 0.01²), zero biases
//	r.W, r.VisBias, r.HidBias                                // *mat.Dense 784×500, *mat.VecDense
//
// Rows are examples throughout. For a minibatch v (n×784):
//
//	r.HiddenProbs(&h, v)          // p(h_j = 1 | v) = σ(c_j + Σ_i v_i W_ij)
//	r.SampleHidden(&h, v, rnd)    // binary states
//	r.VisibleProbs(&p, h)         // p(v_i = 1 | h)
//	r.Reconstruct(&p, v)          // p(v | E[h | v]): the "reconstruction"
//	r.FreeEnergy(v0)              // F(v) = −log Σ_h e^{−E(v,h)}; p(v) = e^{−F(v)}/Z
//	r.FreeEnergies(nil, v)        // F of every row, with one matrix product
//	r.Energy(v0, h0)              // E(v, h) = −vᵀWh − bᵀv − cᵀh
//
// Destinations follow gonum: an empty *mat.Dense is resized, a non-empty
// one must have the right shape.
//
// Sampling: r.Gibbs(v, k, rnd) runs k alternating Gibbs steps in place;
// r.Fantasies(n, k, rnd) starts n chains from random states and returns the
// visible probabilities after k steps ("what the model believes in");
// r.FantasiesFrom(start, k, rnd) starts from given rows; r.FillIn(v, known, k,
// rnd) clamps the units marked known and samples the rest, e.g. the missing
// half of a digit.
//
// # Contrastive divergence
//
// r.Train(data, cfg) learns by CD-k (cfg.K, default 1) or persistent CD
// (cfg.Persistent, with cfg.Chains fantasy particles that carry over from one
// minibatch to the next). A nil or zero CDConfig follows Hinton's practical
// guide: learning rate 0.1, momentum 0.5 switching to 0.9 after epoch 5, L2
// weight decay 0.0002, minibatches of 100, 10 epochs, a fresh shuffle every
// epoch, and visible biases set to log(p/(1−p)) of the data's pixel means when
// the RBM is fresh. Off turns momentum or weight decay off (Momentum: bm.Off
// alone means no momentum at all); SparsityTarget turns on the sparsity
// penalty. Data must lie in [0, 1].
//
// CD-k's last visible state stays a probability by default, as the guide
// recommends: less noise, but a bias that does not vanish as k grows, since
// ⟨p σ(pW + c)⟩ is not ⟨v σ(vW + c)⟩. cfg.SampleLastVisible samples it, and
// the update then tends to the exact gradient as k grows (the tests show
// 1 − cos falling from 10⁻² at k = 1 to 10⁻⁵ at k = 100, while the default
// stays near 10⁻³). PCD always samples its chains.
//
// Every epoch reports to cfg.Monitor (default: one line on stdout):
// "recon" (squared reconstruction error per example), "pll" (pseudo-log-
// likelihood per example) and, with cfg.Validation, "fegap" (mean free energy
// of held-out minus training data: a growing gap means overfitting), together
// with the time and examples per second. Cancelling cfg.Context stops training
// before the next minibatch and leaves the model as it was after the last
// completed one.
//
//	var hist bm.History
//	err := r.Train(x, &bm.CDConfig{Epochs: 20, Monitor: &hist, Validation: xTest})
//	hist.Series("recon")   // a learning curve
//
// # How good is an RBM? Exact and AIS log-likelihood
//
// p(v) = e^{−F(v)}/Z needs the partition function Z. For an RBM with a small
// layer (up to MaxExactUnits units, ~20 is instant), r.ExactLogZ() sums over
// that layer's states with the other layer summed out in closed form;
// r.ExactLogLikelihood(data) is the mean log p(v), and r.ExactGradient(data) is
// the true log-likelihood gradient — the quantity CD approximates, without
// bias in the limit of large k only with SampleLastVisible. Beyond
// MaxExactUnits they return an error wrapping ErrTooManyUnits, as
// DBN.ExactLowerBound does.
//
// For MNIST-sized RBMs, r.AIS(cfg) estimates log Z by Annealed Importance
// Sampling from a base-rate model (Salakhutdinov & Murray 2008: 14500
// intermediate temperatures, 100 runs; cfg.BaseData sets the base model from
// the data). The result holds log Ẑ and log(Ẑ ± 3σ̂);
// r.LogLikelihood(test, res.LogZ) then gives the test log-likelihood in nats
// per image. AIS tends to underestimate log Z (overestimate the likelihood) if
// the schedule is too short: compare two schedules before trusting a number.
//
// A DBN's log p(v) has no closed form even given its top RBM's log Z, but the
// variational bound that greedy stacking raises does: d.LogProbBound(test,
// logZ, cfg) estimates it by sampling the hidden layers from the factorial
// posteriors (Salakhutdinov & Murray's DBN bound), with the top RBM's log Z
// from AIS (base-rate model from d.Features(L−1, train)) and the bound's
// ±3σ interval from b.WithLogZ(ais.LogZHigh) and b.WithLogZ(ais.LogZLow).
//
// # Model files
//
// r.Save(w) / bm.LoadRBM(rd), and bm.SaveFile(path, model) /
// bm.LoadRBMFile(path), store models in one small container shared by every bm
// model (RBM, DBN, MLP, ratings RBM): a magic string, a format version, the
// model kind, string attributes, named float64 tensors with their shapes,
// little-endian, and a SHA-256 checksum. SaveFile writes a temporary file in
// the same directory, syncs it and renames it, so a crash never leaves half a
// model. Loading a truncated, damaged, newer-version or other-kind file, or one
// this build cannot represent (tensor sizes beyond the file or memory), fails
// with an error that says so (test with errors.Is against ErrModelTruncated,
// ErrModelCorrupt, ErrModelVersion, ErrModelKind, ErrNotModelFile), never a
// panic: the loaders are fuzzed. bm.ModelKind(path) tells what a file holds.
//
// # Speed
//
// Training time is matrix products. They go through gonum's BLAS, which is
// pure Go unless the program is built with the tag openblas (the Makefile does
// this when libopenblas is installed): then OpenBLAS does them through cgo.
// The trainers' elementwise work (logistic units, sampling, the weight
// updates, AIS) runs in internal/fastvec: vectorised C whenever cgo is on,
// which is several times faster than Go loops, and the same kernels in Go
// when it is off. bm.BLAS() says which are in use; bm.SetBLASThreads(n) sets
// OpenBLAS's thread count. CDConfig.Float32 and MLPConfig.Float32 run the
// products in single precision (about twice as fast; the precision PyTorch
// uses by default) while the model stays float64. The CD and backprop
// trainers split every pass into two parts by units, run them on two cores
// with a single-threaded BLAS and do each part's elementwise work while its
// block is in cache; a step allocates nothing. bench/rbm-epoch
// times a CD-1 epoch on MNIST against scikit-learn and PyTorch.
//
// A seed gives the same numbers in every build: the C and Go kernels compute
// the same functions in the same order and draw from the same xoshiro128+
// streams, so with cgo or without, with OpenBLAS or gonum's BLAS, a float64
// run gives the same samples and weights equal to within the rounding of the
// matrix products (3·10⁻¹⁵ after 20 epochs in the tests). Float32 runs share
// the streams, but their products round at float32 precision, differently
// in each BLAS, so an occasional sample can differ.
package bm
