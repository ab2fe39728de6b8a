"""The closed list of event kinds (documented in ``docs/events.md``).

When a sentence holds triggers of several kinds, the kind listed first here wins: a ruling or
resolution over what it rules on, the specific outcome (a massacre, a capture, a signed
ceasefire) over the general fighting around it. A trigger inside a longer trigger of another kind
gives way to it ("armistice negotiations" is a negotiation).
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "resolution_ruling": "resolution of an assembly or council, court ruling, sentence, verdict",
    "massacre": "mass killing of civilians, pogrom, genocide",
    "capture": "capture, occupation or recapture of a place",
    "ceasefire_agreement": "ceasefire, armistice, peace agreement, treaty, protocol signed or in force",
    "declaration_vote": "declaration (of independence, sovereignty, ...), referendum, vote",
    "recognition_membership": "recognition of a state, admission to or accession to a body",
    "founding_abolition": "founding, formation, abolition or dissolution of a body or territory",
    "negotiation_summit": "negotiations, talks, summit, mediation",
    "protest_movement": "demonstration, protest, rally, strike, political movement",
    "displacement": "expulsion, deportation, flight of refugees",
    "armed_clash": "armed clash, attack, offensive, bombing, invasion, outbreak of a war",
    "other": "something else happening that a trigger marks",
}
"""Kind → what it covers, in priority order."""

PRIORITY: dict[str, int] = {kind: i for i, kind in enumerate(KINDS)}
"""Lower wins when one sentence holds triggers of several kinds."""
