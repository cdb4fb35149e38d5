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
