"""A small on-disk cache of computed bytes, shared by every kernel on the machine.

Entries are files named by a digest of everything that determines their content,
so an entry never goes stale: a different input is a different name. Each file
is written to a temporary name and renamed into place, so parallel kernels (the
notebook tests run several) can write the same entry at once and a reader only
ever sees a complete file. A cache that cannot be read or written is skipped:
callers compute the value as if the cache were empty.

The folder is ``$KIT_CACHE`` when set (``off`` turns the cache off), otherwise
``media-literacy-kit`` under ``$XDG_CACHE_HOME`` (default ``~/.cache``).
Deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

CACHE_ENV = "KIT_CACHE"
"""Environment variable naming the cache folder; ``off`` disables the cache."""
OFF = "off"


def cache_dir() -> Path | None:
    """Return the cache folder, or ``None`` when ``$KIT_CACHE`` is ``off``.

    >>> import os
    >>> os.environ["KIT_CACHE"] = "/tmp/kit-doctest-cache"
    >>> str(cache_dir())
    '/tmp/kit-doctest-cache'
    >>> os.environ["KIT_CACHE"] = "off"
    >>> cache_dir() is None
    True
    >>> del os.environ["KIT_CACHE"]
    """
    override = os.environ.get(CACHE_ENV, "").strip()
    if override.lower() == OFF:
        return None
    if override:
        return Path(override).expanduser()
    home = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(home).expanduser() / "media-literacy-kit"


def digest(*parts: str | bytes) -> str:
    """Return a hex SHA-256 of the parts, each length-prefixed so no two lists of parts collide.

    >>> digest("a", "bc") == digest("ab", "c")
    False
    >>> len(digest("spec", b"\\x00"))
    64
    """
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "big"))
        sha.update(data)
    return sha.hexdigest()


def entry_path(namespace: str, name: str) -> Path | None:
    """Return where entry ``name`` of ``namespace`` lives, or ``None`` when the cache is off."""
    folder = cache_dir()
    return None if folder is None else folder / namespace / name


def load(namespace: str, name: str) -> bytes | None:
    """Return the bytes stored under ``namespace/name``, or ``None`` if there are none (or no cache).

    >>> import os, tempfile
    >>> os.environ["KIT_CACHE"] = tempfile.mkdtemp()
    >>> load("demo", "x.txt") is None
    True
    >>> save("demo", "x.txt", b"hello"), load("demo", "x.txt")
    (True, b'hello')
    >>> del os.environ["KIT_CACHE"]
    """
    path = entry_path(namespace, name)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def save(namespace: str, name: str, data: bytes) -> bool:
    """Store ``data`` under ``namespace/name`` atomically; return whether it was stored.

    The bytes go to a temporary file in the same folder that is then renamed
    over the entry, so a concurrent reader sees either nothing or all of it.
    """
    path = entry_path(namespace, name)
    if path is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
