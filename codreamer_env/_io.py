"""Small file helpers: atomic writes and JSON(L) reading with located errors."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from codreamer_env.errors import DataError

# A temp file of an atomic write is `.<name>.p<pid>h<host>r<random>.tmp` beside its target. Files of that shape
# (and mkstemp's `.<name>.<8 chars>.tmp`, which earlier versions wrote) left behind by a killed writer are
# removed by the next write or open of the same target (`clean_stale_temps`).
TEMP_STALE_AFTER_S = 3600.0
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:8]
_OURS = re.compile(r"p(\d+)h([0-9a-f]{8})r[0-9a-f]{8}")
_MKSTEMP = re.compile(r"[a-z0-9_]{8}")


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (one we may not signal counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's process
        return True
    return True


def clean_stale_temps(path: str | os.PathLike[str], *, older_than: float = TEMP_STALE_AFTER_S) -> list[Path]:
    """Remove temp files of atomic writes to `path` that no writer will ever finish; returns what was removed.

    A writer that is killed (SIGKILL, OOM, power loss) between creating its temp file and the rename cannot
    clean up after itself, so whoever next writes or opens the same file does it. Only siblings named like our
    temp files for this very target are candidates, and one is removed when
      * its name carries this machine's host tag and a process id that no longer exists: the writer is dead
        (the common case: removed at once); or
      * it was last modified more than `older_than` seconds ago (default an hour): this covers writers on
        other machines sharing the folder, process ids reused since, and mkstemp-named orphans of earlier
        versions. A live write touches its temp file continuously and finishes in far less than an hour.
    A temp file of a live writer on this machine (its pid exists, including this process's own) is never
    touched. Errors (a file another cleaner removed first, a read-only folder) are ignored: cleaning is best
    effort and never fails the caller.
    """
    path = Path(path)
    prefix, removed = f".{path.name}.", []
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")) or len(name) <= len(prefix) + 4:
            continue
        middle = name[len(prefix) : -4]
        ours = _OURS.fullmatch(middle)
        if ours is None and _MKSTEMP.fullmatch(middle) is None:
            continue  # not a temp file of this target (e.g. `.<name>.<other>.tmp` of a longer name)
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            dead = ours is not None and ours.group(2) == _HOST and not _pid_alive(int(ours.group(1)))
            if dead or now - st.st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _create_temp(path: Path) -> tuple[int, str]:
    """Create the temp file for an atomic write to `path`: mode 0666 less the umask (as `open` would give), or the
    mode of the file it will replace."""
    try:
        keep = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        keep = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.p{os.getpid()}h{_HOST}r{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)  # the kernel applies the umask (and a default ACL, if any)
        except FileExistsError:
            continue
        if keep is not None and hasattr(os, "fchmod"):
            try:
                os.fchmod(fd, keep)
            except BaseException:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        return fd, tmp
    raise FileExistsError(f"{path}: could not create a unique temp file")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary file to write `path` through: on a clean exit it replaces `path` atomically (fsync, rename,
    fsync of the folder); on an exception the temp file is removed and `path` is untouched.

    The new file gets the mode of the one it replaces, else 0666 less the umask. Temp files orphaned by an
    earlier killed writer of `path` are cleaned first (see `clean_stale_temps`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(path)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        # The old file is untouched; remove the partial temp file.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (not every filesystem allows it)
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the new one, never a mix (see
    `atomic_open` for modes and temp-file cleanup)."""
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_json(path: str | os.PathLike[str], obj: Any, *, indent: bool = True) -> None:
    """Serialise `obj` as JSON (numpy scalars and arrays included) and write it atomically."""
    opts = orjson.OPT_SORT_KEYS | orjson.OPT_SERIALIZE_NUMPY | (orjson.OPT_INDENT_2 if indent else 0)
    atomic_write_bytes(path, orjson.dumps(obj, option=opts) + b"\n")


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read one JSON document; a syntax error names the file and line."""
    raw = Path(path).read_bytes()
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DataError(f"malformed JSON: {exc.msg}", file=str(path), line=exc.lineno, field="(json)") from None


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed object) for each non-blank line; a bad line raises a located DataError."""
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield lineno, orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise DataError(f"malformed JSON: {exc.msg}", file=str(path), line=lineno, field="(json)") from None


def loads_lenient(text: str) -> Any:
    """Decode JSON that a model may have wrapped in prose: the whole text, else its outermost {...} or [...]
    span. Raises ValueError when neither decodes."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    for open_, close in (("{", "}"), ("[", "]")):
        a, b = text.find(open_), text.rfind(close)
        if 0 <= a < b:
            try:
                return orjson.loads(text[a : b + 1])
            except orjson.JSONDecodeError:
                continue
    raise ValueError("not valid JSON")


def read_jsonl_rows(path: str | os.PathLike[str], *, repair: bool = False) -> list[dict[str, Any]]:
    """Rows of a JSONL log (e.g. a trajectories.jsonl). A torn line (a crash mid-write) is skipped; with
    `repair`, the file is rewritten atomically with only the valid rows, so an append cannot glue onto it."""
    rows: list[dict[str, Any]] = []
    path = Path(path)
    if not path.exists():
        return rows
    raw = path.read_bytes()
    bad = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            rows.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            bad += 1
    if repair and (bad or (raw and not raw.endswith(b"\n"))):
        atomic_write_bytes(path, b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return rows
