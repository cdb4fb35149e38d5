"""Build the site as CI and readers get it: `mkdocs build --strict`, online or offline."""

from __future__ import annotations

import os
import subprocess
import sys

from verified_lessons.layout import LAYOUT


def mkdocs_build(site_dir, *extra_args, root=LAYOUT.root, env=None):
    """`mkdocs build --strict` into site_dir; the finished process (stdout+stderr in .stdout)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "false", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir),
         *extra_args],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
