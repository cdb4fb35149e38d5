"""The attention playground (docs/javascripts/playground.js), driven in chromium, against NumPy.

Values are read back from the page's DOM: the shown text (3 decimals) and each cell's
data-value (full precision), and compared with NumPy's own computation of the same input.
"""

from __future__ import annotations

import numpy as np
import pytest

from verified_lessons.browser import open_page

pytestmark = pytest.mark.browser


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
    assert read(playground, "weights", "text")[0] == ["0.401", "0.198", "0.401"]


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
    ("1 2\n3 x", "Row 2, value 2: \u201cx\u201d is not a number."),
    ("1, ,2\n3, 4, 5", "Row 1, value 2 is empty"),
    ("1 2\n3", "Row 2 has 1 values but row 1 has 2"),
    ("\n".join(["1 0"] * 9), "Too many tokens: 9 lines, at most 8."),
    ("1e999 1", "is too large"),
])
def test_bad_input_shows_a_message_and_keeps_the_last_result(playground, text, message):
    set_input(playground, "1 0\n0 1\n1 1")
    before = playground.locator(".pg-results").inner_text()
    playground.locator(".pg-x").fill(text)
    assert message in playground.locator(".pg-error").inner_text()
    assert playground.locator(".pg-x").get_attribute("aria-invalid") == "true"
    after = playground.locator(".pg-results").inner_text()
    assert after == before and "NaN" not in after and after.strip()


def test_huge_scores_stay_finite(playground):
    set_input(playground, "1000 0\n0 1000\n1000 1000", causal=False, scale=False)
    weights = np.array(read(playground, "weights"), dtype=float)
    assert np.all(np.isfinite(weights)) and np.allclose(weights.sum(axis=1), 1.0)
    expected, _ = numpy_attention(np.array([[1000.0, 0], [0, 1000], [1000, 1000]]), False, False)
    np.testing.assert_allclose(weights, expected, atol=1e-12)
    assert playground.locator(".pg-error").inner_text() == ""
