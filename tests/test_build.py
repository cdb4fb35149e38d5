"""The site builds with `mkdocs build --strict`: a warning (a broken link, a missing include,
a page missing from nav) fails the build and so the tests."""

import pytest

from verified_lessons.build import mkdocs_build
from verified_lessons.layout import LAYOUT, copy_repo


def test_mkdocs_build_strict_passes(built_site):
    for page in LAYOUT.pages():
        html = built_site / page.relative_to(LAYOUT.docs).with_suffix("") / "index.html"
        if page.stem == "index":
            html = built_site / page.relative_to(LAYOUT.docs).parent / "index.html"
        assert html.is_file(), f"{LAYOUT.rel(page)} was not rendered to {html}"


# (page, text appended to it, what the failed build must say)
BROKEN_PAGES = {
    "missing include": ("index.md", '\n```python\n--8<-- "nowhere/missing.py"\n```\n',
                        "nowhere/missing.py"),
    "formula KaTeX cannot render": ("why_attention.md", "\nA broken formula: $\\frac{1}{$ here.\n",
                                    "why_attention.md: KaTeX cannot render a formula"),
    "misquoted bound number": ("why_attention.md", "\nThe answer was {{ 19.357 = answer }}.\n",
                               "docs/why_attention.md:{line}: the text says 19.357 but "
                               "snippets/why_attention/soft_lookup.out at \"answer\" prints 19.358"),
}


@pytest.mark.parametrize("defect", BROKEN_PAGES)
def test_a_broken_page_fails_the_build_naming_what_is_wrong(defect, tmp_path):
    name, appended, message = BROKEN_PAGES[defect]
    copy_repo(tmp_path)
    page = tmp_path / "docs" / name
    text = page.read_text() + appended
    page.write_text(text)
    done = mkdocs_build(tmp_path / "site", root=tmp_path)
    assert done.returncode != 0
    assert message.format(line=text.count("\n")) in done.stdout, done.stdout
