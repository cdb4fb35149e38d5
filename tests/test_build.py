"""The site builds with `mkdocs build --strict`: a warning (a broken link, a missing include,
a page missing from nav) fails the build and so the tests."""

from conftest import mkdocs_build
from lessons import LAYOUT, copy_repo


def test_mkdocs_build_strict_passes(built_site):
    for page in LAYOUT.pages():
        html = built_site / page.relative_to(LAYOUT.docs).with_suffix("") / "index.html"
        if page.stem == "index":
            html = built_site / page.relative_to(LAYOUT.docs).parent / "index.html"
        assert html.is_file(), f"{LAYOUT.rel(page)} was not rendered to {html}"


def test_a_page_including_a_missing_file_fails_the_build(tmp_path):
    copy_repo(tmp_path)
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text() + '\n```python\n--8<-- "nowhere/missing.py"\n```\n')
    done = mkdocs_build(tmp_path / "site", root=tmp_path)
    assert done.returncode != 0
    assert "nowhere/missing.py" in done.stdout, done.stdout


def test_a_formula_katex_cannot_render_fails_the_build_naming_the_page(tmp_path):
    copy_repo(tmp_path)
    page = tmp_path / "docs" / "why_attention.md"
    page.write_text(page.read_text() + "\nA broken formula: $\\frac{1}{$ here.\n")
    done = mkdocs_build(tmp_path / "site", root=tmp_path)
    assert done.returncode != 0
    assert "why_attention.md: KaTeX cannot render a formula" in done.stdout, done.stdout
