"""mkdocs hooks: thin wiring to the engine, verified_lessons.site (see its docstring)."""

from verified_lessons.site import (on_config, on_files, on_page_content,  # noqa: F401
                                   on_page_markdown, on_post_build, on_post_page)
