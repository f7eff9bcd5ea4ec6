"""KG scale: load time, peak memory and query latency on a 1M-node / 5M-edge graph, beside networkx.

    python -m benchmarks.kg_scale                  # 1,000,000 nodes, 5 edges each (~345 MB of JSON)
    python -m benchmarks.kg_scale --nodes 100000   # a quicker run

Each measurement runs in a fresh child process, so peak memory (max RSS) is its own. networkx loads
the same file with json.load and builds a DiGraph with the same node texts and scores; both answer the
same queries on the same sampled nodes. The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._common import machine, pct, table

WORDS = ("pipeline invoice approval latency warehouse schedule contract renewal forecast incident cluster "
         "budget vendor ticket backlog route depot audit policy identity").split()


def build_file(path: Path, n: int, deg: int, seed: int = 0) -> None:
    """Write a synthetic KG as one JSON array: node texts of ~120 chars, `deg` out-edges per node."""
    rng = np.random.default_rng(seed)
    targets = rng.integers(0, n, size=(n, deg))
    wsel = rng.integers(0, len(WORDS), size=(n, 12))
    tmp = path.with_suffix(".partial")
    with open(tmp, "w") as fh:
        fh.write("[\n")
        for i in range(n):
            text = f"Node {i}: " + " ".join(WORDS[w] for w in wsel[i]) + f" (metric {i % 997}%)."
            edges = ",".join(f'{{"target":"n{t}","label":"rel{t % 7}"}}' for t in targets[i].tolist())
            fh.write(f'{{"id":"n{i}","content":"{text}","type":"t{i % 5}","edges":[{edges}]}}')
            fh.write(",\n" if i + 1 < n else "\n")
        fh.write("]\n")
    os.replace(tmp, path)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sample_ids(n: int, m: int) -> list[str]:
    rng = np.random.default_rng(1)
    return [f"n{i}" for i in rng.integers(0, n, size=m).tolist()]


def _time_each(fn, args) -> list[int]:
    out = []
    pc = time.perf_counter_ns
    for a in args:
        t0 = pc()
        fn(a)
        out.append(pc() - t0)
    return out


def run_ours(path: str, cache_dir: str, phase: str, n: int, k: int, q) -> None:
    os.environ["CODREAMER_CACHE"] = cache_dir
    from codreamer_env.kg import KnowledgeGraph

    base = _peak_mb()
    t0 = time.perf_counter()
    kg = KnowledgeGraph.load(path, cache=True)
    kg.neighbors(kg.ids[0])  # the first query builds the successor-id index: count it as part of loading
    load_s = time.perf_counter() - t0
    res = {"load_s": load_s, "peak_mb": _peak_mb(), "base_mb": base, "nodes": kg.num_nodes, "edges": kg.num_edges}
    if phase == "warm":
        scores = np.random.default_rng(2).random(kg.num_nodes)
        ids = _sample_ids(n, 20000)
        for i in ids[:2000]:  # warm-up
            kg.neighbors(i)
        res["neighbors_ns"] = _time_each(kg.neighbors, ids)

        def context(node_id: str) -> list[str]:
            top = kg.ranked_neighborhood(node_id, 2, scores, k)
            return [kg.content(i) for i, _, _ in top]

        res["context_ns"] = _time_each(context, ids[:5000])
        res["context_example"] = context(ids[0])[:2]
    q.put(res)


def run_networkx(path: str, n: int, k: int, q) -> None:
    import networkx as nx

    base = _peak_mb()
    t0 = time.perf_counter()
    with open(path) as fh:
        doc = json.load(fh)
    parse_s = time.perf_counter() - t0
    scores = np.random.default_rng(2).random(len(doc)).tolist()
    g = nx.DiGraph()
    for rec, s in zip(doc, scores, strict=True):
        g.add_node(rec["id"], content=rec["content"], type=rec.get("type"), score=s)
    for rec in doc:
        src = rec["id"]
        for e in rec["edges"]:
            g.add_edge(src, e["target"], label=e["label"])
    del doc
    load_s = time.perf_counter() - t0
    res = {"parse_s": parse_s, "load_s": load_s, "peak_mb": _peak_mb(), "base_mb": base,
           "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    ids = _sample_ids(n, 20000)
    succ = lambda i: list(g.successors(i))  # noqa: E731
    for i in ids[:2000]:
        succ(i)
    res["neighbors_ns"] = _time_each(succ, ids)
    nodes = g.nodes

    def context(node_id: str) -> list[str]:
        dist = nx.single_source_shortest_path_length(g, node_id, cutoff=2)
        others = sorted((v for v in dist if v != node_id), key=lambda v: (-nodes[v]["score"], dist[v], v))[:k]
        return [nodes[v]["content"] for v in [node_id, *others]]

    res["context_ns"] = _time_each(context, ids[:5000])
    res["context_example"] = context(ids[0])[:2]
    q.put(res)


def _child(target, *args):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=target, args=(*args, q))
    p.start()
    res = q.get()
    p.join()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--degree", type=int, default=5)
    ap.add_argument("--k", type=int, default=10, help="context size (top-k neighbours by score)")
    ap.add_argument("--workdir", default=None, help="where the synthetic file lives (kept between runs)")
    ap.add_argument("--skip-networkx", action="store_true")
    args = ap.parse_args()
    work = Path(args.workdir or Path(tempfile.gettempdir()) / "codreamer_kg_scale")
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"kg_{args.nodes}_{args.degree}.json"
    if not path.exists():
        t0 = time.perf_counter()
        build_file(path, args.nodes, args.degree)
        print(f"built {path} in {time.perf_counter() - t0:.1f}s")
    size_mb = path.stat().st_size / 1e6
    cache_dir = str(work / "cache")
    shutil.rmtree(cache_dir, ignore_errors=True)
    cold = _child(run_ours, str(path), cache_dir, "cold", args.nodes, args.k)
    warm = _child(run_ours, str(path), cache_dir, "warm", args.nodes, args.k)
    nx_res = None if args.skip_networkx else _child(run_networkx, str(path), args.nodes, args.k)
    assert warm["nodes"] == args.nodes and warm["edges"] == args.nodes * args.degree
    if nx_res:
        assert nx_res["context_example"] == warm["context_example"], "both must return the same context"

    figs = {
        "machine": machine(), "file_mb": round(size_mb, 1), "nodes": args.nodes, "edges": args.nodes * args.degree,
        "ours_cold_load_s": round(cold["load_s"], 2), "ours_cold_peak_mb": round(cold["peak_mb"]),
        "ours_warm_load_s": round(warm["load_s"], 2), "ours_warm_peak_mb": round(warm["peak_mb"]),
        "ours_neighbors_p50_us": round(pct(warm["neighbors_ns"], 50), 3),
        "ours_neighbors_p99_us": round(pct(warm["neighbors_ns"], 99), 3),
        "ours_context_p50_us": round(pct(warm["context_ns"], 50), 2),
        "ours_context_p99_us": round(pct(warm["context_ns"], 99), 2),
    }
    rows = [
        ["load (cold: parse + build cache)", f"{figs['ours_cold_load_s']} s", "", ""],
        ["load (warm: from binary cache)", f"{figs['ours_warm_load_s']} s", "", ""],
        ["peak memory, cold load", f"{figs['ours_cold_peak_mb']} MB", "", ""],
        ["peak memory, warm load + queries", f"{figs['ours_warm_peak_mb']} MB", "", ""],
        ["neighbours p50 / p99", f"{figs['ours_neighbors_p50_us']} / {figs['ours_neighbors_p99_us']} us", "", ""],
        ["radius-2 context p50 / p99", f"{figs['ours_context_p50_us']} / {figs['ours_context_p99_us']} us", "", ""],
    ]
    if nx_res:
        figs.update({
            "nx_json_load_s": round(nx_res["parse_s"], 2), "nx_load_s": round(nx_res["load_s"], 2),
            "nx_peak_mb": round(nx_res["peak_mb"]),
            "nx_neighbors_p50_us": round(pct(nx_res["neighbors_ns"], 50), 3),
            "nx_neighbors_p99_us": round(pct(nx_res["neighbors_ns"], 99), 3),
            "nx_context_p50_us": round(pct(nx_res["context_ns"], 50), 2),
            "nx_context_p99_us": round(pct(nx_res["context_ns"], 99), 2),
        })
        figs["ratio_cold_load_vs_nx"] = round(figs["ours_cold_load_s"] / figs["nx_load_s"], 3)
        figs["ratio_warm_load_vs_nx"] = round(figs["ours_warm_load_s"] / figs["nx_load_s"], 3)
        figs["ratio_peak_mb_vs_nx"] = round(max(figs["ours_cold_peak_mb"], figs["ours_warm_peak_mb"]) / figs["nx_peak_mb"], 3)
        for q in ("neighbors_p50", "neighbors_p99", "context_p50", "context_p99"):
            figs[f"ratio_{q}_vs_nx"] = round(figs[f"ours_{q}_us"] / figs[f"nx_{q}_us"], 3)
        rows[0][2:] = [f"{figs['nx_load_s']} s (json.load {figs['nx_json_load_s']} s)", f"{figs['ratio_cold_load_vs_nx']}x"]
        rows[1][2:] = [f"{figs['nx_load_s']} s", f"{figs['ratio_warm_load_vs_nx']}x"]
        rows[2][2:] = [f"{figs['nx_peak_mb']} MB", f"{figs['ratio_peak_mb_vs_nx']}x"]
        rows[4][2:] = [f"{figs['nx_neighbors_p50_us']} / {figs['nx_neighbors_p99_us']} us",
                       f"{figs['ratio_neighbors_p50_vs_nx']} / {figs['ratio_neighbors_p99_vs_nx']}x"]
        rows[5][2:] = [f"{figs['nx_context_p50_us']} / {figs['nx_context_p99_us']} us",
                       f"{figs['ratio_context_p50_vs_nx']} / {figs['ratio_context_p99_vs_nx']}x"]
    m = figs["machine"]
    print(f"KG scale: {args.nodes:,} nodes, {args.nodes * args.degree:,} edges, {size_mb:.0f} MB JSON; "
          f"{m['cpu']} ({m['cores']} cores), Python {m['python']}")
    print(table(rows, ["measure", "codreamer_env", "networkx (same run)", "ratio (lower is better)"]))
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
