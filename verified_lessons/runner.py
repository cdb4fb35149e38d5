"""Run snippet files the way a learner would (`python file.py`), but fast, isolated and strict.

Starting a fresh interpreter per snippet costs one `import torch` each time (~1.5 s here).
Instead a multiprocessing *forkserver* imports numpy and torch once; every snippet then runs
in its own child forked from that server, so:

- nothing leaks between snippets (a seed, a module attribute, a global): each child is a
  copy of the pristine server and dies after one snippet;
- stdout/stderr are captured at the file-descriptor level (C extensions' writes included);
- a hang is cut off by a hard timeout (the child is killed), never by trusting the snippet.

Each child also enforces the snippet rules, and reports every rule broken (a "violation"):

- it runs in an empty temporary folder with a clean environment: a snippet that writes a file,
  reads a file that is not part of Python or its packages, or reads an environment variable,
  breaks the rule "self-contained";
- the global random generators start from a state chosen by the runner, which differs from one
  run to the next: a snippet that draws from them without seeding them first, or that makes an
  unseeded `np.random.default_rng()`, breaks the rule "deterministic";
- `Run.strict` (the second run of a check) also raises NumPy's and PyTorch's print precision: a
  value printed without explicit rounding then prints differently.

A child that dies before it starts the snippet (the fork server failed, the fork was refused)
is a *runner failure*: it is retried once, and reported as the runner's fault, never as the
snippet's. `run_plain` is the naive reference (`python file.py` in a subprocess): the benchmark
compares the two, and a test checks they print the same thing.
"""

from __future__ import annotations

import _collections_abc
import json
import multiprocessing
import os
import random
import runpy
import subprocess
import sys
import sysconfig
import tempfile
import time
import traceback
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

# Modules every snippet may import; loaded once in the fork server. torch imports
# torch.fx.experimental.symbolic_shapes lazily, on the first torch._check_with (for example
# nn.MultiheadAttention given a key_padding_mask): about 1.3 s per child if it is not preloaded.
PRELOAD = ["numpy", "torch", "torch.fx.experimental.symbolic_shapes"]
DEFAULT_TIMEOUT = 60.0
# What a snippet's process may see of the environment: what Python and the libraries need.
KEPT_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ")


@dataclass(frozen=True)
class Run:
    """How to run a snippet: which run of a check it is, and how strict."""

    number: int = 0        # seeds the global generators differently in each run
    strict: bool = False   # raise NumPy's and PyTorch's print precision


@dataclass(frozen=True)
class Result:
    path: Path
    stdout: str
    stderr: str
    exitcode: int | None  # None when the child was killed on timeout
    timed_out: bool
    seconds: float
    violations: tuple[str, ...] = ()   # snippet rules the run broke
    runner_failed: bool = False        # the child died before the snippet started, twice
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.exitcode == 0 and not self.timed_out and not self.runner_failed


class _GuardedEnviron(MutableMapping):
    """os.environ for a snippet: reading a variable from the snippet's own code is a violation
    (libraries may read theirs)."""

    def __init__(self, real, snippet: str, violations: list[str]):
        self._real, self._snippet, self._violations = real, snippet, violations

    def _check(self, key):
        frame = sys._getframe(2)
        while frame is not None and frame.f_code.co_filename in (__file__, os.__file__,
                                                                  _collections_abc.__file__):
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename == self._snippet:
            self._violations.append(
                f"reads the environment variable {key!r} (line {frame.f_lineno}): a snippet "
                "must print the same thing in every environment")

    def __getitem__(self, key):
        self._check(key)
        return self._real[key]

    def get(self, key, default=None):
        self._check(key)
        return self._real.get(key, default)

    def __contains__(self, key):
        self._check(key)
        return key in self._real

    def __setitem__(self, key, value):
        self._real[key] = value

    def __delitem__(self, key):
        del self._real[key]

    def __iter__(self):
        return iter(self._real)

    def __len__(self):
        return len(self._real)


def _allowed_reads() -> tuple[str, ...]:
    """Folders a snippet's libraries read from: Python itself and installed packages."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, "/usr", "/lib", "/proc", "/sys",
             "/dev", "/etc"}
    paths |= {p for p in sysconfig.get_paths().values() if p}
    return tuple(sorted(str(Path(p).resolve()) + os.sep for p in paths))


def _guard(path: str, workdir: str, run: Run, violations: list[str]) -> dict:
    """Install the rule checks in the child; returns what the final check needs."""
    import numpy as np
    import torch

    # a clean environment, and reads of it from the snippet recorded
    for key in list(os.environ):
        if key not in KEPT_ENVIRONMENT:
            del os.environ[key]
    os.environ["TMPDIR"] = workdir
    os.environ = _GuardedEnviron(os.environ, path, violations)

    # files: nothing written anywhere, nothing read outside Python and its packages
    allowed, own = _allowed_reads(), os.path.realpath(path)

    def from_snippet() -> int | None:
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == path:
                return frame.f_lineno
            frame = frame.f_back
        return None

    def audit(event, args):
        if event != "open" or not args or not isinstance(args[0], (str, bytes)):
            return
        name = os.fsdecode(args[0])
        mode, flags = args[1], args[2] if len(args) > 2 else 0
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        line = from_snippet()
        if line is None:
            return
        full = os.path.realpath(os.path.join(workdir, name))
        if writes and full != os.devnull and "__pycache__" not in full:
            violations.append(f"writes the file {name!r} (line {line}): a snippet must not leave "
                              "files behind or depend on files another snippet wrote")
        elif not writes and full != own and not full.startswith(allowed):
            violations.append(f"reads the file {name!r} (line {line}): a snippet must be "
                              "self-contained, with no file to read")

    sys.addaudithook(audit)

    # random generators: a state chosen by the runner, different in each run
    seeded: list[str] = []
    base = 1000 + 7919 * run.number
    random.seed(base)
    np.random.seed(base % 2**32)
    torch.manual_seed(base)
    states = (random.getstate(), np.random.get_state()[1].copy(), torch.get_rng_state().clone())

    def marking(name, function):
        def seeding(*args, **kwargs):
            seeded.append(name)
            return function(*args, **kwargs)
        return seeding

    random.seed = marking("random.seed", random.seed)
    np.random.seed = marking("np.random.seed", np.random.seed)
    torch.manual_seed = marking("torch.manual_seed", torch.manual_seed)
    torch.random.manual_seed = torch.manual_seed
    default_rng = np.random.default_rng

    def checked_default_rng(seed=None, *args, **kwargs):
        if seed is None:
            line = from_snippet()
            if line is not None:
                violations.append(f"makes an unseeded np.random.default_rng() (line {line}): "
                                  "pass a seed, so every run draws the same numbers")
        return default_rng(seed, *args, **kwargs)

    np.random.default_rng = checked_default_rng

    if run.strict:   # a value printed without explicit rounding now prints differently
        np.set_printoptions(precision=15)
        torch.set_printoptions(precision=12)
    return {"seeded": seeded, "states": states}


def _after(workdir: str, checks: dict, violations: list[str]) -> None:
    import numpy as np
    import torch

    left = sorted(os.listdir(workdir))
    if left:
        violations.append(f"leaves files behind in its folder: {', '.join(left)}")
    random_state, numpy_state, torch_state = checks["states"]
    drew = [name for name, same in (
        ("random", random.getstate() == random_state),
        ("numpy's global generator", np.array_equal(np.random.get_state()[1], numpy_state)),
        ("torch's global generator", torch.equal(torch.get_rng_state(), torch_state)))
        if not same]
    if drew and not checks["seeded"]:
        violations.append(f"draws from {' and '.join(drew)} without seeding it: seed it "
                          "(torch.manual_seed(0), np.random.seed(0)) or use a seeded generator")


def _run_in_child(path: str, out_path: str, err_path: str, marker: str, run: Run) -> None:
    """Body of the forked child: run one file as __main__, exit with its status."""
    with open(marker, "w") as started:
        started.write("started\n")
    for fd, target in ((1, out_path), (2, err_path)):
        handle = os.open(target, os.O_WRONLY | os.O_TRUNC)
        os.dup2(handle, fd)
        os.close(handle)
    workdir = tempfile.mkdtemp(prefix="snippet-run-")
    os.chdir(workdir)
    sys.argv = [path]
    sys.path[0:0] = [workdir]   # not the snippet's folder: no importing a neighbour
    sys.dont_write_bytecode = True
    violations: list[str] = []
    checks = _guard(path, workdir, run, violations)
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
    _after(workdir, checks, violations)
    with open(marker, "w") as done:
        json.dump(sorted(set(violations), key=violations.index), done)
    os._exit(status)


class ForkRunner:
    """Runs snippets in children forked from a server with PRELOAD imported."""

    def __init__(self, preload: list[str] = PRELOAD):
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(preload)

    def _start(self, target, args):
        child = self._ctx.Process(target=target, args=args)
        child.start()
        return child

    def run(self, path: Path, timeout: float = DEFAULT_TIMEOUT, run: Run = Run()) -> Result:
        path = Path(path).resolve()
        for attempt in (1, 2):
            result = self._attempt(path, timeout, run)
            if not result.runner_failed:
                return Result(**{**result.__dict__, "attempts": attempt})
        return Result(**{**result.__dict__, "attempts": 2})

    def _attempt(self, path: Path, timeout: float, run: Run) -> Result:
        with tempfile.TemporaryDirectory(prefix="snippet-") as tmp:
            out_path, err_path, marker = (os.path.join(tmp, n) for n in ("stdout", "stderr", "marker"))
            for p in (out_path, err_path):
                open(p, "wb").close()
            start = time.perf_counter()
            try:
                child = self._start(_run_in_child, (str(path), out_path, err_path, marker, run))
            except OSError as error:   # the fork server could not fork
                return Result(path, "", f"the runner could not start a child: {error}", None,
                              False, time.perf_counter() - start, runner_failed=True)
            child.join(timeout)
            timed_out = child.is_alive()
            if timed_out:
                child.kill()
                child.join()
            seconds = time.perf_counter() - start
            started = os.path.exists(marker)
            violations: tuple[str, ...] = ()
            if started:
                with open(marker) as handle:
                    text = handle.read()
                if text.startswith("["):
                    violations = tuple(json.loads(text))
            return Result(
                path=path,
                stdout=_read(out_path),
                stderr=_read(err_path),
                exitcode=None if timed_out else child.exitcode,
                timed_out=timed_out,
                seconds=seconds,
                violations=violations,
                runner_failed=not started and not timed_out,
            )


def run_plain(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """The naive runner: a fresh `python file.py` per snippet, in an empty folder, with a clean
    environment."""
    path = Path(path).resolve()
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k in KEPT_ENVIRONMENT}
    with tempfile.TemporaryDirectory(prefix="snippet-plain-") as workdir:
        try:
            done = subprocess.run([sys.executable, str(path)], capture_output=True,
                                  timeout=timeout, cwd=workdir, env=env)
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
