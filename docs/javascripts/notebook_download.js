// The offline build's notebook download link (verified_lessons/site.py adds this script where a
// link has data-notebook-script). From file:// Chromium ignores `download` on a link to a file
// and shows the JSON, and a page cannot read a file: on a click, load the script that hands over
// the notebook's text (notebooks/<lesson>.ipynb.js), then save the text as a file. Served over
// http the plain link downloads the file: nothing to do.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  // file name -> the notebook's text (a promise), once its script was asked for; each script
  // hands over its text under its own name, so two links on a page never mix them up
  const loading = new Map();
  const handOver = new Map();
  window.lessonNotebookLoaded = (name, text) => handOver.get(name)?.(text);

  function notebookText(src, name) {
    if (!loading.has(name)) {
      const text = new Promise((resolve, reject) => {
        handOver.set(name, resolve);
        const script = document.createElement("script");
        script.src = src;
        // onload comes after the script ran: if it handed nothing over, give up
        script.onload = () => reject(new Error(`${src} did not hand over ${name}`));
        script.onerror = () => reject(new Error(`cannot load ${src}`));
        document.head.appendChild(script);
      });
      text.catch(() => loading.delete(name));
      loading.set(name, text);
    }
    return loading.get(name);
  }

  function save(text, name) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/x-ipynb+json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // later, not at once: the download may not have read the Blob yet
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-notebook-script]");
    // a click with a modifier (new tab, new window) keeps its usual meaning
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey ||
        event.altKey) return;
    event.preventDefault();
    notebookText(link.dataset.notebookScript, link.getAttribute("download")).then(
      (text) => save(text, link.getAttribute("download")),
      (error) => {
        console.warn(error.message);
        location.href = link.href;   // the file itself, shown rather than saved
      });
  });
})();
