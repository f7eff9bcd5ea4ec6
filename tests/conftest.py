"""Shared fixtures. Tests run offline: no model hub, no network beyond loopback."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("WANDB_MODE", "offline")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep KG binary caches out of the user's home during tests."""
    monkeypatch.setenv("CODREAMER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
