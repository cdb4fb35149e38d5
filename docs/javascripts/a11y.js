// Accessibility fixes for the theme's markup (found by the axe audit in tests/test_browser.py).
// Material's search overlay has role="dialog" but no accessible name: give it one.
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the lessons");
});
