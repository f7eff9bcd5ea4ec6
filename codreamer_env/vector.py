"""Helpers for gymnasium vector envs of SalesEmailEnv."""

from __future__ import annotations

from typing import Any


def split_infos(infos: dict[str, Any], num_envs: int) -> list[dict[str, Any]]:
    """Turn a vector env's batched `info` (dict of arrays with `_key` masks, nested for dict values) into
    one dict per env, holding only the keys that env reported."""
    out: list[dict[str, Any]] = [{} for _ in range(num_envs)]
    for key, values in infos.items():
        if key.startswith("_"):
            continue
        mask = infos.get(f"_{key}")
        nested = split_infos(values, num_envs) if isinstance(values, dict) else None
        for i in range(num_envs):
            if mask is None or bool(mask[i]):
                if nested is not None:
                    out[i][key] = nested[i]
                    continue
                v = values[i]
                out[i][key] = v.item() if hasattr(v, "item") and getattr(v, "ndim", 1) == 0 else v
    return out
