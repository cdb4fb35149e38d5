"""verified_lessons: the engine behind attention-lessons, where no number on a page is typed by hand.

How verification works, module by module:

- syntax      the page syntax: snippet includes, fences, and `{{ literal = snippet: label[i] }}`
              bindings of quoted numbers;
- layout      where pages, snippets and outputs live (docs/<lesson>.md, snippets/<lesson>/);
- runner      runs snippets as `python file.py` would, isolated, in children of a fork server;
- verify      judges a run against its recorded .out, in words a newcomer understands;
- outputs     reads the values an output prints and resolves an address to one of them;
- numbers     checks every bound number against its output, and that every other number is
              declared not a result (docs/not_results.toml);
- contract    the layout rules (every snippet shown, no code or output typed by hand, ...);
- codeblocks  runs each page as the reader sees it with pytest-codeblocks;
- tabs        NumPy/PyTorch tab pairs and whether they print the same;
- notebooks   each lesson as a Jupyter notebook generated from its page and snippets;
- katex       math rendered at build time by the vendored KaTeX in Node;
- figures     heatmaps drawn from the snippets' own variables (python -m verified_lessons.figures);
- site        what the mkdocs hooks (hooks/lessons.py) call at build time;
- build, browser, linkcheck   building the site and checking it in chromium.
- pdf         the PDF edition (scripts/build-pdf): the print page finished for paper,
              printed by chromium, and checked.
"""
