"""mkdocs hooks: thin wiring to the engine, verified_lessons.site (see its docstring)."""

from verified_lessons.site import on_files, on_page_content, on_page_markdown  # noqa: F401
