"""One epoch of scikit-learn's BernoulliRBM (784-500, batch 100) on
MNIST, the peer of bench/rbmepoch. Note: BernoulliRBM trains with
persistent CD-1 and no momentum; its cost per epoch is comparable.

Usage: rbm_epoch_sklearn.py MNIST_DIR
Prints: sklearn SECONDS
"""
import gzip
import sys
import time

import numpy as np
from sklearn.neural_network import BernoulliRBM


def load(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = np.frombuffer(raw[4:16], dtype=">u4")
    return np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, rows * cols)


def main():
    x = load(sys.argv[1] + "/train-images-idx3-ubyte.gz").astype(np.float64) / 255
    rbm = BernoulliRBM(n_components=500, n_iter=1, batch_size=100, learning_rate=0.1, random_state=0)
    start = time.perf_counter()
    rbm.fit(x)
    print(f"sklearn {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
