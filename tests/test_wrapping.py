"""Numbers and names are marked up to stay whole (verified_lessons/wrapping.py), and nothing else
is touched: code blocks, math, links, scripts and the text itself. The browser tests measure the
result on every built page (tests/test_browser.py)."""

from __future__ import annotations

import pytest

from verified_lessons.wrapping import keep_whole, text_of

NOWRAP = '<span class="nowrap">{}</span>'

CASES = {
    "a number with an exponent": (
        "<p>differs by 2.2e-16, rounding</p>",
        f"<p>differs by {NOWRAP.format('2.2e-16')}, rounding</p>"),
    "a negative one with a typographic minus": (
        "<li>\u22121.5e+10</li>", f"<li>{NOWRAP.format(chr(0x2212) + '1.5e+10')}</li>"),
    "a name numbered after a hyphen": (
        "<p>FlashAttention-2 keeps</p>", f"<p>{NOWRAP.format('FlashAttention-2')} keeps</p>"),
    "an abbreviation numbered after a hyphen": (
        '<li><abbr title="x">GPT</abbr>-2 used</li>',
        "<li>" + NOWRAP.format('<abbr title="x">GPT</abbr>-2') + " used</li>"),
    "plain numbers and words need nothing": (
        "<p>0.248 and 1 - 2, well-known</p>", "<p>0.248 and 1 - 2, well-known</p>"),
    "a dotted name breaks after its dots only": (
        "<p><code>torch.nn.functional</code></p>",
        "<p><code>" + "<wbr>".join(NOWRAP.format(p) for p in ("torch.", "nn.", "functional"))
        + "</code></p>"),
    "a path after its slashes, a call never inside": (
        "<td><code>snippets/a_b.py f(X)[order]</code></td>",
        "<td><code>" + NOWRAP.format("snippets/") + "<wbr>" + NOWRAP.format("a_b.py") + " "
        + NOWRAP.format("f(X)[order]") + "</code></td>"),
    "code blocks, links, math and scripts are left alone": (
        '<pre><code>x = 2.2e-16 # torch.nn</code></pre><a href="x">1e-9 a.b</a>'
        '<span class="arithmatex">\\(1e-9\\)</span><span class="katex"><span>2e-3</span>'
        "</span><script>var a = 1e-9;</script>",
        '<pre><code>x = 2.2e-16 # torch.nn</code></pre><a href="x">1e-9 a.b</a>'
        '<span class="arithmatex">\\(1e-9\\)</span><span class="katex"><span>2e-3</span>'
        "</span><script>var a = 1e-9;</script>"),
    "after math ends, the text is marked up again": (
        '<span class="katex"><span>x</span></span> then 3e-5',
        f'<span class="katex"><span>x</span></span> then {NOWRAP.format("3e-5")}'),
}


@pytest.mark.parametrize("case", CASES)
def test_numbers_and_names_are_kept_whole_and_nothing_else_changes(case):
    given, expected = CASES[case]
    assert keep_whole(given) == expected
    assert text_of(keep_whole(given)) == text_of(given)
