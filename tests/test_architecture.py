"""The layering DESIGN.md promises, checked on the import graph (imports inside functions included).

codreamer_env imports nothing from agents or experiments; agents nothing from experiments; no experiment entry
point (a module with `if __name__ == "__main__"`) imports another entry point.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("codreamer_env", "agents", "experiments")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in the file (relative imports resolved)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module
            if node.level:  # relative: resolved against the importing module's package
                pkg = _module(path).split(".")[: None if path.name == "__init__.py" else -1]
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([node.module] if node.module else []))
            out.add(base or "")
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


def _graph() -> dict[str, tuple[Path, set[str]]]:
    return {_module(p): (p, _imports(p)) for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _is_entry_point(path: Path) -> bool:
    return "__name__ == \"__main__\"" in path.read_text() or path.name == "__main__.py"


def test_no_upward_imports():
    forbidden = {"codreamer_env": ("agents", "experiments"), "agents": ("experiments",), "experiments": ()}
    bad = [f"{mod} imports {imp}" for mod, (_p, imps) in _graph().items()
           for imp in imps for up in forbidden[mod.split(".")[0]] if imp == up or imp.startswith(up + ".")]
    assert not bad, "\n".join(bad)


def test_entry_points_do_not_import_each_other():
    graph = _graph()
    entries = {m for m, (p, _i) in graph.items() if m.startswith("experiments.") and _is_entry_point(p)}
    assert {"experiments.benchmark", "experiments.train_grpo", "experiments.learn_loop"} <= entries
    bad = [f"{m} imports {imp}" for m in entries for imp in graph[m][1] if imp in entries and imp != m]
    assert not bad, "\n".join(bad)


def test_the_check_sees_imports_inside_functions(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from experiments.benchmark import run_benchmark\n")
    assert "experiments.benchmark" in _imports(f) and "experiments.benchmark.run_benchmark" in _imports(f)
