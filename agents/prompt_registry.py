"""A content-addressed registry of system-prompt versions: lineage, one active version, deploy and rollback.

    reg = PromptRegistry.open("outputs/prompts/registry.json")     # seeded with the default prompt
    v = reg.add(new_text, parent=reg.active.id, proposer="rules")   # rejected if a protected section is missing
    reg.deploy(v.id, reason="round 3: +0.08 [0.03, 0.12], p=0.004")
    reg.rollback(reason="acceptance fell from 0.61 to 0.32")        # the previously active text, byte for byte

A version's id is the first 16 hex digits of the SHA-256 of its text, so the same text is the same version
wherever it was proposed. The registry is one JSON file, rewritten atomically (a temp file in the same
folder, fsync, `os.replace`, fsync of the folder) under a file lock, so a crash mid-write leaves the
previous state intact and two processes never interleave updates. Agents and the env take their system
prompt from `active_text()` (`agent.prompt_registry=<path>` in the Hydra configs).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import orjson
from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from codreamer_env._io import atomic_write_bytes, clean_stale_temps
from codreamer_env.errors import DataError
from codreamer_env.prompts import PROTECTED_SECTIONS, SECTIONS, default_system_prompt

FORMAT = "codreamer-prompt-registry/1"


class RegistryFileError(DataError):
    """The registry file is unreadable or inconsistent: names the file and the field ("<file>: field <f>: ...")."""

    def __init__(self, path: str | os.PathLike[str], field: str, message: str, line: int | None = None) -> None:
        super().__init__(message, file=str(path), line=line, field=field)
        self.args = (f"{path}: field {field}: {message}",)


class ProtectedSectionsMissing(ValueError):
    """A prompt does not contain every protected section verbatim."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"prompt rejected: protected section(s) {', '.join(missing)} missing or altered")
        self.missing = missing


def prompt_id(text: str) -> str:
    """The content address of a prompt text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class PromptVersion(BaseModel):
    """One prompt text and where it came from."""

    model_config = ConfigDict(extra="forbid")
    id: str
    text: str
    parent: str | None = None
    proposer: str = "manual"
    meta_prompt: str | None = None  # the rewriter's input (LLM proposers)
    created: float = Field(default_factory=time.time)
    evaluations: list[dict[str, Any]] = Field(default_factory=list)


class RegistryEvent(BaseModel):
    """A change of the active version, or an optimization run (for rate limits and the report)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["deploy", "rollback", "optimization"]
    time: float = Field(default_factory=time.time)
    version: str | None = None
    previous: str | None = None
    reason: str = ""
    details: dict[str, Any] = Field(default_factory=dict)


class _State(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = FORMAT
    protected: dict[str, str] = Field(default_factory=lambda: dict(PROTECTED_SECTIONS))
    versions: dict[str, PromptVersion] = Field(default_factory=dict)
    active: str | None = None
    events: list[RegistryEvent] = Field(default_factory=list)


class PromptRegistry:
    """Prompt versions with lineage and one active version, persisted in one JSON file (see module doc)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock")
        self._state = self._read()

    # ---- construction
    @classmethod
    def open(cls, path: str | os.PathLike[str], initial: str | None = None,
             protected: Mapping[str, str] | list[str] | None = None) -> PromptRegistry:
        """Open the registry at `path`, creating it if absent: `protected` (section texts, or names from
        `codreamer_env.prompts.SECTIONS`; default the tool protocol and compliance rules) and `initial` (default
        the default system prompt), added and deployed as the first version."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(path) + ".lock"):
            if not path.exists():
                sections = resolve_sections(protected)
                state = _State(protected=sections)
                text = default_system_prompt() if initial is None else initial
                missing = [n for n, t in sections.items() if t not in text]
                if missing:
                    raise ProtectedSectionsMissing(missing)
                v = PromptVersion(id=prompt_id(text), text=text, proposer="initial")
                state.versions[v.id] = v
                state.active = v.id
                state.events.append(RegistryEvent(kind="deploy", version=v.id, reason="initial version"))
                atomic_write_bytes(path, _dump(state))
        return cls(path)

    def _read(self) -> _State:
        clean_stale_temps(self.path)  # temp files a killed writer left beside the registry
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise FileNotFoundError(f"{self.path}: no prompt registry here (PromptRegistry.open creates one)") from None
        try:
            state = _State.model_validate(orjson.loads(raw))
        except orjson.JSONDecodeError as e:
            raise RegistryFileError(self.path, "(json)", f"not valid JSON ({e})", line=e.lineno) from None
        except ValidationError as e:
            err = e.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise RegistryFileError(self.path, where, err["msg"]) from None
        for vid, v in state.versions.items():
            if prompt_id(v.text) != vid or v.id != vid:
                raise RegistryFileError(self.path, f"versions.{vid}", "id does not match the text's hash (edited by hand?)")
        if state.active is None:
            raise RegistryFileError(self.path, "active", "no active version (null); set it to one of the version ids")
        if state.active not in state.versions:
            known = ", ".join(sorted(state.versions)) or "none"
            raise RegistryFileError(self.path, "active", f"{state.active!r} is not among the versions ({known})")
        return state

    def _update(self, fn: Any) -> Any:
        """Re-read under the lock, apply `fn(state)`, write atomically; the in-memory state follows."""
        with self._lock:
            state = self._read()
            out = fn(state)
            atomic_write_bytes(self.path, _dump(state))
            self._state = state
            return out

    # ---- reading
    @property
    def protected(self) -> dict[str, str]:
        return dict(self._state.protected)

    @property
    def versions(self) -> list[PromptVersion]:
        return sorted(self._state.versions.values(), key=lambda v: v.created)

    def get(self, version: str) -> PromptVersion:
        try:
            return self._state.versions[version]
        except KeyError:
            raise KeyError(f"{self.path}: no prompt version {version!r}") from None

    @property
    def active(self) -> PromptVersion:
        active = self._state.active
        if active is None or active not in self._state.versions:  # _read checks this; kept for hand-built states
            raise RegistryFileError(self.path, "active", f"{active!r} is not among the versions")
        return self._state.versions[active]

    def active_text(self) -> str:
        return self.active.text

    def history(self, kinds: tuple[str, ...] = ("deploy", "rollback")) -> list[RegistryEvent]:
        return [e for e in self._state.events if e.kind in kinds]

    def optimization_times(self) -> list[float]:
        return [e.time for e in self._state.events if e.kind == "optimization"]

    def lineage(self, version: str) -> list[PromptVersion]:
        """The version's ancestors, root first, ending with the version itself."""
        chain, seen = [], set()
        cur: str | None = version
        while cur is not None and cur not in seen:
            seen.add(cur)
            v = self.get(cur)
            chain.append(v)
            cur = v.parent
        return chain[::-1]

    def diff(self, a: str, b: str) -> str:
        """A unified diff between two versions' texts."""
        return "".join(difflib.unified_diff(self.get(a).text.splitlines(keepends=True),
                                            self.get(b).text.splitlines(keepends=True), fromfile=a, tofile=b))

    def missing_sections(self, text: str) -> list[str]:
        return [n for n, t in self._state.protected.items() if t not in text]

    # ---- writing
    def add(self, text: str, *, parent: str | None = None, proposer: str = "manual",
            meta_prompt: str | None = None) -> PromptVersion:
        """Register a candidate (idempotent: the same text returns the existing version). Raises
        ProtectedSectionsMissing, before anything is stored, if a protected section is missing."""
        missing = self.missing_sections(text)
        if missing:
            raise ProtectedSectionsMissing(missing)
        if parent is not None:
            self.get(parent)

        def fn(state: _State) -> PromptVersion:
            vid = prompt_id(text)
            if vid not in state.versions:
                state.versions[vid] = PromptVersion(id=vid, text=text, parent=parent, proposer=proposer,
                                                    meta_prompt=meta_prompt)
            return state.versions[vid]

        return self._update(fn)

    def record_evaluation(self, version: str, result: Mapping[str, Any]) -> None:
        self.get(version)
        self._update(lambda s: s.versions[version].evaluations.append({"time": time.time(), **dict(result)}))

    def deploy(self, version: str, reason: str = "", details: Mapping[str, Any] | None = None) -> PromptVersion:
        """Make `version` active."""
        self.get(version)
        return self._update(lambda state: _activate(state, "deploy", version, state.active, reason, details))

    def rollback(self, reason: str = "", details: Mapping[str, Any] | None = None) -> PromptVersion:
        """Re-activate the version that was active before the current one (walking back over earlier rollbacks:
        two rollbacks in a row go back two deployments)."""

        def fn(state: _State) -> PromptVersion:
            stack: list[str] = []
            for e in state.events:
                if e.kind == "deploy" and e.version is not None:
                    stack.append(e.version)
                elif e.kind == "rollback" and stack:
                    stack.pop()
            if len(stack) < 2:
                raise ValueError(f"{self.path}: nothing to roll back to (only the initial version was deployed)")
            current, previous = stack[-1], stack[-2]
            return _activate(state, "rollback", previous, current, reason, details)

        return self._update(fn)

    def record_optimization(self, details: Mapping[str, Any], when: float | None = None) -> None:
        """Note an optimization run (its time counts for the triggers' rate limits)."""
        self._update(lambda s: s.events.append(RegistryEvent(kind="optimization", time=time.time() if when is None
                                                             else when, details=dict(details))))


def _activate(state: _State, kind: Literal["deploy", "rollback"], version: str, previous: str | None, reason: str,
              details: Mapping[str, Any] | None) -> PromptVersion:
    """Make `version` active, recording the change as a `kind` event."""
    state.events.append(RegistryEvent(kind=kind, version=version, previous=previous, reason=reason,
                                      details=dict(details or {})))
    state.active = version
    return state.versions[version]


def resolve_sections(protected: Mapping[str, str] | list[str] | None) -> dict[str, str]:
    if protected is None:
        return dict(PROTECTED_SECTIONS)
    if isinstance(protected, Mapping):
        return dict(protected)
    unknown = [n for n in protected if n not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown protected section(s) {unknown}; known: {sorted(SECTIONS)}")
    return {n: SECTIONS[n] for n in protected}


def _dump(state: _State) -> bytes:
    return orjson.dumps(state.model_dump(mode="json"), option=orjson.OPT_INDENT_2) + b"\n"
