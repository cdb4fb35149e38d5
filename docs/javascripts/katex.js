// Render the TeX that pymdownx.arithmatex (generic mode) leaves in the page, with the
// vendored KaTeX. Material's document$ re-runs this after instant navigation too.
function renderMath(root) {
  renderMathInElement(root, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
    ],
    throwOnError: false,
  });
  // A formula wider than the screen scrolls sideways: make that region reachable by keyboard.
  root.querySelectorAll("div.arithmatex").forEach((block) => {
    if (block.scrollWidth > block.clientWidth) {
      block.tabIndex = 0;
      block.setAttribute("role", "region");
      block.setAttribute("aria-label", "formula (scrolls sideways)");
    }
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(({ body }) => renderMath(body));
} else {
  document.addEventListener("DOMContentLoaded", () => renderMath(document.body));
}
