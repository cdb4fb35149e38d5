"""Benchmark: doc-test speed, build times and page weight, on this machine, in one run.

Usage (after `bash scripts/install`):

    .venv/bin/python benchmarks/run.py              # every figure, each timing the median of 3
    .venv/bin/python benchmarks/run.py --runs 5     # more runs per timing
    .venv/bin/python benchmarks/run.py --quick      # 1 run each, without the whole test suite
    .venv/bin/python benchmarks/run.py --lighthouse some   # Lighthouse on six pages, not all 33
    .venv/bin/python benchmarks/run.py --training   # only each training snippet against 10 s

Prints markdown tables: timings (median, min, max of --runs runs), the goals they are measured
against, the bytes each page of the offline build loads, and Lighthouse's scores per page. This is a benchmark,
not a test: it asserts nothing and never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent

PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NOTEBOOK_CACHE": "false", "OFFLINE": "false"}
# the page weight goals, offline build: a lesson page, a notebook page
PAGE_BUDGETS = {"lesson": 500 * 1024, "notebook": 700 * 1024}


def timed(command: list[str], runs: int, env: dict | None = None, setup=None) -> list[float]:
    """Wall seconds of `runs` runs of a command (output discarded; a failure stops the run)."""
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env or ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{done.stdout[-6000:]}")
    return times


def naive_verify(runs: int) -> list[float]:
    """The naive runner: a fresh `python file.py` per snippet, output compared with its .out."""
    from verified_lessons.layout import LAYOUT
    from verified_lessons.runner import run_plain

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for snippet in LAYOUT.snippet_files():
            result = run_plain(snippet)
            if result.stdout != snippet.with_suffix(".out").read_text():
                raise SystemExit(f"naive runner: {snippet} does not print its .out")
        times.append(time.perf_counter() - start)
    return times


def own_work(runs: int) -> list[float]:
    """The snippets' own work: the sum of one run of each in a child forked from a server that
    has already imported numpy and torch (no start-up, no import), one at a time. The runner
    must do this twice (two runs per snippet), so no runner beats 2 x this / cores."""
    from verified_lessons.layout import LAYOUT
    from verified_lessons.runner import ForkRunner

    runner = ForkRunner()
    sums = []
    for _ in range(runs):
        total = 0.0
        for snippet in LAYOUT.snippet_files():
            result = runner.run(snippet)
            if not result.ok:
                raise SystemExit(f"own work: {snippet} failed:\n{result.stderr[-2000:]}")
            total += result.seconds
        sums.append(total)
    return sums


# Snippets that train a model: each must run in at most TRAINING_BUDGET seconds on this machine,
# a fresh `python file.py` (imports included), as a learner runs it.
TRAINING = ["trained_attention/*.py", "exercises/trained_attention_*.py", "small_gpt/*.py"]
TRAINING_BUDGET = 10.0


def training_times(runs: int) -> list[tuple[str, list[float]]]:
    from verified_lessons.layout import LAYOUT

    found = []
    for pattern in TRAINING:
        for snippet in sorted(LAYOUT.snippets.glob(pattern)):
            found.append((LAYOUT.rel(snippet), timed([PYTHON, str(snippet)], runs)))
    return found


def print_training(rows: list[tuple[str, list[float]]]) -> None:
    print(f"\n| training snippet (`python file.py`) | median | at most {TRAINING_BUDGET:.0f} s |")
    print("| --- | ---: | :---: |")
    for name, times in rows:
        median = stats(times)[0]
        print(f"| {name} | {median:.2f} s | {'yes' if median <= TRAINING_BUDGET else 'NO'} |")


def stats(times: list[float]) -> tuple[float, float, float]:
    return statistics.median(times), min(times), max(times)


def page_weights(site: Path) -> list[tuple[str, int, int, int]]:
    """(page, HTML bytes, bytes of everything else it loads, number of files) per page, as
    measured by loading each page from file:// in chromium and summing the files it requests."""
    from playwright.sync_api import sync_playwright

    from verified_lessons.browser import launch

    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name in site_pages():
            context = browser.new_context()
            requested: set[Path] = set()
            context.on("request", lambda r: r.url.startswith("file:")
                       and requested.add(Path(unquote(urlparse(r.url).path))))
            page = context.new_page()
            html = site / f"{name}.html"
            page.goto(html.as_uri(), wait_until="load")
            page.wait_for_load_state("networkidle")
            context.close()
            others = [p for p in requested if p != html and p.is_file()]
            rows.append((name, html.stat().st_size, sum(p.stat().st_size for p in others),
                         len(others)))
        browser.close()
    return rows


def site_pages() -> list[str]:
    """Every page of the site by name: the lessons ("causal_masks") and their notebook pages
    ("notebooks/causal_masks")."""
    from verified_lessons.layout import LAYOUT
    from verified_lessons.notebooks import FOLDER, lesson_pages

    names = [p.relative_to(LAYOUT.docs).with_suffix("").as_posix() for p in LAYOUT.pages()]
    return names + [f"{FOLDER}/{p.stem}" for p in lesson_pages(LAYOUT.docs)]


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (default 3)")
    parser.add_argument("--quick", action="store_true",
                        help="one run per timing, and skip the whole test suite")
    parser.add_argument("--lesson", default="causal_masks",
                        help="the lesson whose checks are timed (default causal_masks)")
    parser.add_argument("--lighthouse", choices=["all", "some", "none"], default="all",
                        help="Lighthouse on every page (default), on six, or not at all")
    parser.add_argument("--training", action="store_true",
                        help="only the training snippets' times against their budget")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    if args.training:
        print_training(training_times(runs))
        return
    from verified_lessons.layout import LAYOUT

    snippets = LAYOUT.snippet_files()
    print(f"machine: {os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}, "
          f"{len(snippets)} snippets, {runs} run(s) per timing\n")

    rows: list[tuple[str, list[float]]] = []
    floor = timed([PYTHON, "-c", "import torch, numpy"], runs)
    rows.append(("import floor: `python -c \"import torch, numpy\"`", floor))
    runner = timed([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/test_snippets.py"], runs)
    rows.append((f"verify all {len(snippets)} snippets: project runner (`pytest tests/test_snippets.py`)",
                 runner))
    naive = naive_verify(runs)
    rows.append((f"verify all {len(snippets)} snippets: naive runner (`python file.py` each)", naive))
    work = own_work(runs)
    rows.append((f"the {len(snippets)} snippets' own work: one forked run each, one at a time (sum)",
                 work))
    one = "projection_lab_numpy"
    single = timed([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    "tests/test_snippets.py", "-k", one], runs)
    rows.append((f"one snippet: `pytest tests/test_snippets.py -k {one}`", single))
    single_all = timed([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", one], runs)
    rows.append((f"one snippet, whole suite collected: `pytest -k {one}`", single_all))

    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    mkdocs = [PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    build = timed(mkdocs, runs)
    rows.append(("`mkdocs build --strict` (online, notebook conversions not cached)", build))
    warm_env = {k: v for k, v in ENV.items() if k != "NOTEBOOK_CACHE"}
    timed(mkdocs, 1, warm_env)   # fills mkdocs-jupyter's cache
    build_warm = timed(mkdocs, runs, warm_env)
    rows.append(("`mkdocs build --strict` (online) as an author rebuilds, mkdocs-jupyter's cache warm",
                 build_warm))
    rows.append(("offline build (`OFFLINE=true mkdocs build --strict`)",
                 timed(mkdocs, runs, {**ENV, "OFFLINE": "true"})))

    def cold():
        shutil.rmtree(ROOT / ".cache" / "mkdocs-jupyter", ignore_errors=True)

    rows.append(("build with notebooks executed, cold (`EXECUTE_NOTEBOOKS=true`, no cache)",
                 timed(mkdocs, runs, {**ENV, "EXECUTE_NOTEBOOKS": "true"}, setup=cold)))
    lesson = timed(["bash", "scripts/test", "-q", "-p", "no:cacheprovider", "--lesson",
                    args.lesson], runs, {**os.environ, "CI": "true"})
    rows.append((f"one lesson's checks (`CI=true bash scripts/test --lesson {args.lesson}`: "
                 "notebook conversions not cached)", lesson))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NOTEBOOK_CACHE")}
    lesson_warm = timed(["bash", "scripts/test", "-q", "-p", "no:cacheprovider", "--lesson",
                         args.lesson], runs, env)
    rows.append((f"one lesson's checks as an author reruns them (`bash scripts/test --lesson "
                 f"{args.lesson}`, mkdocs-jupyter's cache warm)", lesson_warm))
    suite = None
    if not args.quick:
        suite = timed(["bash", "scripts/test", "-q", "-p", "no:cacheprovider"], runs,
                      {**os.environ, "CI": "true"})
        rows.append(("whole README test command (`bash scripts/test`)", suite))

    print("| what | median | min | max |\n| --- | ---: | ---: | ---: |")
    for label, times in rows:
        median, low, high = stats(times)
        print(f"| {label} | {median:.2f} s | {low:.2f} s | {high:.2f} s |")

    floor_m, runner_m, naive_m = stats(floor)[0], stats(runner)[0], stats(naive)[0]
    single_m, single_all_m = stats(single)[0], stats(single_all)[0]
    print("\n| goal | measured | met |\n| --- | ---: | :---: |")
    goals = [
        ("project runner at least 5x faster than the naive runner", naive_m / runner_m, ">=", 5),
        ("project runner at most 2x the import floor", runner_m / floor_m, "<=", 2),
        ("one snippet alone at most 2x the import floor", single_m / floor_m, "<=", 2),
        ("one snippet, whole suite collected, at most 2x the import floor",
         single_all_m / floor_m, "<=", 2),
    ]
    cores = os.cpu_count() or 1
    goals.append((f"project runner at most 2x its floor (2 runs x own work / {cores} cores; "
                  "added here: the floor above ignores the snippets' own work)",
                  runner_m / (2 * stats(work)[0] / cores), "<=", 2))
    for label, ratio, op, bound in goals:
        met = ratio >= bound if op == ">=" else ratio <= bound
        print(f"| {label} | {ratio:.2f}x | {'yes' if met else 'NO'} |")
    seconds = [("`mkdocs build --strict` at most 3 s (no cache)", stats(build)[0], 3),
               ("`mkdocs build --strict` at most 3 s (cache warm)", stats(build_warm)[0], 3),
               (f"one lesson's checks at most 20 s ({args.lesson}, CI=true)", stats(lesson)[0], 20),
               (f"one lesson's checks at most 20 s ({args.lesson}, cache warm)",
                stats(lesson_warm)[0], 20)]
    if suite:
        seconds.append(("whole README test command at most 90 s", stats(suite)[0], 90))
    for label, value, bound in seconds:
        print(f"| {label} | {value:.1f} s | {'yes' if value <= bound else 'NO'} |")
    print_training(training_times(runs))

    offline = Path(tempfile.mkdtemp(prefix="bench-offline-"))
    subprocess.run(mkdocs[:-1] + [str(offline)], cwd=ROOT, env={**ENV, "OFFLINE": "true"},
                   check=True, capture_output=True)
    weights = page_weights(offline)
    print("\n| page (offline build) | HTML | everything else it loads | files | total |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, html, other, count in sorted(weights, key=lambda r: -(r[1] + r[2])):
        print(f"| {name} | {kb(html)} | {kb(other)} | {count} | {kb(html + other)} |")
    from verified_lessons.notebooks import FOLDER

    for kind, budget in PAGE_BUDGETS.items():
        pages = [r for r in weights if r[0].startswith(f"{FOLDER}/") == (kind == "notebook")]
        largest = max(pages, key=lambda r: r[1] + r[2])
        over = sum(r[1] + r[2] > budget for r in pages)
        print(f"\nlargest {kind} page: {largest[0]}, {kb(largest[1] + largest[2])}; "
              f"{over} of {len(pages)} {kind} pages over the {budget // 1024} KB budget")
    total = sum(p.stat().st_size for p in offline.rglob("*") if p.is_file())
    print(f"offline site: {kb(total)} in {sum(1 for p in offline.rglob('*') if p.is_file())} files")
    if args.lighthouse != "none":
        lighthouse_table(site, names=None if args.lighthouse == "all" else
                         ["index", "scaled_dot_product", "causal_masks", "trained_attention",
                          "notebooks/causal_masks", "notebooks/exercises"])
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(offline, ignore_errors=True)


LIGHTHOUSE_GOALS = {"lesson": 95, "notebook": 90}   # mobile performance; the rest: 100


def lighthouse_table(site: Path, names: list[str] | None) -> None:
    """Lighthouse 12 (mobile, its default simulated throttling) on each page of the online
    build, served by verified_lessons.browser.StaticServer with gzip as GitHub Pages serves."""
    import json

    from verified_lessons.browser import CHROMIUM_FLAGS, StaticServer
    from verified_lessons.notebooks import FOLDER

    names = site_pages() if names is None else names
    npx = shutil.which("npx")
    if npx is None:
        print("\nLighthouse: not measured (no npx on this machine)")
        return
    print("\nLighthouse 12, mobile (`npx lighthouse@12`, chromium, pages served with gzip by "
          "verified_lessons.browser.StaticServer):\n")
    print("| page | performance | goal | accessibility | best practices | SEO | FCP | LCP | TBT |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    report = Path(tempfile.mkdtemp(prefix="bench-lh-")) / "report.json"
    with StaticServer(site, compress=True) as server:
        for name in names:
            url = server.url + ("" if name == "index" else f"{name}/")
            done = subprocess.run(
                [npx, "-y", "lighthouse@12", url, "--output=json", f"--output-path={report}",
                 "--quiet", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
                 "--only-categories=performance,accessibility,best-practices,seo"],
                env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True,
                text=True)
            if done.returncode != 0:
                print(f"| {name} | failed: {done.stderr.strip().splitlines()[-1:]} |")
                continue
            result = json.loads(report.read_text())
            score = {k: round(v["score"] * 100) for k, v in result["categories"].items()}
            audits = result["audits"]
            goal = LIGHTHOUSE_GOALS["notebook" if name.startswith(f"{FOLDER}/") else "lesson"]
            met = "" if score["performance"] >= goal else " (NO)"
            print(f"| {name} | {score['performance']}{met} | {goal} | {score['accessibility']} | "
                  f"{score['best-practices']} | {score['seo']} | "
                  + " | ".join(audits[a]["displayValue"] for a in
                               ("first-contentful-paint", "largest-contentful-paint",
                                "total-blocking-time")) + " |")


if __name__ == "__main__":
    main()
