"""Run layer: executing notebooks for a batch of articles.

Holds kernels that always run this Python (:mod:`.kernels`), the in-kernel warm-up and reset
(:mod:`.warm`), notebook executors (:mod:`.executors`, a registry) and the Papermill engine
``newsnb`` (:mod:`.engine`), one article's task (:mod:`.tasks`), planning which articles need a
report (:mod:`.plan`), the render manifest (:mod:`.manifest`), render backends (:mod:`.backends`,
a registry; the Dask cluster in :mod:`.distributed`), the corpus report (:mod:`.corpus_report`),
the story pages (:mod:`.story_report`) and the batch itself (:mod:`.batch`, ``newsnb render``).

May import: core, input, analysis, store and presentation. Never cli. Heavy imports (Papermill, Dask)
are deferred to where they are used.
"""
