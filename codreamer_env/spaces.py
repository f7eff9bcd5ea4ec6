"""Text spaces that gymnasium's env checker and vector utilities accept.

`TextSpace` subclasses gymnasium's `Text`, so vector envs batch it as a tuple of strings, but `contains`
accepts any string up to the length bound (not only a fixed charset), and `sample()` draws, from the
space's own seeded RNG, a mix of free text and well-formed or broken tool calls.
"""

from __future__ import annotations

import string
from typing import Any

import numpy as np
from gymnasium.spaces import Text

_SAMPLE_NODE_IDS = ("Customer Job", "Product Feature", "Pain: unknown", "Company: Acme")
_SAMPLE_WORDS = ("invoice", "close", "schedule", "pilot", "call", "hello", "team", "cost", "data", "next week")


class TextSpace(Text):
    """Any `str` of at most `max_length` characters."""

    def __init__(self, max_length: int, *, min_length: int = 0, seed: int | np.random.Generator | None = None) -> None:
        super().__init__(max_length=max_length, min_length=min_length, charset=string.printable, seed=seed)

    def contains(self, x: Any) -> bool:
        """True for any string within the length bounds."""
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def sample(self, mask: Any = None, probability: Any = None) -> str:
        """Free text, a well-formed tool call, a Python-style call, or truncated JSON (seeded)."""
        if mask is not None or probability is not None:
            return super().sample(mask=mask, probability=probability)
        rng = self.np_random
        kind = int(rng.integers(5))
        node = _SAMPLE_NODE_IDS[int(rng.integers(len(_SAMPLE_NODE_IDS)))]
        if kind == 0:
            out = f'<tool_call>{{"name": "get_connected_nodes", "arguments": {{"node_id": "{node}"}}}}</tool_call>'
        elif kind == 1:
            out = f'get_relevant_context("{node}", k={int(rng.integers(1, 8))})'
        elif kind == 2:
            words = " ".join(_SAMPLE_WORDS[int(i)] for i in rng.integers(len(_SAMPLE_WORDS), size=12))
            out = ('{"name": "finalize_email", "arguments": {"subject": "Quick idea", '
                   f'"body": "Hi, {words}?", "citations": ["{node}"]}}}}')
        elif kind == 3:
            out = '{"name": "get_relevant_context", "arguments": {"node_id": "' + node[: int(rng.integers(len(node)))]
        else:
            out = super().sample()
        return out[: self.max_length] if len(out) >= self.min_length else out.ljust(self.min_length)

    def __repr__(self) -> str:
        return f"TextSpace(max_length={self.max_length})"


# Async vector envs pass observations through shared memory. gymnasium's Text stores charset indices, which
# cannot hold arbitrary Unicode; TextSpace stores code points + 1 (0 marks the end) in the same int32 buffer.
def _register_shared_memory() -> None:
    import multiprocessing as mp

    from gymnasium.vector.utils import shared_memory as shm

    @shm.create_shared_memory.register(TextSpace)
    def _create(space: TextSpace, n: int = 1, ctx: Any = mp) -> Any:
        return ctx.Array(np.dtype(np.int32).char, n * space.max_length)

    @shm.write_to_shared_memory.register(TextSpace)
    def _write(space: TextSpace, index: int, values: str, shared_memory: Any) -> None:
        size = space.max_length
        dest = np.frombuffer(shared_memory.get_obj(), dtype=np.int32)[index * size : (index + 1) * size]
        codes = np.frombuffer(values[:size].encode("utf-32-le"), dtype=np.uint32).astype(np.int32) + 1
        dest[: codes.size] = codes
        dest[codes.size :] = 0

    @shm.read_from_shared_memory.register(TextSpace)
    def _read(space: TextSpace, shared_memory: Any, n: int = 1) -> tuple[str, ...]:
        data = np.frombuffer(shared_memory.get_obj(), dtype=np.int32).reshape((n, space.max_length))
        out = []
        for row in data:
            end = np.flatnonzero(row == 0)
            codes = row[: end[0] if end.size else row.size] - 1
            out.append(codes.astype(np.uint32).tobytes().decode("utf-32-le"))
        return tuple(out)


_register_shared_memory()
