// Math on notebook pages: their markdown cells keep TeX ($...$), which the vendored KaTeX
// renders in the browser. Lesson pages need none of this: their math is rendered by KaTeX at
// build time (verified_lessons/katex.py), so its 270 KB of JavaScript is only loaded where it is used.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/javascripts\/katex\.js.*$/, "assets/vendor/katex/");

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (key) { element[key] = attributes[key]; });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function render(root) {
    var notebook = root.querySelector(".jupyter-wrapper");
    if (!notebook) return;
    load("script", { src: base + "katex.min.js" })
      .then(function () { return load("script", { src: base + "auto-render.min.js" }); })
      .then(function () {
        renderMathInElement(notebook, {
          delimiters: [
            { left: "$$", right: "$$", display: true },
            { left: "$", right: "$", display: false },
          ],
          throwOnError: false,
        });
        notebook.setAttribute("data-math-rendered", "");
      });
  }

  if (typeof document$ !== "undefined") document$.subscribe(function (d) { render(d.body); });
  else document.addEventListener("DOMContentLoaded", function () { render(document.body); });
})();
