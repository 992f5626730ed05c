"""What the audit owns and what a submission only asks: which files are read, and what a configuration
file found inside a submitted folder asks for.

``refusal(display, roots)`` says why a file is not to be read at all: a symbolic link leading out of the
audited folders, or not a regular file (a pipe, a device, a socket). ``asked(files)`` describes the
configuration files found inside a submission (``Resolver.inside``) for GI905.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from gilint.reporters import path_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_SHOWN = 300  # characters of a configuration shown in a message
_CONFIG_BYTES = 1 << 20


def real_roots(paths: Sequence[str]) -> list[str]:
    """The audited folders as the file system resolves them (a file named itself is no folder)."""
    return [os.path.realpath(p) for p in paths if os.path.isdir(p)]


def refusal(display: str, named: bool, roots: Sequence[str]) -> tuple[str, str] | None:
    """(zh, en) of why the file ``display`` is not read, or None. ``named``: the office named it on the
    command line (then it may be a link to anywhere); ``roots``: ``real_roots`` of the audited paths."""
    real = os.path.realpath(display)
    if not named and not any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
        target = path_text(real)
        return (
            f"这是指向审核目录之外（{target}）的符号链接，未读取",
            f"it is a symbolic link to {target}, outside the audited folders: not read",
        )
    try:
        mode = os.stat(display).st_mode
    except OSError:
        return None  # reading it will say why it cannot be read
    if not stat.S_ISREG(mode):
        kind = (
            ("命名管道", "a named pipe")
            if stat.S_ISFIFO(mode)
            else ("设备", "a device")
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else ("套接字", "a socket")
            if stat.S_ISSOCK(mode)
            else ("目录", "a folder")
            if stat.S_ISDIR(mode)
            else ("特殊文件", "a special file")
        )
        return f"这不是普通文件（而是{kind[0]}），未读取", f"it is not a regular file but {kind[1]}: not read"
    return None


def asked(config: Path, display: str) -> tuple[str, str, bool]:
    """(zh, en) of what the configuration file ``config`` (inside a submission) asks for, of the report
    ``display`` (the file is named as the report is: relative or absolute), and whether it is valid TOML
    (a malformed one is ignored, honoured or not)."""
    folder = os.path.dirname(display)
    shown = path_text(os.path.normpath(os.path.join(folder, os.path.relpath(config, os.path.abspath(folder or ".")))))
    try:
        if config.stat().st_size > _CONFIG_BYTES:
            raise ValueError("too large")
        data = tomllib.loads(config.read_bytes().decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):  # TOMLDecodeError is a ValueError
        return (
            f"提交的文件夹中有配置文件 {shown}，但它不是有效的 TOML，已忽略",
            f"the submission holds the configuration file {shown}, which is not valid TOML: ignored",
            False,
        )
    if config.name != "gilint.toml":
        tool = data.get("tool", {})
        data = tool.get("gilint", {}) if isinstance(tool, dict) else {}
    settings = "; ".join(f"{key} = {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in data.items())
    if len(settings) > _SHOWN:
        settings = settings[:_SHOWN] + "…"
    return (
        f"提交的文件夹中有配置文件 {shown}（{settings or '空'}），要求改变审核的规则或跳过文件",
        f"the submission holds the configuration file {shown} ({settings or 'empty'}), asking to change the "
        "audit's rules or skip files",
        True,
    )
