"""One CD-1 epoch of a 784-500 RBM on MNIST in PyTorch (CPU), the peer
of bench/rbmepoch. The same algorithm as bm.(*RBM).Train with its
defaults: batch 100, lr 0.1, momentum 0.5, L2 weight decay 0.0002,
sampled hidden states, visible probabilities for the reconstruction.

Usage: rbm_epoch_torch.py MNIST_DIR THREADS [DTYPE]
Prints: pytorch SECONDS
"""
import gzip
import sys
import time

import numpy as np
import torch


def load(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = np.frombuffer(raw[4:16], dtype=">u4")
    return np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, rows * cols)


def main():
    data_dir, threads = sys.argv[1], int(sys.argv[2])
    dtype = {"float32": torch.float32, "float64": torch.float64}[sys.argv[3] if len(sys.argv) > 3 else "float32"]
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.tensor(load(data_dir + "/train-images-idx3-ubyte.gz"), dtype=dtype) / 255
    n, nv, nh, batch = x.shape[0], 784, 500, 100
    lr, mom, wd = 0.1, 0.5, 0.0002
    with torch.no_grad():
        W = torch.randn(nv, nh, dtype=dtype) * 0.01
        p = x.mean(0).clamp(1e-3, 1 - 1e-3)
        b = torch.log(p / (1 - p))
        c = torch.zeros(nh, dtype=dtype)
        dW = torch.zeros_like(W)
        db = torch.zeros_like(b)
        dc = torch.zeros_like(c)
        start = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            v0 = x[perm[i:i + batch]]
            ph0 = torch.sigmoid(v0 @ W + c)
            h0 = torch.bernoulli(ph0)
            pv1 = torch.sigmoid(h0 @ W.T + b)
            ph1 = torch.sigmoid(pv1 @ W + c)
            m = v0.shape[0]
            dW.mul_(mom).add_((v0.T @ ph0 - pv1.T @ ph1) / m - wd * W, alpha=lr)
            db.mul_(mom).add_((v0 - pv1).mean(0), alpha=lr)
            dc.mul_(mom).add_((ph0 - ph1).mean(0), alpha=lr)
            W += dW
            b += db
            c += dc
        elapsed = time.perf_counter() - start
    print(f"pytorch {elapsed:.3f}")


if __name__ == "__main__":
    main()
