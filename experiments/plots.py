"""The PNG figures scripts write beside their results (matplotlib, headless)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def figure(path: Path, figsize: tuple[float, float], ncols: int = 1) -> Iterator[tuple[Any, Any]]:
    """(figure, axes) to draw on; laid out, saved to `path` and closed when the block ends."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=figsize)
    try:
        yield fig, axes
        fig.tight_layout()
        fig.savefig(path, dpi=110)
    finally:
        plt.close(fig)
