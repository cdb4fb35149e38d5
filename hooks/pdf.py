"""mkdocs hooks of the PDF build (mkdocs-pdf.yml only): thin wiring to verified_lessons.pdf."""

from verified_lessons.pdf import on_config, on_page_content  # noqa: F401
