"""Stylesheets without the rules nothing on the site can match.

The theme ships one stylesheet for every site it may build: Material's main.css (134 KB) styles
blog posts, tags, version selectors, tooltips, annotations and right-to-left pages, and its
palette.css all 21 colour choices; KaTeX's stylesheet styles every construct KaTeX can render.
Every page loads all of them, and the browser matches every rule against every element while
the page loads. Notebook pages inline JupyterLab's stylesheet (575 KB), nearly all of it for
widgets the page never has.

`purge_css` keeps a rule when one of its selectors can match: each class, id and exact
attribute value it requires (outside :not(), :is(), :where() and :has(), whose arguments
require nothing for sure) is among the names the markup and scripts use. `prune_variables` then
drops custom properties that nothing reads. Both work on tinycss2's parse, never on regexes over
the whole text.

`purge_site` applies both to the theme's stylesheets in the built site. Its names are every
name in the markup of every page (classes, ids, attribute values) and every word in every
script the site ships, since scripts add classes at run time (Material builds search results,
copy buttons and scroll wrappers); a class a script builds from a prefix ("md-tag--" + name)
keeps every class with that prefix. tests/test_browser.py checks, on every page it opens, that
the live page (after its scripts ran) does not have all the names of any selector the build
dropped.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import tinycss2

# the theme's stylesheets that purge_site slims, relative to the site folder
THEME_STYLESHEETS = ["assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css",
                     "assets/vendor/katex/katex.min.css"]
# the site's own (docs/stylesheets): every rule is meant, but the built copy needs no comments
SITE_STYLESHEETS = ["stylesheets/*.css"]

_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_CLASS_OR_ID = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
# [name=value] and [name~=value]: the value is a whole name; ^=, $=, *= and |= match parts
_EXACT_VALUE = re.compile(r"\[\s*[\w-]+\s*~?=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]+))\s*(?:[is]\s*)?\]")


def _outside_functions(selector: str) -> str:
    """The selector without the arguments of :not(), :is(), :where() and :has()."""
    plain, i = "", 0
    while (m := _FUNCTIONAL.search(selector, i)) is not None:
        plain += selector[i:m.start()]
        depth, i = 1, m.end()
        while depth and i < len(selector):
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
    return plain + selector[i:]


def requirements(selector: str, values: bool = True) -> frozenset[str]:
    """The names an element tree must have somewhere for the selector to match anything:
    classes and ids, and with values=True the exact values of attribute selectors."""
    plain = _outside_functions(selector)
    names = set(_CLASS_OR_ID.findall(re.sub(r"\[[^\]]*\]", "", plain)))
    if values:
        for m in _EXACT_VALUE.finditer(plain):
            names.update(re.findall(r"[\w-]+", next(v for v in m.groups() if v is not None)))
    return frozenset(names)


class Names:
    """The names a site's markup and scripts use, and the prefixes its scripts build names from."""

    def __init__(self, names=(), prefixes=()):
        self.names = frozenset(names)
        self.prefixes = tuple(sorted(set(prefixes)))

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


_TAG = re.compile(r"""<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")
_VALUE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_WORD = re.compile(r"[\w-]+")


def markup_names(html: str) -> set[str]:
    """Every word of every attribute value (class, id, data-*, ...) of every tag in the HTML,
    data: URIs aside."""
    names = set()
    for tag in _TAG.findall(html):
        for groups in _VALUE.findall(tag):
            value = groups[0] or groups[1] or groups[2]
            if value and not value.startswith("data:"):
                names.update(_WORD.findall(value))
    return names


def script_names(js: str) -> tuple[set[str], set[str]]:
    """Every word in a script, and the words it builds names from: "md-tag--" + x and
    `md-tag--${x}`."""
    prefixes = set(re.findall(r"([\w-]+)\$\{", js)) | set(re.findall(r"([\w-]+)[\"']\s*\+", js))
    return set(re.findall(r"[\w-]+", js)), {p for p in prefixes if len(p) > 3}


def purge_css(css: str, used, values: bool = True) -> str:
    """The stylesheet without the rules none of whose selectors can match, given the names
    `used` (a set, or Names). values=False ignores attribute values (for a fragment of a page,
    whose attributes such as the colour scheme's are outside it). At-rules are kept, with their
    inner rules purged the same way; empty ones are dropped."""
    return "".join(_kept(_parsed(css), used, values))


def _kept(rules: tuple, used, values: bool) -> list[str]:
    out = []
    for kind, needs, text in rules:
        if kind == "rule":
            kept = [s for s, names, classes in needs
                    if all(n in used for n in (names if values else classes))]
            if kept:
                out.append(",".join(kept) + text)
        elif kind == "block":
            inner = "".join(_kept(needs, used, values))
            if inner:
                out.append(text.format(inner=inner))
        else:
            out.append(text)
    return out


@functools.lru_cache(maxsize=8)
def _parsed(css: str) -> tuple:
    """The stylesheet parsed once (every notebook page inlines the same 575 KB), as
    ("rule", ((selector, names it requires, classes and ids it requires), ...),
    "{declarations}"), ("block", inner rules,
    "@media ...{{{inner}}}") and ("other", None, text) entries."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in _split_selectors(tinycss2.serialize(rule.prelude))
                         # ".jupyter-wrapper :root" can never match: :root is the <html> element
                         if not re.search(r"\S\s+:root\b", _outside_functions(s))]
            out.append(("rule", tuple((s, requirements(s), requirements(s, values=False))
                                      for s in selectors),
                        "{" + tinycss2.serialize(rule.content).strip() + "}"))
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            if rule.content is not None and name in ("media", "supports"):
                prelude = tinycss2.serialize(rule.prelude).replace("{", "{{").replace("}", "}}")
                out.append(("block", _parsed(tinycss2.serialize(rule.content)),
                            f"@{name}{prelude}{{{{{{inner}}}}}}"))
            else:
                out.append(("other", None, tinycss2.serialize([rule])))
    return tuple(out)


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(a, b))."""
    parts, depth, start, quote = [], 0, 0, None
    for i, c in enumerate(prelude):
        if quote:
            quote = None if c == quote and prelude[i - 1] != "\\" else quote
            continue
        if c in "\"'":
            quote = c
            continue
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(c, 0)
        if c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return parts + [prelude[start:]]


@functools.lru_cache(maxsize=64)
def prune_variables(css: str, read_elsewhere: frozenset[str] = frozenset()) -> str:
    """The stylesheet without custom properties (--name: ...) that nothing reads with var():
    not its own rules, and not the names in read_elsewhere (other stylesheets, scripts)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)

    def declarations(rule):
        return tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                               skip_whitespace=True)

    def qualified(items):
        for rule in items:
            if rule.type == "qualified-rule":
                yield rule
            elif rule.type == "at-rule" and rule.content is not None and \
                    rule.lower_at_keyword in ("media", "supports"):
                yield from qualified(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                              skip_whitespace=True))

    defined: dict[str, set[str]] = {}   # custom property -> variables its values read
    needed: set[str] = set(read_elsewhere)
    for rule in qualified(rules):
        for d in declarations(rule):
            if d.type != "declaration":
                continue
            reads = set(re.findall(r"var\(\s*(--[\w-]+)", tinycss2.serialize(d.value)))
            if d.name.startswith("--"):
                defined.setdefault(d.name, set()).update(reads)
            else:
                needed |= reads
    frontier = list(needed)
    while frontier:   # a variable read by a needed variable is needed too
        for name in defined.get(frontier.pop(), ()):
            if name not in needed:
                needed.add(name)
                frontier.append(name)

    return _rewritten(rules, lambda d: not d.name.startswith("--") or d.name in needed)


def _rewritten(rules, keep) -> str:
    """The rules serialized without comments or the whitespace between rules and declarations,
    with only the declarations `keep` accepts; a rule left empty goes, and so does an @media or
    @supports left empty. Rules nested deeper (@media inside @supports) stay as they are."""
    def rule_text(rule) -> str:
        body = [d for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                           skip_whitespace=True)
                if d.type == "declaration" and keep(d)]
        if not body:
            return ""
        return tinycss2.serialize(rule.prelude).strip() + "{" + ";".join(
            f"{d.name}:{tinycss2.serialize(d.value).strip()}" + ("!important" if d.important else "")
            for d in body) + "}"

    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            out.append(rule_text(rule))
        elif rule.type == "at-rule" and rule.content is not None and \
                rule.lower_at_keyword in ("media", "supports"):
            inner = "".join(rule_text(r) if r.type == "qualified-rule" else tinycss2.serialize([r])
                            for r in tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                              skip_whitespace=True))
            if inner:
                out.append(f"@{rule.lower_at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
                           f"{{{inner}}}")
        else:
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def site_names(site: Path) -> tuple[Names, frozenset[str]]:
    """The names every page's markup and every script a page runs use, and the custom
    properties read outside the theme's stylesheets (site stylesheets, inline styles, scripts).
    The scripts: those a page links (<script src>) and the search worker the bundle starts; not
    data a script loads (the search index, a notebook's text) nor KaTeX, which runs at build
    time."""
    names: set[str] = set()
    prefixes: set[str] = set()
    read: set[str] = set()
    theme = {p for pattern in THEME_STYLESHEETS for p in site.glob(pattern)}
    scripts = set(site.glob("assets/javascripts/workers/*.js"))
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        names |= markup_names(html)
        read |= set(re.findall(r"--[\w-]+", html))
        for src in re.findall(r"<script\b[^>]*\bsrc=\"([^\"?#]+)", html):
            if "://" not in src and (page.parent / src).resolve().is_file():
                scripts.add((page.parent / src).resolve())
    for script in scripts:
        words, built = script_names(script.read_text(encoding="utf-8"))
        names |= words
        prefixes |= built
        read |= {w for w in words if w.startswith("--")}
    for sheet in site.rglob("*.css"):
        if sheet not in theme:
            read |= set(re.findall(r"var\(\s*(--[\w-]+)", sheet.read_text(encoding="utf-8")))
    return Names(names, prefixes), frozenset(read)


def purge_site(site: Path, docs: Path) -> None:
    """Slim the theme's stylesheets in the built site, and minify the site's own. Each is
    purged from its original (`original`), not from the site's copy, which a rebuild with
    --dirty keeps: a rule a new page needs comes back. A custom property stays when any
    stylesheet reads it (palette.css defines what main.css reads). Source maps go, since they
    describe the full files."""
    used, read = site_names(site)
    sheets = {path: original(site, path, docs).read_text(encoding="utf-8")
              for pattern in THEME_STYLESHEETS for path in site.glob(pattern)}
    purged = {path: purge_css(css, used) for path, css in sheets.items()}
    read |= {name for css in purged.values() for name in re.findall(r"var\(\s*(--[\w-]+)", css)}
    for path, css in purged.items():
        path.write_text(prune_variables(css, frozenset(read)) + "\n", encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    for pattern in SITE_STYLESHEETS:
        for path in site.glob(pattern):
            path.write_text(minify(original(site, path, docs).read_text(encoding="utf-8")),
                            encoding="utf-8")


def original(site: Path, path: Path, docs: Path) -> Path:
    """The file mkdocs copied to `path`: from the docs folder (the site's own stylesheets,
    vendored KaTeX) or else from Material's templates."""
    import material

    relative = path.relative_to(site)
    if (docs / relative).is_file():
        return docs / relative
    return Path(material.__file__).parent / "templates" / relative


def minify(css: str) -> str:
    """The stylesheet without comments and the whitespace between rules and declarations
    (whitespace inside a selector or a value stays as written)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _rewritten(rules, lambda d: True) + "\n"


def dropped_rules(site: Path, docs: Path) -> list[tuple[str, frozenset[str]]]:
    """Each selector the build dropped from the theme's stylesheets, with the names it needs
    (for the browser check that no page has them all)."""
    dropped = []
    for pattern in THEME_STYLESHEETS:
        for path in site.glob(pattern):
            for selector in dropped_selectors(original(site, path, docs).read_text(encoding="utf-8"),
                                              path.read_text(encoding="utf-8")):
                dropped.append((selector, requirements(selector)))
    return dropped


def dropped_selectors(full: str, slim: str) -> list[str]:
    """The selectors of `full` that `slim` no longer has."""
    def selectors(css: str) -> set[str]:
        found = set()

        def walk(rules):
            for kind, needs, _ in rules:
                if kind == "rule":
                    found.update(s for s, _, _ in needs)
                elif kind == "block":
                    walk(needs)
        walk(_parsed(css))
        return found
    return sorted(selectors(full) - selectors(slim))
