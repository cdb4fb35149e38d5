"""Load the search index when the reader opens search, not with every page.

Material (pinned in requirements.txt) fetches the whole search index as each page loads: 137 KB
that the offline build inlines as a script, parsed on the main thread and indexed by the search
worker before the reader has asked for anything. Material itself already waits for the search
box to open before it hands the index to the worker, but only from file://; and its "highlight
the search terms" feature asks for the index on every page, to highlight terms only on a page
opened from a search result (`?h=term`).

The search worker's own script (39 KB) was fetched and started with every page too. Three
edits to the copied bundle, in the built site only, make all of it wait:
- the worker receives the index when search opens, online as well as offline;
- the worker itself starts when it is first sent something (the index, when search opens);
- the highlighter asks for the index only on a page opened from a search result.
The edited file keeps its name (the theme's content hash) but loses its source map comment.
Each edit replaces one exact passage of the pinned bundle; if a new Material version changes
it, the build fails here, naming the passage, instead of silently loading the index again.
"""

from __future__ import annotations

import re
from pathlib import Path

EDITS = [
    # setupSearchWorker: merge(of(online), watchToggle("search")) -> only the toggle
    ('L($(location.protocol!=="file:"),Je("search"))',
     'L($(!1),Je("search"))'),
    # watchWorker(url, worker = new Worker(url)): a stand-in that queues the listeners RxJS's
    # fromEvent adds, and starts the real worker, handing it those listeners, on the first
    # postMessage
    ('function Mn(e,t=new Worker(e)){',
     'function Mn(e,t=((u,w,q=[])=>({'
     'addEventListener:(...a)=>w?w.addEventListener(...a):q.push(a),'
     'removeEventListener:(...a)=>w?w.removeEventListener(...a):'
     'q.splice(q.findIndex(x=>x[0]===a[0]&&x[1]===a[1])>>>0,1),'
     'postMessage:d=>{if(!w){w=new Worker(u);q.forEach(a=>w.addEventListener(...a))}'
     'w.postMessage(d)}}))(e)){'),
    # mountSearchHiglight: combineLatest([index$, location with ?h=]) subscribes to the index
    # at once; switchMap from the location subscribes only when ?h= is there
    ('z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
     'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))'),
]


class BundleChanged(Exception):
    pass


def defer_search_index(site_dir: Path) -> None:
    """Apply EDITS to the site's copy of Material's bundle (once: a rebuild that kept the
    edited copy is left as it is)."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise BundleChanged(f"expected one Material bundle in {site_dir}/assets/javascripts, "
                            f"found {len(bundles)}")
    bundle = bundles[0]
    code = bundle.read_text(encoding="utf-8")
    for old, new in EDITS:
        if code.count(new) == 1 and old not in code:
            continue
        if code.count(old) != 1:
            raise BundleChanged(
                f"{bundle.name}: the passage {old!r} occurs {code.count(old)} times, not once; "
                "Material's bundle changed, so verified_lessons/search_on_demand.py must be "
                "updated for it")
        code = code.replace(old, new)
    # the theme's source map describes the unedited file: devtools would point at wrong columns
    code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)
    bundle.write_text(code, encoding="utf-8")
