"""The site builds with `mkdocs build --strict`: a warning (a broken link, a missing include,
a page missing from nav) fails the build and so the tests."""

import re

import pytest

from verified_lessons.build import mkdocs_build
from verified_lessons.layout import LAYOUT, copy_repo
from verified_lessons.linkcheck import typed_by_hand


def test_mkdocs_build_strict_passes(built_site):
    for page in LAYOUT.pages():
        html = built_site / page.relative_to(LAYOUT.docs).with_suffix("") / "index.html"
        if page.stem == "index":
            html = built_site / page.relative_to(LAYOUT.docs).parent / "index.html"
        assert html.is_file(), f"{LAYOUT.rel(page)} was not rendered to {html}"


def test_every_display_formula_is_rendered_as_display_math(built_site):
    """A `$$ ... $$` block stands on its own line: KaTeX's display mode, not inline math."""
    from verified_lessons.crosschecks import display_math_problems

    problems = []
    for page in LAYOUT.pages():
        folder = built_site if page.stem == "index" else built_site / page.stem
        html = (folder / "index.html").read_text(encoding="utf-8")
        problems += display_math_problems(LAYOUT.page_id(page),
                                          page.read_text(encoding="utf-8"), html)
    assert not problems, "\n".join(problems)


# (page, text appended to it, what the failed build must say)
BROKEN_PAGES = {
    "missing include": ("index.md", '\n```python\n--8<-- "nowhere/missing.py"\n```\n',
                        "nowhere/missing.py"),
    "formula KaTeX cannot render": ("why_attention.md", "\nA broken formula: $\\frac{1}{$ here.\n",
                                    "why_attention.md: KaTeX cannot render a formula"),
    "misquoted bound number": ("why_attention.md", "\nThe answer was {{ 19.357 = answer }}.\n",
                               "docs/why_attention.md:{line}: the text says 19.357 but "
                               "snippets/why_attention/soft_lookup.out at \"answer\" prints 19.358"),
    "a bound word no output prints": ("why_attention.md", "\nThe answer is {{ small = answer }}.\n",
                                      "docs/why_attention.md:{line}: the text says \"small\" but "
                                      "snippets/why_attention/soft_lookup.out prints \"19.358\" "
                                      "after \"answer\""),
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


def test_no_page_shows_code_typed_by_hand_or_loads_from_another_host(built_site):
    problems = typed_by_hand(built_site, LAYOUT.snippets)
    assert not problems, "\n".join(problems)


def test_hand_typed_output_and_an_outside_stylesheet_are_caught(tmp_path):
    """A wrong output pasted as an indented block, a fenced block typed into a page, and a
    preconnect to a CDN: each is named."""
    copy = copy_repo(tmp_path)
    page = copy.docs / "weighted_values.md"
    page.write_text(page.read_text() + "\nThe output is:\n\n    [[2.2 3.2]\n     [3.0 4.0]]\n\n"
                    "```text\n[[2.2 3.2]]\n```\n\n"
                    '<link rel="preconnect" href="https://fonts.example.com">\n')
    done = mkdocs_build(tmp_path / "site", root=tmp_path)
    assert done.returncode == 0, done.stdout
    problems = "\n".join(typed_by_hand(tmp_path / "site", copy.snippets))
    assert problems.count("weighted_values/index.html: a code block that no snippet include "
                          "produced") == 2, problems
    assert ('weighted_values/index.html: <link href="https://fonts.example.com"> loads from '
            "another host") in problems, problems


@pytest.mark.parametrize("edit", [0, 1, 2])
def test_a_changed_material_bundle_is_an_error_naming_the_passage(edit, built_site, tmp_path):
    """The search index and worker wait for search to open through three edits of Material's
    bundle (verified_lessons/search_on_demand.py; on_post_build turns the error into a failed
    build). The built bundle carries all three; a bundle without the passage one of them
    replaces (a new Material version) is an error that names the passage."""
    from verified_lessons.search_on_demand import EDITS, BundleChanged, defer_search_index

    built = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text()
    for old, new in EDITS:
        assert new in built and old not in built, f"the built bundle lacks the edit to {old!r}"
    bundle = tmp_path / "assets" / "javascripts" / "bundle.0.min.js"
    bundle.parent.mkdir(parents=True)
    old, new = EDITS[edit]
    bundle.write_text(built.replace(new, "somethingElse()"))
    with pytest.raises(BundleChanged, match=rf"the passage {re.escape(repr(old))} occurs 0 times"):
        defer_search_index(tmp_path)


# (selector, the names it needs somewhere on the page to match anything)
SELECTOR_NEEDS = [
    (".md-nav__link:not(.md-nav__container) > code", {"md-nav__link"}),
    (".md-typeset :is(.admonition, details) p", {"md-typeset"}),
    ("[data-md-color-scheme=slate] .md-header", {"slate", "md-header"}),
    ('[dir="rtl"] #__drawer::before', {"rtl", "__drawer"}),
    ('a[href^="http"], img[src$=".svg"]', set()),   # parts of a value: nothing certain
    (".md-typeset pre > code:hover", {"md-typeset"}),
]


@pytest.mark.parametrize("selector, needs", SELECTOR_NEEDS)
def test_a_selector_needs_the_names_outside_its_negations_and_alternatives(selector, needs):
    from verified_lessons.stylesheets import requirements

    assert requirements(selector) == needs


def test_purge_keeps_what_can_match_and_drops_what_cannot():
    """Written by hand: each kept or dropped rule follows from the names given."""
    from verified_lessons.stylesheets import Names, prune_variables, purge_css

    css = (":root{--used:red;--unused:blue;--chained:var(--used)}"
           ".a,.gone{color:var(--chained)}"
           ".a:not(.gone){margin:0}"
           ".gone .a{padding:0}"
           "[data-x=on] .a{border:0}"
           "[data-x=off] .a{border:1px}"
           "@media screen{.gone{color:red}}"
           "@media print{.a{color:black}}"
           ".md-tag--python{color:green}")
    used = Names({"a", "on"}, prefixes={"md-tag--"})
    slim = prune_variables(purge_css(css, used))
    assert slim == (":root{--used:red;--chained:var(--used)}"
                    ".a{color:var(--chained)}"
                    ".a:not(.gone){margin:0}"
                    "[data-x=on] .a{border:0}"
                    "@media print{.a{color:black}}"
                    ".md-tag--python{color:green}")
    # a variable another stylesheet reads stays
    assert "--unused:blue" in prune_variables(purge_css(css, used), frozenset({"--unused"}))
    # a comma inside a quoted value does not split the selector list
    assert purge_css('[title=","] .gone, .a{color:red}', used) == ".a{color:red}"
    # a fragment of a page (a notebook's cells) cannot see <body>'s colour scheme attribute
    assert purge_css("[data-x=dark] .a{color:white}", {"a"}, values=False) == \
        "[data-x=dark] .a{color:white}"
    # a rule nested two at-rules deep survives the variable pruning
    assert prune_variables("@supports (x:y){@media screen{.a{color:red}}}") == \
        "@supports (x:y){@media screen{.a{color:red}}}"


def test_the_built_theme_stylesheets_are_purged_and_the_site_ones_minified(built_site):
    """The build slims Material's and KaTeX's stylesheets (verified_lessons/stylesheets.py):
    each keeps the rules the site needs (spot checks: the header, the dark scheme, KaTeX's
    fractions) and loses a feature the site does not use (blog posts, the pink palette);
    tests/test_browser.py checks on every page that the page lacks some name of every
    dropped selector."""
    from verified_lessons.stylesheets import original

    for pattern, kept, dropped in [
            ("assets/stylesheets/main.*.min.css", ".md-header{", ".md-post__"),
            ("assets/stylesheets/palette.*.min.css", "[data-md-color-scheme=slate]",
             "[data-md-color-primary=pink]"),
            ("assets/vendor/katex/katex.min.css", ".katex .mfrac", ".katex .fbox")]:
        [built] = built_site.glob(pattern)
        full = original(built_site, built, LAYOUT.docs).read_text()
        slim = built.read_text()
        assert kept in full and kept in slim, (pattern, kept)
        assert dropped in full and dropped not in slim, (pattern, dropped)
        assert len(slim) < 0.8 * len(full), (pattern, len(slim), len(full))
    extra = (built_site / "stylesheets" / "extra.css").read_text()
    assert "/*" not in extra and "--md-code-hl-number-color:#b52a2a" in extra
    # a notebook page keeps JupyterLab's dark colours, chosen by an attribute outside its cells
    notebook = (built_site / "notebooks" / "causal_masks" / "index.html").read_text()
    assert "[data-md-color-scheme=slate] .jupyter-wrapper{" in notebook


def test_a_rebuild_over_a_purged_site_purges_from_the_theme_again(built_site, tmp_path):
    """mkdocs build --dirty keeps the site's purged copies: purging again starts from the
    theme's own stylesheets, so a rule that a new page needs comes back."""
    import shutil

    from verified_lessons.stylesheets import purge_site

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    [main] = site.glob("assets/stylesheets/main.*.min.css")
    assert ".md-banner{" not in main.read_text()
    (site / "new.html").write_text('<div class="md-banner">news</div>')
    purge_site(site, LAYOUT.docs)
    assert ".md-banner{" in main.read_text()
