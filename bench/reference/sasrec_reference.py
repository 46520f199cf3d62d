#!/usr/bin/python3
"""PyTorch reference for bench/sasrec_bench: the same SASRec network, loss, optimiser and batch
as core/models/sasrec*.cpp, timed per training epoch.

Usage: sasrec_reference.py SEQUENCES key=value...
  SEQUENCES: first line "n_items", then one line per training user with its item indices
  (internal, 0-based, oldest first), exactly the sequences RecScope trains on.
  keys: maxlen dim blocks heads dropout lr batch loss (ce|bce|sampled) negatives seed threads epochs
Prints one JSON line: {"epochs", "epoch_seconds" (list), "mean_epoch_seconds", "last_loss",
"peak_rss_mb"}. Must run under Debian's /usr/bin/python3 (python3-torch, python3-numpy).

The network (pre-LN transformer, Kang & McAuley 2018 as in sasrec.h): token = item + 1, 0 is
padding; x = E[seq] * sqrt(dim) + P[slot]; dropout; zero padding; per block
x += Drop(Wo Attn(LN1 x)), x += Drop(FFN(LN2 x)), zero padding; final LN. A query attends to
earlier and equal non-padding slots (a padding query to itself). Scores = hidden . E[item + 1].
Only training epochs are timed (no validation), matching RecScope's per-epoch training time.
"""
import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


class Block(torch.nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.dim, self.heads = dim, heads
        self.ln1 = torch.nn.LayerNorm(dim, eps=1e-8)
        self.qkv = torch.nn.Linear(dim, 3 * dim)
        self.out = torch.nn.Linear(dim, dim)
        self.ln2 = torch.nn.LayerNorm(dim, eps=1e-8)
        self.ff1 = torch.nn.Linear(dim, dim)
        self.ff2 = torch.nn.Linear(dim, dim)

    def forward(self, x, allowed, p, training):
        b, l, _ = x.shape
        dh = self.dim // self.heads
        qkv = self.qkv(self.ln1(x)).view(b, l, 3, self.heads, dh).permute(2, 0, 3, 1, 4)
        att = torch.matmul(qkv[0], qkv[1].transpose(-2, -1)) / math.sqrt(dh)
        att = att.masked_fill(~allowed, float("-inf")).softmax(-1)
        att = F.dropout(att, p, training)
        ctx = torch.matmul(att, qkv[2]).transpose(1, 2).reshape(b, l, self.dim)
        x = x + F.dropout(self.out(ctx), p, training)
        ff = self.ff2(F.dropout(torch.relu(self.ff1(self.ln2(x))), p, training))
        return x + F.dropout(ff, p, training)


class SASRec(torch.nn.Module):
    def __init__(self, items, maxlen, dim, blocks, heads, dropout):
        super().__init__()
        self.dim, self.dropout = dim, dropout
        self.item_emb = torch.nn.Embedding(items + 1, dim, padding_idx=0)
        self.pos_emb = torch.nn.Embedding(maxlen, dim)
        self.blocks = torch.nn.ModuleList([Block(dim, heads) for _ in range(blocks)])
        self.ln_final = torch.nn.LayerNorm(dim, eps=1e-8)
        for name, p in self.named_parameters():
            if p.dim() >= 2:
                torch.nn.init.xavier_uniform_(p)
            elif "ln" in name and name.endswith(".weight"):
                torch.nn.init.ones_(p)
            else:
                torch.nn.init.zeros_(p)
        with torch.no_grad():
            self.item_emb.weight[0].zero_()

    def forward(self, seqs):
        b, l = seqs.shape
        present = seqs.ne(0)
        x = self.item_emb(seqs) * math.sqrt(self.dim) + self.pos_emb.weight[:l].unsqueeze(0)
        keep = present.unsqueeze(-1).to(x.dtype)
        x = F.dropout(x, self.dropout, self.training) * keep
        causal = torch.ones(l, l, dtype=torch.bool).tril()
        allowed = (causal.unsqueeze(0) & present.unsqueeze(1)) | torch.eye(l, dtype=torch.bool)
        allowed = allowed.view(b, 1, l, l)
        for block in self.blocks:
            x = block(x, allowed, self.dropout, self.training) * keep
        return self.ln_final(x)


def pack(rows, maxlen):
    out = np.zeros((len(rows), maxlen), dtype=np.int64)
    for r, items in enumerate(rows):
        tail = items[-maxlen:]
        if len(tail):
            out[r, maxlen - len(tail):] = np.asarray(tail) + 1
    return torch.from_numpy(out)


def main():
    path = sys.argv[1]
    a = dict(kv.split("=", 1) for kv in sys.argv[2:])
    maxlen, dim = int(a.get("maxlen", 50)), int(a.get("dim", 64))
    blocks, heads = int(a.get("blocks", 2)), int(a.get("heads", 1))
    dropout, lr = float(a.get("dropout", 0.2)), float(a.get("lr", 0.001))
    batch, loss_name = int(a.get("batch", 128)), a.get("loss", "ce")
    negatives, seed = int(a.get("negatives", 256)), int(a.get("seed", 42))
    epochs = int(a.get("epochs", 3))
    torch.set_num_threads(int(a.get("threads", 2)))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)

    with open(path) as f:
        n_items = int(f.readline())
        seqs = [list(map(int, line.split())) for line in f if line.strip()]
    seen = [np.unique(s) for s in seqs]
    # Training rows as in sasrectrain.cpp: each user's targets (items 1..n-1) cut into windows of
    # maxlen from the most recent backwards; (user, begin, end) with targets seq[begin:end].
    rows = []
    for u, s in enumerate(seqs):
        end = len(s)
        while end > 1:
            rows.append((u, max(1, end - maxlen), end))
            end -= maxlen
    net = SASRec(n_items, maxlen, dim, blocks, heads, dropout)
    adam = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.98))
    times, last_loss = [], 0.0
    for _ in range(epochs):
        start = time.perf_counter()
        net.train()
        order = rng.permutation(len(rows))
        total, batches = 0.0, 0
        for b0 in range(0, len(order), batch):
            batch_rows = [rows[r] for r in order[b0:b0 + batch]]
            inputs = pack([seqs[u][b - 1:e - 1] for u, b, e in batch_rows], maxlen)
            targets = pack([seqs[u][b:e] for u, b, e in batch_rows], maxlen)
            h = net(inputs).reshape(-1, dim)
            mask = targets.reshape(-1).ne(0)
            hs, tg = h[mask], targets.reshape(-1)[mask]
            emb = net.item_emb.weight
            if loss_name == "ce":
                loss = F.cross_entropy(hs @ emb[1:].t(), tg - 1)
            elif loss_name == "bce":
                negs = []
                for u, b, e in batch_rows:
                    cand = rng.integers(0, n_items, size=e - b)
                    bad = np.isin(cand, seen[u])
                    while bad.any():  # resample items the user has seen
                        cand[bad] = rng.integers(0, n_items, size=int(bad.sum()))
                        bad = np.isin(cand, seen[u])
                    negs.append(cand)
                neg = pack(negs, maxlen).reshape(-1)[mask]
                pos = (hs * emb[tg]).sum(-1)
                negs_score = (hs * emb[neg]).sum(-1)
                loss = (F.binary_cross_entropy_with_logits(pos, torch.ones_like(pos)) +
                        F.binary_cross_entropy_with_logits(negs_score, torch.zeros_like(negs_score)))
            else:
                neg = torch.from_numpy(rng.integers(1, n_items + 1, size=negatives))
                pos = (hs * emb[tg]).sum(-1, keepdim=True)
                ns = (hs @ emb[neg].t()).masked_fill(neg.unsqueeze(0) == tg.unsqueeze(1), float("-inf"))
                logits = torch.cat([pos, ns], 1)
                loss = F.cross_entropy(logits, torch.zeros(logits.shape[0], dtype=torch.long))
            adam.zero_grad()
            loss.backward()
            adam.step()
            total += loss.item()
            batches += 1
        times.append(time.perf_counter() - start)
        last_loss = total / max(1, batches)
    print(json.dumps({"epochs": epochs, "epoch_seconds": times, "mean_epoch_seconds": sum(times) / len(times),
                      "last_loss": last_loss,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


if __name__ == "__main__":
    main()
