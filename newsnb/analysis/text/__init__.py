"""The shared text layer of the analysis: what quotes, facts and language all build on.

Holds the one pairing of quotation marks (:mod:`.quotation`), the shared vocabulary — cue verbs,
hedges, titles, unnamed-source heads, outlets (:mod:`.lexicon`) — the test for an attribution cue
(:mod:`.cues`), token lookup by character offset (:mod:`.tokens`) and the parsed segments of an
article (:mod:`.segments`). Speaker resolution, which also needs the entity mentions, is
:mod:`newsnb.analysis.speakers`, one step up.

May import: core, input, and :mod:`newsnb.analysis.nlp`. Nothing else of the analysis layer.
"""
