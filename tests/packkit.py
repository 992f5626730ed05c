"""Rule packs installed as a user installs them: a copy of the pack's folder pip-installed into a
temporary folder (the tree and the environment stay as they were), and gilint run with it on the path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def install(source: Path, base: Path) -> Path:
    """The folder the pack at ``source`` was pip-installed into (built from a copy under ``base``)."""
    shutil.copytree(source, base / "src")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-input",
            "--target",
            str(base / "site"),
            str(base / "src"),
        ],
        check=True,
        capture_output=True,
    )
    return base / "site"


def gilint(site: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``gilint ARGS`` in a new process that finds the installed pack."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "gilint", *args], capture_output=True, text=True, env=env, cwd=cwd)
