"""Finish the notebook pages that mkdocs-jupyter renders, as lesson pages are finished.

mkdocs-jupyter (nbconvert's JupyterLab template) gives each notebook page:
- 575 KB of JupyterLab's stylesheet, inlined, nearly all of it for widgets the page never has;
- math left as $...$ for MathJax to typeset in the browser;
- no way back to its lesson.
`finish` keeps only the style rules that can match the page (verified_lessons.stylesheets), renders
the math with KaTeX at build time (so the page loads no math JavaScript), folds each exercise's
solution into a <details> that the reader opens, and adds links to the lesson and to the
previous and next notebooks. HTML is handled with BeautifulSoup, never with regexes.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString

from verified_lessons.katex import render, tex_to_text
from verified_lessons.notebooks import SOLUTION_TAG
from verified_lessons.stylesheets import markup_names, prune_variables, purge_css
from verified_lessons.wrapping import keep_whole

# $$display$$ or $inline$ (not \$, not "$ 5"), as Jupyter's markdown reads them
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$", re.S)


def finish(html: str, where: str, links: list[tuple[str, str]]) -> str:
    """The notebook page's HTML, slimmed, typeset and linked (links: (href, text) pairs)."""
    soup = BeautifulSoup(html, "html.parser")
    _drop_mathjax(soup)
    _typeset_math(soup, where)
    _fold_solutions(soup)
    for toolbar in soup.select(".celltoolbar"):   # the cell's tags, shown as chips: not for readers
        toolbar.decompose()
    if links:
        nav = soup.new_tag("nav", attrs={"class": "notebook-nav", "aria-label": "Notebooks"})
        for href, text, *attrs in links:
            a = soup.new_tag("a", href=href, attrs=attrs[0] if attrs else {})
            a.string = text
            nav.append(a)
        soup.insert(0, nav)
    # classes and ids only: the attribute values a rule may test (the colour scheme's, on
    # Material's <body>) are outside this fragment of the page
    used = markup_names(str(soup))
    for style in soup.find_all("style"):
        style.string = prune_variables(purge_css(style.get_text(), used, values=False))
    # numbers and names in the prose break as on the lesson pages (verified_lessons.wrapping)
    return keep_whole(str(soup))


def _drop_mathjax(soup: BeautifulSoup) -> None:
    """nbconvert's MathJax loader (an empty src) and its configuration: math is typeset here."""
    for script in soup.find_all("script"):
        if script.get("src") == "" or script.get("type") == "text/x-mathjax-config" \
                or "init_mathjax" in script.get_text():
            script.decompose()
    for comment in soup.find_all(string=lambda s: s and "mathjax" in s.lower()
                                 and s.__class__.__name__ == "Comment"):
        comment.extract()


def _typeset_math(soup: BeautifulSoup, where: str) -> None:
    """Every $...$ and $$...$$ of the markdown cells, rendered by KaTeX like the lessons' math."""
    pieces: list[tuple[NavigableString, list]] = []
    formulas: list[dict] = []
    for cell in soup.select(".jp-RenderedMarkdown"):
        for node in cell.find_all(string=True):
            if "$" not in node or node.find_parent(["code", "pre", "script", "style"]):
                continue
            parts, last, text = [], 0, str(node)
            for m in _MATH.finditer(text):
                parts += [text[last:m.start()], len(formulas)]
                formulas.append({"tex": (m[1] if m[1] is not None else m[2]).strip(),
                                 "display": m[1] is not None})
                last = m.end()
            if last:
                pieces.append((node, parts + [text[last:]]))
    if not formulas:
        return
    rendered = render(formulas, where)
    for node, parts in pieces:
        fragment = ""
        for part in parts:
            if isinstance(part, int):
                tag = "div" if formulas[part]["display"] else "span"
                fragment += (f'<{tag} class="arithmatex"><katex-math>{rendered[part]}</katex-math>'
                             f'<span class="math-search-text" hidden>'
                             f'{_escape(tex_to_text(formulas[part]["tex"]))}</span></{tag}>')
            else:
                fragment += _escape(part)
        node.replace_with(BeautifulSoup(fragment, "html.parser"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fold_solutions(soup: BeautifulSoup) -> None:
    """Each run of cells tagged "solution" goes into one closed <details>: the exercises
    notebook shows the questions, and a reader opens a solution when ready. (nbconvert puts a
    code cell's tags on the cell, a markdown cell's on the rendered markdown inside it.)"""

    def is_solution(cell) -> bool:
        return f"celltag_{SOLUTION_TAG}" in (cell.get("class") or []) or \
            cell.select_one(f".celltag_{SOLUTION_TAG}") is not None

    cells = [c for c in soup.select(".jp-Cell") if is_solution(c)]
    done: set[int] = set()
    for cell in cells:
        if id(cell) in done or cell.find_parent("details", class_="notebook-solution"):
            continue
        details = soup.new_tag("details", attrs={"class": "notebook-solution success"})
        summary = soup.new_tag("summary")
        summary.string = "Solution"
        details.append(summary)
        cell.insert_before(details)
        run, sibling = [cell], cell.find_next_sibling()
        while sibling is not None and "jp-Cell" in (sibling.get("class") or []) \
                and is_solution(sibling):
            run.append(sibling)
            sibling = sibling.find_next_sibling()
        for member in run:
            done.add(id(member))
            details.append(member.extract())
