"""The attention playground (docs/javascripts/playground.js), driven in chromium, against NumPy.

Values are read back from the page's DOM: the shown text (3 decimals) and each cell's
data-value (full precision), and compared with NumPy's own computation of the same input.
Each preset must be the input of the lab it is named after, read from that lab's recorded
output; colours must darken with the weight; every failure says what differed.
"""

from __future__ import annotations

import numpy as np
import pytest

from verified_lessons.browser import VIEWPORTS, open_page
from verified_lessons.layout import LAYOUT
from verified_lessons.outputs import Address, resolve

pytestmark = [pytest.mark.browser, pytest.mark.lesson("scaled_dot_product")]


def numpy_attention(X: np.ndarray, causal: bool, scale: bool):
    scores = X @ X.T / (np.sqrt(X.shape[1]) if scale else 1.0)
    if causal:
        scores = np.where(np.tril(np.ones(scores.shape, dtype=bool)), scores, -np.inf)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return weights, weights @ X


@pytest.fixture(scope="module")
def playground(browser, page_url):
    visit, context, page = open_page(browser, page_url("offline", "scaled_dot_product"))
    page.locator("[data-attention-playground] .pg-results table").first.wait_for()
    yield page
    context.close()
    assert not visit.console_errors and not visit.outside_requests, visit


def set_input(page, text: str, causal: bool = False, scale: bool = True) -> None:
    page.locator(".pg-mask").set_checked(causal)
    page.locator(".pg-scale").set_checked(scale)
    page.locator(".pg-x").fill(text)


def read(page, name: str, attribute: str = "data-value") -> list[list[str]]:
    return page.evaluate(
        """([name, attribute]) => [...document.querySelectorAll(
              `[data-attention-playground] table[data-matrix="${name}"] tbody tr`)]
            .map(tr => [...tr.querySelectorAll('td')].map(td =>
              attribute === 'text' ? td.textContent : td.getAttribute(attribute)))""",
        [name, attribute],
    )


def test_lab1_preset_shows_the_lab_weights(playground):
    playground.locator(".pg-mask").set_checked(False)
    playground.locator(".pg-scale").set_checked(True)
    playground.get_by_role("button", name="Lab 1").click()
    path = LAYOUT.snippets / "scaled_dot_product/self_attention_by_hand_numpy.out"
    printed = resolve(path.read_text(), Address.parse("weights"), LAYOUT.rel(path))
    shown = read(playground, "weights", "text")
    assert np.array_equal(np.array(shown, dtype=float), np.array(printed, dtype=float)), (
        f"the Lab 1 preset shows weights {shown}, the lab prints {printed}")


def test_keyboard_and_screen_reader_labels(playground):
    assert playground.get_by_label("X: one token per line", exact=False).count() == 1
    assert playground.get_by_label("causal mask", exact=False).count() == 1
    playground.locator(".pg-x").focus()
    playground.keyboard.press("Tab")   # from the field, the keyboard reaches the options
    assert playground.evaluate("document.activeElement.classList.contains('pg-mask')")


@pytest.mark.parametrize("scale", [True, False], ids=["scaled", "unscaled"])
@pytest.mark.parametrize("causal", [False, True], ids=["no-mask", "causal"])
def test_twenty_random_inputs_match_numpy(playground, causal, scale):
    rng = np.random.default_rng(20261123)
    for case in range(20):
        n, d = rng.integers(1, 9), rng.integers(1, 9)
        X = np.round(rng.normal(scale=2.0, size=(n, d)), 3)
        set_input(playground, "\n".join(" ".join(repr(float(v)) for v in row) for row in X),
                  causal, scale)
        weights, output = numpy_attention(X, causal, scale)
        shown_w = np.array(read(playground, "weights"), dtype=float)
        shown_o = np.array(read(playground, "output"), dtype=float)
        assert shown_w.shape == weights.shape, f"case {case}: X={X.tolist()}"
        np.testing.assert_allclose(shown_w, weights, atol=1e-6, err_msg=f"case {case}: X={X.tolist()}")
        np.testing.assert_allclose(shown_o, output, atol=1e-6, err_msg=f"case {case}: X={X.tolist()}")
        shown_text = np.array(read(playground, "weights", "text"), dtype=float)
        np.testing.assert_allclose(shown_text, np.round(weights, 3), atol=1e-9)


@pytest.mark.parametrize("text, message", [
    ("", "Enter at least one token"),
    ("1 2\n3 x", "Line 2 (token 1), number 2: \u201cx\u201d is not a number."),
    ("1, ,2\n3, 4, 5", "Line 1 (token 0), number 2 is empty"),
    ("1 2\n3", "Line 2 (token 1) has 1 value but line 1 (token 0) has 2"),
    ("\n".join(["1 0"] * 9), "Too many tokens: 9 lines, at most 8."),
    ("1e999 1", "is too large"),
])
def test_bad_input_shows_a_message_and_keeps_the_last_result(playground, text, message):
    set_input(playground, "1 0\n0 1\n1 1")
    before = playground.locator(".pg-results").inner_text()
    playground.locator(".pg-x").fill(text)
    error = playground.locator(".pg-error").inner_text()
    assert message in error, f"for input {text!r} the playground says {error!r}, not {message!r}"
    invalid = playground.locator(".pg-x").get_attribute("aria-invalid")
    assert invalid == "true", f"for input {text!r} the field is not marked invalid ({invalid!r})"
    after = playground.locator(".pg-results").inner_text()
    assert after == before, f"bad input {text!r} changed the tables:\n{before}\n->\n{after}"
    assert "NaN" not in after and after.strip(), f"the tables show {after!r}"


def test_huge_scores_stay_finite(playground):
    set_input(playground, "1000 0\n0 1000\n1000 1000", causal=False, scale=False)
    weights = np.array(read(playground, "weights"), dtype=float)
    assert np.all(np.isfinite(weights)), f"weights are not all finite: {weights.tolist()}"
    assert np.allclose(weights.sum(axis=1), 1.0), f"row sums {weights.sum(axis=1).tolist()}"
    expected, _ = numpy_attention(np.array([[1000.0, 0], [0, 1000], [1000, 1000]]), False, False)
    np.testing.assert_allclose(weights, expected, atol=1e-12)
    assert playground.locator(".pg-error").inner_text() == ""


def test_values_that_overflow_give_an_error_never_nan(playground):
    set_input(playground, "1 0\n0 1")
    before = playground.locator(".pg-results").inner_text()
    playground.locator(".pg-x").fill("1e200 1\n1 1e200")
    error = playground.locator(".pg-error").inner_text()
    assert "too large" in error, f"no clear error for 1e200: {error!r}"
    shown = playground.locator(".pg-results").inner_text()
    assert shown == before and "NaN" not in shown, f"the tables changed or show NaN: {shown!r}"


def test_a_focused_checkbox_shows_a_focus_ring(playground):
    """Reached with the keyboard (Tab from the tokens' field), as a keyboard reader would."""
    playground.locator(".pg-x").focus()
    for _ in range(10):
        playground.keyboard.press("Tab")
        if playground.evaluate("document.activeElement.classList.contains('pg-mask')"):
            break
    box = playground.locator(".pg-mask")
    assert box.evaluate("b => b === document.activeElement"), "Tab never reached the checkbox"
    style = box.evaluate("b => [getComputedStyle(b).outlineStyle, getComputedStyle(b).outlineWidth]")
    assert style[0] != "none" and style[1] != "0px", f"no focus ring: {style}"


def test_a_typographic_minus_reads_as_minus(playground):
    """The pages print negative numbers with U+2212; pasted back, they are numbers."""
    set_input(playground, "\u22121 0\n0 1", causal=False, scale=False)
    assert playground.locator(".pg-error").inner_text() == ""
    expected, _ = numpy_attention(np.array([[-1.0, 0], [0, 1]]), False, False)
    np.testing.assert_allclose(np.array(read(playground, "weights"), dtype=float), expected,
                               atol=1e-12)


def test_large_values_are_shown_in_scientific_notation(playground):
    set_input(playground, "1e100 0\n0 1", causal=False, scale=False)
    shown = [cell for row in read(playground, "scores", "text") for cell in row]
    assert "1.000e+200" in shown, shown
    assert all(len(cell) <= 10 for cell in shown), f"a cell prints every digit: {shown}"


@pytest.mark.parametrize("scale, caption", [(True, "Scaled scores"), (False, "Raw scores")])
def test_scores_say_whether_they_are_scaled(playground, scale, caption):
    set_input(playground, "1 0\n0 1", scale=scale)
    shown = playground.locator('table[data-matrix="scores"] caption').inner_text()
    assert shown.startswith(caption), f"scores table captioned {shown!r}, expected {caption!r}"


def test_masked_cells_are_marked(playground):
    set_input(playground, "1 0\n0 1\n1 1", causal=True)
    marked = playground.evaluate("""() => [...document.querySelectorAll(
        '[data-attention-playground] table[data-matrix="weights"] tbody tr')].map(tr =>
        [...tr.querySelectorAll('td')].map(td => td.classList.contains('pg-masked')))""")
    expected = (~np.tril(np.ones((3, 3), dtype=bool))).tolist()
    assert marked == expected, f"masked cells {marked}, expected above the diagonal {expected}"
    scores = read(playground, "scores", "text")
    assert scores[0][1] == "\u2212\u221e", f"a masked score shows {scores[0][1]!r}, not −∞"


# Each preset button, and where its lab prints the tokens it uses.
PRESETS = {
    "Lab 1": ("scaled_dot_product/self_attention_by_hand_numpy.out", "X"),
    "5-token walk-through": ("five_token_walkthrough/attention_weights.out", "X"),
}


@pytest.mark.parametrize("name", PRESETS)
def test_each_preset_is_the_input_of_the_lab_it_names(playground, name):
    out, label = PRESETS[name]
    path = LAYOUT.snippets / out
    lab = np.array(resolve(path.read_text(), Address.parse(label), LAYOUT.rel(path)), dtype=float)
    playground.get_by_role("button", name=name).click()
    shown = np.array([[float(v) for v in line.replace(",", " ").split()]
                      for line in playground.locator(".pg-x").input_value().splitlines()
                      if line.strip()])
    assert shown.shape == lab.shape and np.array_equal(shown, lab), (
        f"preset {name!r} loads {shown.tolist()}, but {LAYOUT.rel(path)} prints X = {lab.tolist()}")


def test_colour_darkens_as_the_weight_grows(playground):
    """Over the whole range of weights, a larger weight never gets a lighter cell."""
    rows = ["1 0 0 0 0 0 0 0", "0 1 0 0 0 0 0 0"] + [f"{v} {v} 0 0 0 0 0 0" for v in (0.5, 1, 2, 3)]
    set_input(playground, "\n".join(rows))
    cells = playground.evaluate("""() => [...document.querySelectorAll(
        '[data-attention-playground] table[data-matrix="weights"] tbody td')].map(td => {
          const [r, g, b] = getComputedStyle(td).backgroundColor.match(/\\d+/g).map(Number);
          return [parseFloat(td.dataset.value), 0.2126 * r + 0.7152 * g + 0.0722 * b];
        })""")
    cells.sort()
    for (w1, l1), (w2, l2) in zip(cells, cells[1:]):
        assert l2 <= l1 + 1e-9, f"weight {w2:.4f} is lighter ({l2:.1f}) than weight {w1:.4f} ({l1:.1f})"


def test_controls_are_comfortable_to_tap(browser, page_url):
    _, context, page = open_page(browser, page_url("offline", "scaled_dot_product"),
                                 **VIEWPORTS["phone"])
    try:
        page.locator("[data-attention-playground] .pg-results table").first.wait_for()
        small = page.evaluate("""() => [...document.querySelectorAll(
            '[data-attention-playground] button, [data-attention-playground] label')]
            .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
            .filter(([_, h]) => h < 44)""")
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    finally:
        context.close()
    assert not small, f"controls shorter than 44 px on a phone: {small}"
    assert not wide, "the playground makes the page scroll sideways on a phone"
