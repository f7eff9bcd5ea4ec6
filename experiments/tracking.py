"""Experiment trackers: none, or Weights & Biases (offline unless configured online). No secrets logged."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SECRET_HINTS = ("key", "token", "secret", "password")


def scrub(obj: Any) -> Any:
    """Drop values whose key looks secret (api keys never reach a tracker's config)."""
    if isinstance(obj, dict):
        return {k: ("<redacted>" if any(h in str(k).lower() for h in SECRET_HINTS) and not str(k).endswith("_env")
                    else scrub(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [scrub(v) for v in obj]
    return obj


def wandb_env(mode: str) -> None:
    """wandb's switches for a run in `mode`, unless the user set them: quiet, and offline means offline. With only
    `init(mode="offline")` its service still looked up an outside address (a DNS query, traced with strace);
    WANDB_MODE in the environment and its error reporting off stop that (tests/test_experiments.py checks)."""
    os.environ.setdefault("WANDB_SILENT", "true")
    os.environ.setdefault("WANDB_MODE", mode)
    if mode in ("offline", "disabled"):
        os.environ.setdefault("WANDB_ERROR_REPORTING", "false")


class Tracker:
    """Logs config, metrics and a table of emails; `none` does nothing."""

    def __init__(self, cfg: Any, run_dir: Path, run_name: str, config: dict[str, Any]) -> None:
        self.kind = cfg.name
        self.run = None
        if self.kind == "none":
            return
        if self.kind != "wandb":
            raise ValueError(f"unknown logger {cfg.name!r}; use none or wandb")
        import wandb

        wandb_env(cfg.mode)
        self.run = wandb.init(project=cfg.project, entity=cfg.entity, mode=cfg.mode, dir=str(run_dir),
                              name=run_name, config=scrub(config), tags=list(cfg.tags), reinit="finish_previous")
        self.table_rows = cfg.table_rows

    def log(self, metrics: dict[str, Any], step: int | None = None) -> None:
        if self.run is not None:
            flat = {k: v for k, v in _flatten(metrics).items() if isinstance(v, (int, float))}
            self.run.log(flat, step=step)

    def log_emails(self, rows: list[dict[str, Any]]) -> None:
        if self.run is None:
            return
        import wandb

        table = wandb.Table(columns=["scenario_id", "trial", "reward", "subject", "body", "citations"])
        for r in rows[: self.table_rows]:
            table.add_data(r["scenario_id"], r["trial"], r["reward"], r.get("subject") or "", r.get("body") or "",
                           ", ".join(r.get("citations") or []))
        self.run.log({"emails": table})

    def finish(self) -> None:
        if self.run is not None:
            self.run.finish()
            self.run = None


def _flatten(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "/"))
        elif isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v):
            out[key + "_lo"], out[key + "_hi"] = v
        else:
            out[key] = v
    return out
