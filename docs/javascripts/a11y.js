// Accessibility fixes for the theme's markup (found by the axe audits in tests/test_browser.py).
(function () {
  "use strict";

  // Material's search overlay has role="dialog" but no accessible name: give it one.
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach((dialog) => {
      dialog.setAttribute("aria-label", "Search the lessons");
    });
  }

  // Anything that scrolls sideways (a formula, a code block, a table, the playground's
  // results, a notebook cell) must be reachable by keyboard and have a name a screen reader can
  // announce: tabindex=0, role=region, and a label unique on the page (two regions with one
  // name break axe's landmark-unique). Material only does this for code, and only without a
  // touch screen. Run again whenever the layout may have changed.
  function regionName(el) {
    if (el.matches("div.arithmatex")) return "formula";
    const title = el.closest(".highlight")?.querySelector(".filename");
    if (title) return title.textContent.trim();
    if (el.matches("pre > code, pre, .highlight-ipynb")) return "code";
    if (el.matches(".jp-OutputArea, .jp-OutputArea-output")) return "output";
    if (el.matches("table, .md-typeset__scrollwrap, .md-typeset__table")) return "table";
    if (el.dataset.name) return el.dataset.name;
    return "content";
  }

  // Only elements that can be wider than the column: a formula, code, a table or its wrapper,
  // the playground's result boxes, a notebook cell. (Scanning every element of a page full of
  // math would cost the reader hundreds of milliseconds on a phone.)
  const CANDIDATES = "div.arithmatex, pre, pre > code, table, .md-typeset__scrollwrap, " +
    ".md-typeset__table, .pg-scroll, .highlight-ipynb, .jp-OutputArea, .jp-OutputArea-output";

  function markScrollRegions() {
    const used = new Map();
    document.querySelectorAll(`.md-content :is(${CANDIDATES})`).forEach((el) => {
      const overflow = getComputedStyle(el).overflowX;
      const scrolls = (overflow === "auto" || overflow === "scroll") &&
        el.scrollWidth > el.clientWidth + 1;
      if (!scrolls) {
        if (el.hasAttribute("data-scroll-region")) {
          ["data-scroll-region", "role", "aria-label", "tabindex"].forEach((a) => el.removeAttribute(a));
        }
        return;
      }
      if (el.hasAttribute("tabindex") && !el.hasAttribute("data-scroll-region") &&
          el.getAttribute("aria-label")) return;   // already reachable and named
      let label = `${regionName(el)} (scrolls sideways)`;
      const count = (used.get(label) || 0) + 1;
      used.set(label, count);
      if (count > 1) label = `${regionName(el)}, part ${count} (scrolls sideways)`;
      el.setAttribute("data-scroll-region", "");
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
    });
  }

  // Material wraps each code block's copy button in an unnamed <nav>: a page with many code
  // blocks then has many identical navigation landmarks (axe landmark-unique). Each gets a
  // name that says which block it acts on.
  function nameCodeActions() {
    const used = new Map();
    document.querySelectorAll("nav.md-code__nav").forEach((nav) => {
      const title = nav.closest(".highlight")?.querySelector(".filename")?.textContent.trim();
      let label = `Code actions: ${title || "code block"}`;
      const count = (used.get(label) || 0) + 1;
      used.set(label, count);
      nav.setAttribute("aria-label", count > 1 ? `${label}, part ${count}` : label);
    });
  }

  function run() {
    nameSearchDialog();
    nameCodeActions();
    markScrollRegions();
  }
  // once the page has its fonts and layout; again when the width changes or the playground
  // redraws its tables
  let pending = 0;
  const later = () => { cancelAnimationFrame(pending); pending = requestAnimationFrame(markScrollRegions); };
  if (document.readyState === "complete") run();
  else window.addEventListener("load", run);
  window.addEventListener("resize", later);
  document.addEventListener("attention-playground:updated", later);
})();
