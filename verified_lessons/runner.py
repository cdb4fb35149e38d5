"""Run snippet files the way a learner would (`python file.py`), but fast and isolated.

Starting a fresh interpreter per snippet costs one `import torch` each time (~1.5 s here).
Instead a multiprocessing *forkserver* imports numpy and torch once; every snippet then runs
in its own child forked from that server, so:

- nothing leaks between snippets (a seed, a module attribute, a global): each child is a
  copy of the pristine server and dies after one snippet;
- stdout/stderr are captured at the file-descriptor level (C extensions' writes included);
- a hang is cut off by a hard timeout (the child is killed), never by trusting the snippet.

`run_plain` is the naive reference (`python file.py` in a subprocess): the benchmark compares
the two, and a test checks they print the same thing.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

# Modules every snippet may import; loaded once in the fork server. torch imports
# torch.fx.experimental.symbolic_shapes lazily, on the first torch._check_with (for example
# nn.MultiheadAttention given a key_padding_mask): about 1.3 s per child if it is not preloaded.
PRELOAD = ["numpy", "torch", "torch.fx.experimental.symbolic_shapes"]
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Result:
    path: Path
    stdout: str
    stderr: str
    exitcode: int | None  # None when the child was killed on timeout
    timed_out: bool
    seconds: float

    @property
    def ok(self) -> bool:
        return self.exitcode == 0 and not self.timed_out


def _run_in_child(path: str, out_path: str, err_path: str) -> None:
    """Body of the forked child: run one file as __main__, exit with its status."""
    for fd, target in ((1, out_path), (2, err_path)):
        handle = os.open(target, os.O_WRONLY | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(path))
    os.chdir(os.path.dirname(path))
    status = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, (int, type(None))):
            print(stop.code, file=sys.stderr)
    except BaseException as error:  # noqa: BLE001 - report anything the snippet raised
        # show the learner's frames only, not this runner's
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb or error.__traceback__)
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


class ForkRunner:
    """Runs snippets in children forked from a server with PRELOAD imported."""

    def __init__(self, preload: list[str] = PRELOAD):
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(preload)

    def run(self, path: Path, timeout: float = DEFAULT_TIMEOUT) -> Result:
        path = Path(path).resolve()
        with tempfile.TemporaryDirectory(prefix="snippet-") as tmp:
            out_path, err_path = os.path.join(tmp, "stdout"), os.path.join(tmp, "stderr")
            for p in (out_path, err_path):
                open(p, "wb").close()
            start = time.perf_counter()
            child = self._ctx.Process(target=_run_in_child, args=(str(path), out_path, err_path))
            child.start()
            child.join(timeout)
            timed_out = child.is_alive()
            if timed_out:
                child.kill()
                child.join()
            seconds = time.perf_counter() - start
            return Result(
                path=path,
                stdout=_read(out_path),
                stderr=_read(err_path),
                exitcode=None if timed_out else child.exitcode,
                timed_out=timed_out,
                seconds=seconds,
            )


def run_plain(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """The naive runner: a fresh `python file.py` per snippet."""
    path = Path(path).resolve()
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(path)], capture_output=True, timeout=timeout, cwd=path.parent
        )
    except subprocess.TimeoutExpired as hung:
        return Result(path, _text(hung.stdout), _text(hung.stderr), None, True,
                      time.perf_counter() - start)
    return Result(path, _text(done.stdout), _text(done.stderr), done.returncode, False,
                  time.perf_counter() - start)


def _read(path: str) -> str:
    with open(path, "rb") as handle:
        return _text(handle.read())


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")
