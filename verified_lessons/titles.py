"""Label every included snippet and its output on the rendered page.

Pages are written as plain fences so that pytest-codeblocks (which only collects a fence whose
info string is exactly `python`) runs them:

    ```python
    --8<-- "masks/causal_mask.py"
    ```
    <!--pytest-codeblocks:expected-output-->
    ```text
    --8<-- "masks/causal_mask.out"
    ```

At build time add_titles adds titles, so a reader sees which file the code is and that the
block below it is its recorded output. Nothing else of the page changes.
"""

import re

_INCLUDE_FENCE = re.compile(
    r'^(?P<indent>[ \t]*)(?P<ticks>```+)(?P<lang>python|text)[ \t]*\n'
    r'(?P<include>(?P=indent)-+8<-+[ \t]+"(?P<path>[^"]+\.(?:py|out))"[ \t]*)$',
    re.M,
)


def _titled(match: re.Match) -> str:
    path = "snippets/" + match["path"]
    if match["lang"] == "python":
        header = f'python title="{path}"'
    else:   # the .output class lets recorded output wrap on narrow screens (extra.css)
        header = f'{{.text .output title="Output of the code above ({path})"}}'
    return f'{match["indent"]}{match["ticks"]}{header}\n{match["include"]}'


def add_titles(markdown: str) -> str:
    return _INCLUDE_FENCE.sub(_titled, markdown)
