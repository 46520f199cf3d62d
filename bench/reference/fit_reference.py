#!/usr/bin/python3
"""Reference fits in numpy for bench/fit_bench: the textbook EASE and a numpy implicit ALS.

Reads a training matrix written by fit_bench (first line "n_users n_items", then one
"user<TAB>item" line per positive, internal indices), fits the requested model the plain
numpy way, and prints one JSON line: {"model", "fit_seconds", "peak_rss_mb", "checksum"}.
Must run under Debian's /usr/bin/python3 (python3-numpy).

EASE (Steck, WWW 2019): G = X^T X + lambda I; P = inv(G); B = -P / diag(P); diag(B) = 0.
Implicit ALS (Hu, Koren, Volinsky, ICDM 2008): confidence c = 1 + alpha for positives; each
user row solves (Y^T Y + Y^T (C_u - I) Y + reg I) x_u = Y^T C_u p_u, alternating with items.
"""
import json
import resource
import sys
import time

import numpy as np


def load(path):
    with open(path) as f:
        n_users, n_items = map(int, f.readline().split())
        pairs = np.loadtxt(f, dtype=np.int64, ndmin=2)
    X = np.zeros((n_users, n_items), dtype=np.float64)
    X[pairs[:, 0], pairs[:, 1]] = 1.0
    return X


def ease(X, lam):
    G = X.T @ X
    G[np.diag_indices_from(G)] += lam
    P = np.linalg.inv(G)
    B = P / (-np.diag(P))
    B[np.diag_indices_from(B)] = 0.0
    return B


def als(X, factors, reg, alpha, iterations, seed):
    rng = np.random.default_rng(seed)
    n_users, n_items = X.shape
    U = rng.normal(0, 0.01, (n_users, factors))
    V = rng.normal(0, 0.01, (n_items, factors))
    rows_u = [np.flatnonzero(X[u]) for u in range(n_users)]
    rows_i = [np.flatnonzero(X[:, i]) for i in range(n_items)]

    def solve(fixed, rows, out):
        gram = fixed.T @ fixed + reg * np.eye(factors)
        for r, idx in enumerate(rows):
            if len(idx) == 0:
                out[r] = 0
                continue
            Y = fixed[idx]
            A = gram + alpha * (Y.T @ Y)
            b = (1.0 + alpha) * Y.sum(axis=0)
            out[r] = np.linalg.solve(A, b)

    for _ in range(iterations):
        solve(V, rows_u, U)
        solve(U, rows_i, V)
    return V


def main():
    model, path = sys.argv[1], sys.argv[2]
    opts = dict(a.split("=", 1) for a in sys.argv[3:])
    X = load(path)
    start = time.perf_counter()
    if model == "ease":
        out = ease(X, float(opts.get("lambda", 400)))
    elif model == "als":
        out = als(X, int(opts.get("factors", 64)), float(opts.get("reg", 0.1)), float(opts.get("alpha", 10)),
                  int(opts.get("iterations", 15)), int(opts.get("seed", 42)))
    else:
        sys.exit(f"unknown model {model}")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"model": model, "fit_seconds": seconds, "peak_rss_mb": peak,
                      "checksum": float(np.abs(out).sum())}))


if __name__ == "__main__":
    main()
