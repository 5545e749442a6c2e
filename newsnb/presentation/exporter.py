"""The nbconvert HTML exporter of every report page (code and prompts hidden, newsnb template).

The template (``templates/newsnb``, package data) writes each chart's ``alt`` text and the page's
Content-Security-Policy itself.
"""
from __future__ import annotations

import base64

from ..core import config

__all__ = ["html_exporter"]


_EXPORTER = None


def _exporter_class():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page.

        ``HTMLExporter.from_notebook_node`` re-parses the whole page only to give images a
        placeholder ``alt`` and outputs a ``tabindex``; on a report that pass cost as much as the
        rest of the export. The newsnb template writes both itself (a chart's ``alt`` is its
        description), so the page is the same without the second parse.
        """

        def default_filters(self):
            yield from super().default_filters()
            yield ("base64", lambda text: base64.b64encode(str(text).encode("utf-8")).decode("ascii"))

        def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001 - nbconvert signature
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                                           resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return ReportExporter


def html_exporter():
    """The shared nbconvert HTML exporter (code cells and prompts hidden; built once per process).

    Validation runs once after all preprocessors (``optimistic_validation``), not after each of
    them: the executed notebook was valid when Papermill wrote it.
    """
    global _EXPORTER
    if _EXPORTER is None:
        _EXPORTER = _exporter_class()(
            extra_template_basedirs=[str(config.TEMPLATES_DIR)],
            template_name="newsnb",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            optimistic_validation=True,
        )
    return _EXPORTER
