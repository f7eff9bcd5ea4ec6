"""KnowledgeGraph: the in-memory structure (CSR arrays) and query API; loading lives in `loaders`.

Integer node indices follow file order. Outgoing adjacency is CSR (`indptr`, `indices`, `edge_label`);
incoming adjacency and the distance-to-product-feature array are built lazily on first use. Node texts
live in one UTF-8 blob with offsets, so a million-node graph costs tens of megabytes, not gigabytes.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import orjson

CUSTOMER_JOB = "Customer Job"
PRODUCT_FEATURE = "Product Feature"
PRODUCT_FEATURE_TYPE = "product_feature"


class KnowledgeGraph:
    """An indexed, read-only knowledge graph of text nodes and labelled directed edges."""

    def __init__(
        self,
        *,
        ids: list[str],
        index: dict[str, int],
        text: bytes,
        text_off: np.ndarray,
        type_code: np.ndarray,
        types: list[str],
        indptr: np.ndarray,
        indices: np.ndarray,
        edge_label: np.ndarray,
        labels: list[str],
        attrs: dict[int, dict[str, Any]] | None = None,
        edge_attrs: dict[int, dict[str, Any]] | None = None,
        source: str | None = None,
    ) -> None:
        self.ids = ids
        self._index = index
        self._text = text
        self._text_off = text_off
        # Python lists make scalar lookups ~5x faster than numpy item access (~36 MB per million nodes).
        self._off = text_off.tolist()
        self._type_code = type_code
        self._types = types
        self.indptr = indptr
        self.indices = indices
        self.edge_label = edge_label
        self._labels = labels
        self._attrs = attrs or {}
        self._edge_attrs = edge_attrs or {}
        self.source = source
        self._rev: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._pf_dist: np.ndarray | None = None
        self._ptr = indptr.tolist()
        self._succ: list[tuple[str, ...]] | None = None

    # ------------------------------------------------------------------ loading
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], source: str = "<records>") -> KnowledgeGraph:
        """Build a graph from node records in either spelling."""
        from codreamer_env.kg.loaders import from_records

        return from_records(records, source)

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, cache: bool | None = None) -> KnowledgeGraph:
        """Load a KG from a JSON array, a {"nodes": [...]} object, or JSONL (one node a line).

        Big files (> 32 MB) are parsed node by node with bounded memory, and by default a binary cache
        is kept under the user cache dir, rebuilt whenever the source's size or mtime changes.
        """
        from codreamer_env.kg.loaders import load

        return load(path, cache)

    # ------------------------------------------------------------------ basic facts
    @property
    def num_nodes(self) -> int:
        """Number of nodes."""
        return len(self.ids)

    @property
    def num_edges(self) -> int:
        """Number of directed edges."""
        return int(self.indices.shape[0])

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def __repr__(self) -> str:
        return f"KnowledgeGraph(num_nodes={self.num_nodes}, num_edges={self.num_edges}, source={self.source!r})"

    def index_of(self, node_id: str) -> int:
        """Integer index of a node id; KeyError if unknown."""
        return self._index[node_id]

    def get_index(self, node_id: str) -> int | None:
        """Integer index of a node id, or None if unknown."""
        return self._index.get(node_id)

    def content(self, node: str | int) -> str:
        """The text of a node (by id or index)."""
        i = self._index[node] if isinstance(node, str) else node
        return self._text[self._off[i] : self._off[i + 1]].decode("utf-8")

    def node_type(self, node: str | int) -> str | None:
        """The node's `type`, or None when the source gave none."""
        i = self._index[node] if isinstance(node, str) else node
        code = int(self._type_code[i])
        return None if code < 0 else self._types[code]

    def attributes(self, node: str | int) -> dict[str, Any]:
        """Extra attributes kept from the source record (anything beyond id/content/type/edges)."""
        i = self._index[node] if isinstance(node, str) else node
        return dict(self._attrs.get(i, {}))

    def is_product_feature(self, node: str | int) -> bool:
        """True for product-feature nodes: type `product_feature`, or an id starting `Product Feature`."""
        i = self._index[node] if isinstance(node, str) else node
        t = self.node_type(i)
        return t == PRODUCT_FEATURE_TYPE or (t is None and self.ids[i].startswith(PRODUCT_FEATURE))

    def product_feature_nodes(self) -> list[str]:
        """Ids of all product-feature nodes."""
        return [self.ids[i] for i in self._product_feature_indices()]

    def _product_feature_indices(self) -> np.ndarray:
        pf_types = [k for k, t in enumerate(self._types) if t == PRODUCT_FEATURE_TYPE]
        mask = np.isin(self._type_code, pf_types) if pf_types else np.zeros(self.num_nodes, dtype=bool)
        untyped = np.flatnonzero(self._type_code < 0)
        if untyped.size:
            extra = [i for i in untyped.tolist() if self.ids[i].startswith(PRODUCT_FEATURE)]
            mask[extra] = True
        return np.flatnonzero(mask)

    # ------------------------------------------------------------------ adjacency
    def _span(self, i: int) -> tuple[int, int]:
        return self._ptr[i], self._ptr[i + 1]

    def out_indices(self, i: int) -> np.ndarray:
        """Indices of successors of node index `i` (a view, no copy)."""
        s, e = self._span(i)
        return self.indices[s:e]

    def _rev_lists(self) -> tuple[Any, Any]:
        rl = getattr(self, "_rl", None)
        if rl is None:
            rptr, rind, _ = self._reverse()
            rl = self._rl = (rptr.tolist(), rind.tolist()) if self.num_edges <= 2_000_000 else (rptr, _ListView(rind))
        return rl

    def _flat_indices(self) -> list[int]:
        # Successor indices as a Python list for small graphs (fast slicing); the numpy array for big ones.
        flat = getattr(self, "_flat", None)
        if flat is None:
            flat = self._flat = self.indices.tolist() if self.num_edges <= 2_000_000 else self.indices
        return flat

    def _out_ids(self) -> list[tuple[str, ...]]:
        # Successor ids per node, materialised once from the CSR arrays: one lookup per query instead of
        # a pointer chase per neighbour (about 100 bytes a node).
        if self._succ is None:
            ids, ptr = self.ids, self._ptr
            getter = ids.__getitem__
            flat = self.indices.tolist()
            self._succ = [tuple(map(getter, flat[ptr[i] : ptr[i + 1]])) for i in range(len(ids))]
        return self._succ

    def neighbors(self, node_id: str, direction: str = "out") -> list[str]:
        """Neighbour ids of `node_id`: successors ("out"), predecessors ("in") or both, in edge order."""
        if direction == "out":
            return list((self._succ or self._out_ids())[self._index[node_id]])
        i = self._index[node_id]
        ids = self.ids
        if direction == "in":
            return [ids[j] for j in self.in_indices(i).tolist()]
        if direction == "both":
            seen: dict[str, None] = {}
            for j in self.out_indices(i).tolist() + self.in_indices(i).tolist():
                seen.setdefault(ids[j], None)
            return list(seen)
        raise ValueError(f"direction must be 'out', 'in' or 'both', got {direction!r}")

    def edges(self, node_id: str) -> list[dict[str, Any]]:
        """Outgoing edges of a node as dicts: target, label, and any kept attributes (e.g. rationale)."""
        i = self._index[node_id]
        s, e = self._span(i)
        out = []
        for k, j in zip(range(s, e), self.indices[s:e].tolist(), strict=True):
            d = {"target": self.ids[j], "label": self._labels[int(self.edge_label[k])]}
            d.update(self._edge_attrs.get(k, {}))
            out.append(d)
        return out

    def _reverse(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._rev is None:
            n = self.num_nodes
            src = np.repeat(np.arange(n, dtype=np.int32), np.diff(self.indptr))
            order = np.argsort(self.indices, kind="stable")
            rindices = src[order]
            counts = np.bincount(self.indices, minlength=n)
            rptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(counts, out=rptr[1:])
            self._rev = (rptr, rindices, order.astype(np.int64))
        return self._rev

    def in_indices(self, i: int) -> np.ndarray:
        """Indices of predecessors of node index `i`."""
        rptr, rind, _ = self._reverse()
        return rind[int(rptr[i]) : int(rptr[i + 1])]

    def adjacency_lists(self) -> tuple[list[int], list[int], list[int], list[int], list[int], list[int]]:
        """(ptr, succ, succ_label, rptr, pred, pred_label) as Python lists, built once; for graphs small enough
        that list slicing beats numpy's per-call overhead (the tools use these on scenario-sized KGs)."""
        lists = getattr(self, "_adj_lists", None)
        if lists is None:
            rptr, rind, rorder = self._reverse()
            lab = self.edge_label
            lists = self._adj_lists = (self._ptr, self.indices.tolist(), lab.tolist(), rptr.tolist(), rind.tolist(),
                                       lab[rorder].tolist())
        return lists

    # ------------------------------------------------------------------ traversal
    def ball(self, node: str | int, radius: int, direction: str = "out") -> dict[int, int]:
        """Nodes within `radius` hops of `node`, as {index: distance}, in BFS order."""
        start = self._index[node] if isinstance(node, str) else node
        dist = {start: 0}
        frontier = [start]
        both = direction == "both"
        ptr = self._ptr
        flat = self._flat_indices()
        rlists = None
        for d in range(1, radius + 1):
            nxt = []
            for u in frontier:
                nb = flat[ptr[u] : ptr[u + 1]]
                if not isinstance(nb, list):
                    nb = nb.tolist()
                if both or direction == "in":
                    if rlists is None:
                        rlists = self._rev_lists()
                    pred = rlists[1][rlists[0][u] : rlists[0][u + 1]]
                    nb = nb + pred if both else pred
                for v in nb:
                    if v not in dist:
                        dist[v] = d
                        nxt.append(v)
            if not nxt:
                break
            frontier = nxt
        return dist

    def ranked_neighborhood(
        self,
        node: str | int,
        radius: int = 2,
        scores: np.ndarray | None = None,
        k: int = 5,
        *,
        prefer_product_paths: bool = False,
        direction: str = "out",
    ) -> list[tuple[int, int, float]]:
        """The node and its top-`k` neighbours within `radius`, as (index, distance, score), best first.

        Ranking: by priority (higher first), then distance (closer first), then index, so ties are
        deterministic. Priority is the node's score, plus (when `prefer_product_paths`) a bonus of
        0.5 / (1 + hops to the nearest product feature) for nodes on a path to one. The start node comes first.
        """
        ball = self.ball(node, radius, direction)
        start = next(iter(ball))
        others = [i for i in ball if i != start]
        if not others:
            return [(start, 0, float(scores[start]) if scores is not None else 1.0)]
        if len(others) <= 512:
            # Small neighbourhoods: plain Python sorting beats numpy's per-call overhead several times over.
            sc_l = scores[others].tolist() if scores is not None else [1.0] * len(others)
            if prefer_product_paths:
                bonus = self._pf_bonus()
                prio_l = [s + bonus[i] for i, s in zip(others, sc_l, strict=True)]
            else:
                prio_l = sc_l
            order_l = sorted(range(len(others)), key=lambda j: (-prio_l[j], ball[others[j]], others[j]))[: max(0, k)]
            first = float(scores[start]) if scores is not None else 1.0
            return [(start, 0, first)] + [(others[j], ball[others[j]], sc_l[j]) for j in order_l]
        idx = np.fromiter(others, dtype=np.int64, count=len(others))
        sc = scores[idx] if scores is not None else np.ones(len(idx))
        dist = np.fromiter((ball[i] for i in others), dtype=np.int64, count=len(others))
        prio = sc
        if prefer_product_paths:
            hops = self.distance_to_product_feature()[idx]
            prio = sc + np.where(hops >= 0, 0.5 / (1.0 + np.maximum(hops, 0)), 0.0)  # same bonus as _pf_bonus
        order = np.lexsort([idx, dist, -prio])[: max(0, k)]
        top = [(int(idx[o]), int(dist[o]), float(sc[o])) for o in order]
        return [(start, 0, float(scores[start]) if scores is not None else 1.0), *top]

    def shortest_path(self, src: str, dst: str, max_len: int | None = None) -> list[str] | None:
        """Shortest directed path from src to dst as a list of ids, or None."""
        s, t = self._index[src], self._index[dst]
        if s == t:
            return [src]
        parent = {s: -1}
        q = deque([(s, 0)])
        while q:
            u, d = q.popleft()
            if max_len is not None and d >= max_len:
                continue
            a, b = self._span(u)
            for v in self.indices[a:b].tolist():
                if v in parent:
                    continue
                parent[v] = u
                if v == t:
                    path = [v]
                    while parent[path[-1]] != -1:
                        path.append(parent[path[-1]])
                    return [self.ids[k] for k in reversed(path)]
                q.append((v, d + 1))
        return None

    def has_path(self, path: Sequence[str]) -> bool:
        """True when every consecutive pair in `path` is joined by a directed edge."""
        try:
            idx = [self._index[p] for p in path]
        except KeyError:
            return False
        for a, b in zip(idx, idx[1:], strict=False):
            s, e = self._span(a)
            if not np.any(self.indices[s:e] == b):
                return False
        return True

    def _pf_bonus(self) -> list[float]:
        # Per-node ranking bonus for being close to a product feature: 0.5 / (1 + hops), 0 if unreachable.
        b = getattr(self, "_pf_bonus_list", None)
        if b is None:
            hops = self.distance_to_product_feature()
            b = self._pf_bonus_list = np.where(hops >= 0, 0.5 / (1.0 + np.maximum(hops, 0)), 0.0).tolist()
        return b

    def distance_to_product_feature(self) -> np.ndarray:
        """Hops from each node to the nearest product-feature node along edges (-1 when unreachable)."""
        if self._pf_dist is None:
            n = self.num_nodes
            dist = np.full(n, -1, dtype=np.int32)
            frontier = self._product_feature_indices()
            dist[frontier] = 0
            rptr, rind, _ = self._reverse()
            d = 0
            while frontier.size:
                d += 1
                starts, ends = rptr[frontier], rptr[frontier + 1]
                lens = ends - starts
                if lens.sum() == 0:
                    break
                flat = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens) + np.arange(lens.sum())
                preds = np.unique(rind[flat])
                preds = preds[dist[preds] < 0]
                dist[preds] = d
                frontier = preds
            self._pf_dist = dist
        return self._pf_dist

    # ------------------------------------------------------------------ export
    def to_records(self) -> list[dict[str, Any]]:
        """Node records in the canonical spelling (id, content, type, edges with target/label)."""
        out = []
        for i, nid in enumerate(self.ids):
            rec: dict[str, Any] = {"id": nid, "content": self.content(i)}
            t = self.node_type(i)
            if t is not None:
                rec["type"] = t
            rec.update(self._attrs.get(i, {}))
            rec["edges"] = self.edges(nid)
            out.append(rec)
        return out

    def fingerprint(self) -> str:
        """A content hash of the graph in canonical form (equal graphs, equal fingerprints)."""
        return hashlib.sha256(orjson.dumps(self.to_records(), option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeGraph):
            return NotImplemented
        return self.num_nodes == other.num_nodes and self.to_records() == other.to_records()

    __hash__ = None  # type: ignore[assignment]


class _ListView:
    """Slices of a numpy array returned as lists (big graphs keep numpy storage)."""

    def __init__(self, arr: np.ndarray) -> None:
        self.arr = arr

    def __getitem__(self, sl: slice) -> list[int]:
        return self.arr[sl].tolist()

