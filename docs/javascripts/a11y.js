// Accessibility fixes for the theme's markup (found by the axe audit in tests/test_browser.py).
// Material's search overlay has role="dialog" but no accessible name: give it one.
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the lessons");
});

// Notebook pages: code and output areas that scroll sideways must be reachable by keyboard.
document.querySelectorAll(".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .jp-OutputArea-output pre")
  .forEach((area) => {
    if (area.scrollWidth > area.clientWidth && !area.hasAttribute("tabindex")) {
      area.tabIndex = 0;
      area.setAttribute("role", "region");
      area.setAttribute("aria-label", "code (scrolls sideways)");
    }
  });

// A formula bigger than its box scrolls (Material gives display math overflow: auto): make
// that region reachable by keyboard. Checked again once fonts and layout have settled.
function focusableOverflowingMath() {
  document.querySelectorAll("div.arithmatex").forEach((block) => {
    const scrolls = block.scrollWidth > block.clientWidth || block.scrollHeight > block.clientHeight;
    if (scrolls && !block.hasAttribute("tabindex")) {
      block.tabIndex = 0;
      block.setAttribute("role", "region");
      block.setAttribute("aria-label", "formula (scrollable)");
    }
  });
}
focusableOverflowingMath();
window.addEventListener("load", focusableOverflowingMath);
