"""Structure that no single page check sees, cross-checked:

- `path_problems`: the home page's learning path lists every lesson of the nav, in nav order,
  each under the title the nav gives it and under the heading of its part (the nav's sections),
  and each nav title is its page's own title (H1);
- `abbreviation_problems`: every abbreviation a page's prose uses (two or more capitals, at
  least half the letters: BOS, KV, RoPE, ALiBi) is defined in includes/abbreviations.md, which
  mkdocs appends to every page as tooltips, and every definition there is used;
- `next_link_problems`: a lesson's "Next:" line links to the lesson that follows it in the nav,
  under that lesson's own title;
- `link_name_problems`: every link that names a lesson (its text capitalised, or standing
  alone in parentheses) names it by its title;
- `opening_problems`: every lesson opens with what it assumes and what the reader will be able
  to do, and names as prerequisites only lessons that come before it;
- `setting_problems`: each number declared not a result because the code chose it names the
  snippet whose source holds it, and every number of the declared phrase is in that source;
- `display_math_problems`: every `$$ ... $$` block of a page is rendered as a display formula;
- `exercise_problems`: each exercise's question binds an assert of its own solution's snippet
  (`{{ change = <solution>: assert MESSAGE }}`), so a solution edited until it no longer
  proves what the question asks fails.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from decimal import Decimal
from pathlib import Path

from verified_lessons.layout import Layout
from verified_lessons.numbers import Declarations
from verified_lessons.outputs import decimals
from verified_lessons.sentences import _DISPLAY_MATH
from verified_lessons.syntax import ASSERT_ADDRESS, BIND, FRONT_MATTER, INCLUDE, binds, prose

HOME = "index.md"
PATH_HEADING = re.compile(r"(?ms)^## Learning path[ \t]*\n(?P<body>.*?)(?=^## |\Z)")
PATH_ITEM = re.compile(r"^\d+\.[ \t]+\[(?P<text>[^\]]+)\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)",
                       re.M)
# a reason that says the code chose the value
# A reason that says the code chose or sets the value, or names a snippet file: the entry must
# name its snippet, whose code must write every number of the phrase. ("written as code writes
# it" describes a literal piece of code and needs none.)
CHOSEN_IN_CODE = re.compile(r"\b(?:chosen|set|fixed)\b.*\bcode\b|(?<!written )\bin (?:the |its |their )?"
                            r"(?:snippets?'?s?'? )?code\b|\w\.py\b|\bsetting\b|\bchosen\b", re.I)
SOLUTION = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+?[ \t]+\w+[ \t]+"Solution"', re.M)
PART_HEADING = re.compile(r"^### (?P<title>.+)$", re.M)
OPENING = '!!! abstract "In this lesson"'
NEED, ABLE = "- **You need:**", "- **You will be able to:**"
EXERCISE_HEADING = re.compile(r"^(?P<level>#{2,3})[ \t]+(?P<title>.+)$", re.M)


def nav_pages(layout: Layout) -> list[tuple[str, str]]:
    """(title, page) of every page in the nav, in order."""
    from mkdocs.utils.yaml import yaml_load

    with layout.mkdocs_yml.open(encoding="utf-8") as f:
        config = yaml_load(f)

    def walk(items) -> list[tuple[str, str]]:
        found = []
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    found += walk(value) if isinstance(value, list) else [(title, value)]
            else:
                found.append(("", item))   # untitled: mkdocs uses the page's own title
        return found

    # pages only: a link to another site in the nav is no lesson
    return [(t, p) for t, p in walk(config.get("nav") or [])
            if isinstance(p, str) and not re.match(r"[a-z]+://", p)]


def nav_parts(layout: Layout) -> list[tuple[str, list[str]]]:
    """(title, pages) of each top-level part of the nav, in order; pages outside any part
    (the home page) are left out."""
    from mkdocs.utils.yaml import yaml_load

    with layout.mkdocs_yml.open(encoding="utf-8") as f:
        config = yaml_load(f)
    parts = []
    for item in config.get("nav") or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    pages = [p for entry in value for p in
                             (entry.values() if isinstance(entry, dict) else [entry])]
                    parts.append((title, [p for p in pages if isinstance(p, str)]))
    return parts


def lessons(layout: Layout) -> list[str]:
    """The lessons of the nav, in order: every page but the home page."""
    return [page for _, page in nav_pages(layout) if page != HOME]


def page_title(page: Path) -> str:
    text = FRONT_MATTER.sub("", page.read_text(encoding="utf-8"))
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def path_problems(layout: Layout) -> list[str]:
    nav = [(title, page) for title, page in nav_pages(layout) if page != HOME]
    home = layout.docs / HOME
    problems = []
    for title, page in nav:
        if not (layout.docs / page).is_file():
            problems.append(f"mkdocs.yml: the nav lists docs/{page}, which does not exist")
            continue
        own = page_title(layout.docs / page)
        if title and title != own:
            problems.append(f"mkdocs.yml: the nav calls docs/{page} \"{title}\" but its title is "
                            f"\"{own}\": a lesson has one title everywhere it is named")
    path = PATH_HEADING.search(home.read_text(encoding="utf-8"))
    if path is None:
        return problems + [f"docs/{HOME} has no \"## Learning path\" section"]
    listed = [(m["text"], m["target"]) for m in PATH_ITEM.finditer(path["body"])]
    in_nav = [page for _, page in nav]
    on_path = [target for _, target in listed]
    if on_path != in_nav:
        missing = [p for p in in_nav if p not in on_path]
        extra = [p for p in on_path if p not in in_nav]
        detail = []
        if missing:
            detail.append(f"it leaves out {', '.join(missing)}")
        if extra:
            detail.append(f"it lists {', '.join(extra)}, which the nav does not")
        if not missing and not extra:
            detail.append("its order differs from the nav's")
        problems.append(f"docs/{HOME}: the learning path is not the nav: {'; '.join(detail)} "
                        f"(nav order: {', '.join(in_nav)})")
    parts = nav_parts(layout)
    headings = list(PART_HEADING.finditer(path["body"]))
    on_path_parts = []
    for k, heading in enumerate(headings):
        end = headings[k + 1].start() if k + 1 < len(headings) else len(path["body"])
        on_path_parts.append((heading["title"].strip(), [m["target"] for m in PATH_ITEM.finditer(
            path["body"][heading.end():end])]))
    if parts and on_path_parts != parts:
        problems.append(
            f"docs/{HOME}: the learning path's parts (### headings) are not the nav's: the path has "
            f"{[(t, len(p)) for t, p in on_path_parts]}, the nav {[(t, len(p)) for t, p in parts]} "
            "(part title, number of lessons)")
    for text, target in listed:
        own = page_title(layout.docs / target) if (layout.docs / target).is_file() else None
        if own is not None and text != own:
            problems.append(f"docs/{HOME}: the learning path calls {target} \"{text}\" but its "
                            f"title is \"{own}\"")
    return problems


GLOSSARY = "includes/abbreviations.md"
ABBREVIATION = re.compile(r"(?<![\w/.-])[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![\w/])")
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<meaning>.*)$", re.M)


def _prose_for_abbreviations(text: str) -> str:
    """The words a reader reads as prose: no code, math, links' targets, HTML or References."""
    from verified_lessons.syntax import render_binds

    text = render_binds(prose(text))   # no front matter, code blocks or comments
    text = re.sub(r"(?ms)^## References[ \t]*\n.*?(?=^## |\Z)", "", text)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    text = re.sub(r"\$[^$\n]*\$", "", text)
    text = re.sub(r"\]\([^)\s]*\)|<https?://[^>\s]+>|<[^>]+>", "", text)
    return text


def abbreviations(text: str) -> set[str]:
    found = set()
    for m in ABBREVIATION.finditer(_prose_for_abbreviations(text)):
        word = m.group(0)
        letters = [c for c in word if c.isalpha()]
        if sum(c.isupper() for c in letters) * 2 >= len(letters):
            found.add(word)
    return found


def abbreviation_problems(layout: Layout) -> list[str]:
    glossary = layout.root / GLOSSARY
    if not glossary.is_file():
        return [f"{GLOSSARY} does not exist: the glossary every page's abbreviations come from"]
    defined = {m["term"]: m["meaning"] for m in DEFINITION.finditer(
        glossary.read_text(encoding="utf-8"))}
    problems = [f"{GLOSSARY}: *[{term}] has no meaning" for term, meaning in defined.items()
                if not meaning.strip()]
    used: set[str] = set()
    for page in layout.pages():
        found = abbreviations(page.read_text(encoding="utf-8"))
        used |= found
        for word in sorted(found - set(defined)):
            problems.append(f"{layout.rel(page)} uses the abbreviation {word}, which {GLOSSARY} "
                            f"does not define: add *[{word}]: what it stands for")
    for term in sorted(set(defined) - used):
        problems.append(f"{GLOSSARY} defines {term}, which no page uses: remove it")
    return problems


NEXT_LINE = re.compile(r"^Next:[ \t]+\[(?P<text>[^\]]+)\]\((?P<target>[^)#\s]+)\)", re.M)


def next_link_problems(layout: Layout) -> list[str]:
    """Every lesson's "Next:" link that does not name the next lesson of the nav by its title
    (its first letter may be lower case, as in running text)."""
    order = lessons(layout)
    problems = []
    for k, page in enumerate(order):
        path = layout.docs / page
        if not path.is_file():
            continue
        links = list(NEXT_LINE.finditer(path.read_text(encoding="utf-8")))
        following = order[k + 1] if k + 1 < len(order) else None
        if following and not links:
            problems.append(f"docs/{page} has no \"Next: [...](...)\" line leading to {following}")
        for m in links:
            if m["target"] != following:
                problems.append(f"docs/{page}: \"Next:\" leads to {m['target']}, but the lesson "
                                f"after it in the nav is {following or 'none'}")
                continue
            title = page_title(layout.docs / following)
            text = m["text"]
            if text != title and text != title[:1].lower() + title[1:]:
                problems.append(f"docs/{page}: \"Next:\" calls {following} \"{text}\" but its title "
                                f"is \"{title}\": a lesson has one name everywhere it is named")
    return problems


# A link to a whole page (no #section): [text](page.md), and whether it stands alone in
# parentheses, as a reference to the page does: "... the mask ([Causal masks](causal_masks.md))".
PAGE_LINK = re.compile(r"(?P<open>\()?\[(?P<text>[^\]\n]+)\]\((?P<target>[\w-]+\.md)\)(?P<close>\))?")


def link_name_problems(layout: Layout) -> list[str]:
    """Every link that names a lesson by another name than its title. A link names the lesson
    when its text starts with a capital letter or it stands alone in parentheses; a link in
    running text whose text is lower case ("the [padding page](padding.md)") describes the
    lesson rather than naming it and may say it in its own words. The title's first letter may
    be lower case, as in running text."""
    titles = {page: page_title(layout.docs / page) for page in lessons(layout)
              if (layout.docs / page).is_file()}
    problems = []
    for path in layout.pages():
        text = prose(path.read_text(encoding="utf-8"))
        for m in PAGE_LINK.finditer(text):
            title = titles.get(m["target"])
            if title is None:
                continue
            said = m["text"]
            names = said[:1].isupper() or (m["open"] and m["close"])
            if names and said not in (title, title[:1].lower() + title[1:]):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{layout.rel(path)}:{line}: a link calls {m['target']} "
                                f"\"{said}\" but its title is \"{title}\": a lesson has one "
                                "name everywhere it is named")
    return problems


def opening_problems(layout: Layout) -> list[str]:
    """Every lesson that does not open, right after its title, with the block OPENING holding a
    NEED line and an ABLE line, or whose NEED line links to a lesson that comes after it."""
    order = lessons(layout)
    problems = []
    for k, page in enumerate(order):
        path = layout.docs / page
        if not path.is_file():
            continue
        lines = FRONT_MATTER.sub("", path.read_text(encoding="utf-8")).splitlines()
        title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        rest = [line for line in lines[title + 1:] if line.strip()] if title is not None else []
        block = []   # the block's bullets, each with its continuation lines
        if rest and rest[0].strip() == OPENING:
            for line in rest[1:]:
                if not line.startswith("    "):
                    break
                if line.strip().startswith("- ") or not block:
                    block.append(line.strip())
                else:
                    block[-1] += " " + line.strip()
        if len(block) < 2 or not block[0].startswith(NEED) or not block[1].startswith(ABLE):
            problems.append(f"docs/{page}: the lesson does not open with what it assumes and what "
                            f"the reader will be able to do: right after its title, write\n"
                            f"{OPENING}\n    {NEED} ...\n    {ABLE} ...")
            continue
        for m in re.finditer(r"\]\((?P<target>[\w.-]+\.md)(?:#[^)]*)?\)", block[0]):
            target = m["target"]
            if target not in order or order.index(target) >= k:
                where = ("comes after it" if target in order else "is not a lesson of the nav")
                problems.append(f"docs/{page}: \"You need\" names {target}, which {where}: "
                                "prerequisites come first")
    return problems


def _values(text: str) -> list[Decimal]:
    return decimals(BIND.sub(" ", text))


def _tokens(path: Path) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8"))
                                             .readline))
    except (tokenize.TokenError, SyntaxError):
        return []   # the snippet's run reports it


def comment_tokens(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every comment of a snippet."""
    return [(t.start[0], t.string) for t in _tokens(path) if t.type == tokenize.COMMENT]


def source_numbers(path: Path) -> set[Decimal]:
    """Every number written in a snippet's code (not its comments): 512, 1e-12, -100."""
    found = set()
    for token in _tokens(path):
        if token.type == tokenize.NUMBER:
            value = ast.literal_eval(token.string.replace("_", ""))
            if isinstance(value, (int, float)):
                found.add(Decimal(repr(value)))
                found.add(-Decimal(repr(value)))
    return found


def setting_problems(layout: Layout, declarations: Declarations | None = None) -> list[str]:
    declarations = declarations or Declarations.load(layout.not_results)
    where = layout.rel(layout.not_results)
    problems = []
    tables = [("everywhere", declarations.everywhere)]
    tables += [(f'"{page}"', entries) for page, entries in declarations.pages.items()]
    for table, entries in tables:
        for phrase, entry in entries.items():
            if entry.snippet is None:
                if CHOSEN_IN_CODE.search(entry.reason):
                    problems.append(f"{where}: [{table}] \"{phrase}\" says the code sets it "
                                    f"(\"{entry.reason}\") but names no snippet: write "
                                    f"{{ reason = \"...\", snippet = \"<lesson>/<name>.py\" }}")
                continue
            path = layout.snippets / entry.snippet
            if not path.is_file():
                problems.append(f"{where}: [{table}] \"{phrase}\" names {entry.snippet}, which "
                                "is no snippet")
                continue
            written = source_numbers(path)
            for value in _values(phrase):
                if not any(value == w for w in written):
                    problems.append(f"{where}: [{table}] \"{phrase}\" is declared as set in "
                                    f"snippets/{entry.snippet}, but its code never writes "
                                    f"{value.normalize():f}: the page and the code disagree")
    return problems


def display_math_problems(page_name: str, markdown: str, html: str) -> list[str]:
    """Each $$ block of the page is rendered as a display formula (KaTeX's katex-display)."""
    blocks = len(_DISPLAY_MATH.findall(prose(markdown)))
    shown = html.count('class="katex-display"')
    if blocks != shown:
        return [f"docs/{page_name}: {blocks} display formula(s) ($$ ... $$) on the page, but the "
                f"built page shows {shown} as display math: a formula meant to stand on its own "
                f"line is rendered inline (or one is rendered twice)"]
    return []


def exercises(text: str) -> list[tuple[str, int, str, str]]:
    """(title, line, question, solution) of each exercise: a section whose body holds a folded
    Solution block; the question is the text before it, the solution the block."""
    found = []
    headings = list(EXERCISE_HEADING.finditer(text))
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        body = text[heading.end():end]
        solution = SOLUTION.search(body)
        if not solution:
            continue
        lineno = text.count("\n", 0, heading.start()) + 1
        found.append((heading["title"].strip(), lineno, body[:solution.start()],
                      body[solution.start():]))
    return found


def exercise_problems(layout: Layout, page: Path) -> list[str]:
    """Every exercise of a page (any page with a folded Solution) whose question binds no
    assert of its solution's snippet."""
    text = page.read_text(encoding="utf-8")
    problems = []
    for title, lineno, question, solution in exercises(text):
        shown = [m["path"] for m in map(INCLUDE.match, solution.splitlines())
                 if m and m["path"].endswith(".py")]
        stems = {Path(p).stem for p in shown} | {p.removesuffix(".py") for p in shown}
        bound = [ASSERT_ADDRESS.match(b.address) for b in binds(prose(question))
                 if b.kind == "assert"]
        if not any(m and m["snippet"] in stems for m in bound):
            names = ", ".join(Path(p).stem for p in shown) or "none"
            problems.append(f"{layout.rel(page)}:{lineno}: the exercise \"{title}\" does not "
                            f"bind what it asks to an assert of its solution ({names}): write, "
                            f"in the question, {{{{ words = <solution>: assert MESSAGE }}}}")
    return problems
