"""Presentation layer: what a reader sees.

Holds figures (:mod:`.figures`, matplotlib SVG charts with alt text), escaped HTML pieces for the
notebooks (:mod:`.report`), the annotated article (:mod:`.annotate`), the reports index
(:mod:`.index`), the story page pieces (:mod:`.stories`) and the nbconvert exporter with the report template (:mod:`.exporter`,
``templates/``).

May import: core, input, analysis (their tables and result types) and store. Never run or cli.
"""
