"""Event extraction: sentences that report something happening, classified into a closed list of
kinds (:mod:`pipeline.events.kinds`) by per-language trigger lexicons
(``pipeline/lang/<code>/event_triggers.tsv``), dated from the date stage's time expressions."""
