"""What is installed is what requirements.txt pins: printed floats depend on numpy and torch,
so a pin changed in the file alone (or a package upgraded by hand) must fail, saying how to fix
it."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from verified_lessons.layout import LAYOUT

PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s#;]+)")


def pins(requirements: Path) -> dict[str, str]:
    found = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            found[m[1]] = m[2]
    return found


def mismatch(name: str, pinned: str) -> str | None:
    try:
        installed = version(name)
    except PackageNotFoundError:
        installed = None
    if installed is not None and installed.split("+")[0] == pinned:   # 2.13.0+cpu is 2.13.0
        return None
    return (f"requirements.txt pins {name}=={pinned} but {installed or 'nothing'} is installed: "
            "run `bash scripts/install` (it installs exactly the pins), then the tests again")


PINS = pins(LAYOUT.root / "requirements.txt")


def test_every_direct_dependency_is_pinned_exactly():
    lines = [line.strip() for line in (LAYOUT.root / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    loose = [line for line in lines if not PIN.match(line)]
    assert not loose, f"requirements.txt has unpinned lines: {loose}"
    assert PINS.get("torch") == "2.13.0", "torch must stay pinned to 2.13.0 (the CPU build)"


@pytest.mark.parametrize("name", PINS)
def test_installed_version_is_the_pinned_one(name):
    problem = mismatch(name, PINS[name])
    assert problem is None, problem


def test_a_pin_changed_in_the_file_alone_is_caught(tmp_path):
    changed = tmp_path / "requirements.txt"
    changed.write_text((LAYOUT.root / "requirements.txt").read_text().replace(
        "numpy==2.4.6", "numpy==2.4.5"))
    assert mismatch("numpy", pins(changed)["numpy"]) == (
        "requirements.txt pins numpy==2.4.5 but 2.4.6 is installed: run `bash scripts/install` "
        "(it installs exactly the pins), then the tests again")
