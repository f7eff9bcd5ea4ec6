"""Write every scenario set (v1 by `generator`, v2 by `generator_v2`) and one MANIFEST.json of sha256 hashes.

    python -m codreamer_env.scenario_gen --out data/scenarios
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

import orjson

from codreamer_env.scenario_gen import generator as g1
from codreamer_env.scenario_gen import generator_v2 as g2

GENERATORS = [(g1, "codreamer_env.scenario_gen.generator"), (g2, "codreamer_env.scenario_gen.generator_v2")]


def encode(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in rows)


def generate_all() -> dict[str, tuple[Any, dict[str, list[dict[str, Any]]]]]:
    """{set name: (generator module, {split: rows})} for every set, at each generator's own seed."""
    out: dict[str, tuple[Any, dict[str, list[dict[str, Any]]]]] = {}
    for mod, _ in GENERATORS:
        for set_name, splits in mod.generate(mod.MASTER_SEED).items():
            out[set_name] = (mod, splits)
    return out


def manifest_for(sets: dict[str, tuple[Any, dict[str, list[dict[str, Any]]]]]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and {relative path: file bytes}. v1 file entries keep v1's fields; each set records its
    generator, version and seed under "sets"."""
    manifest: dict[str, Any] = {"generator_version": g1.GENERATOR_VERSION, "seed": g1.MASTER_SEED, "files": {}, "sets": {}}
    names = dict((m, n) for m, n in GENERATORS)
    blobs: dict[str, bytes] = {}
    for set_name, (mod, splits) in sets.items():
        manifest["sets"][set_name] = {"generator": names[mod], "generator_version": mod.GENERATOR_VERSION,
                                      "seed": mod.MASTER_SEED, "splits": {k: len(v) for k, v in splits.items()}}
        for split, rows in splits.items():
            data = encode(rows)
            rel = f"{set_name}/{split}.jsonl"
            blobs[rel] = data
            manifest["files"][rel] = {
                "scenarios": len(rows), "sha256": hashlib.sha256(data).hexdigest(),
                "nodes_min": min(len(r["kg"]) for r in rows), "nodes_max": max(len(r["kg"]) for r in rows),
            }
    return manifest, blobs


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_all(out_dir: str | Path) -> dict[str, Any]:
    """Write every set's splits under out_dir/<set>/<split>.jsonl and out_dir/MANIFEST.json."""
    out_dir = Path(out_dir)
    manifest, blobs = manifest_for(generate_all())
    for rel, data in blobs.items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (out_dir / "MANIFEST.json").write_bytes(manifest_bytes(manifest))
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write every scenario set (v1 and v2) and MANIFEST.json.")
    ap.add_argument("--out", default="data/scenarios")
    args = ap.parse_args(argv)
    manifest = write_all(args.out)
    for name, info in manifest["files"].items():
        print(f"{name:28s} {info['scenarios']:4d} scenarios, {info['nodes_min']}-{info['nodes_max']} nodes, "
              f"sha256 {info['sha256'][:12]}")


if __name__ == "__main__":
    main()
