"""The README's Python examples run as written."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_python_blocks_run(code):
    exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})


def test_readme_has_examples_and_two_quickstart_commands():
    text = README.read_text()
    assert len(BLOCKS) >= 3
    quick = text.split("## Quick start", 1)[1].split("##", 1)[0]
    assert len([ln for ln in quick.splitlines() if ln.startswith("python3 -m venv")]) == 2
