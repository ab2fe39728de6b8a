"""Quote marks, shared by the stages that look for a name or a speech in quotes."""

OPENING_QUOTES = '“„«「『"'
"""Double quote marks that open a quotation (``„…“`` is the Latvian and German order)."""
CLOSING_QUOTES = '”“»」』"'
"""Double quote marks that close one (``“`` closes after ``„``)."""
OPENING_SINGLE_QUOTES = "‘'"
CLOSING_SINGLE_QUOTES = "’'"
"""Single quote marks: a name may stand in them; a speech is told in double ones (a single ``’``
is most often an apostrophe)."""
ALL_QUOTES = "“”„‟«»‹›「」『』‘’‚\"'"
"""Every quote mark, double, single and low (``‟``, ``‚``, ``‹›`` included): what is stripped
from around a name (``“Rangers”``, ``「蘋果」``)."""
