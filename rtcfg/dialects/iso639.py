"""ISO 639-1 two-letter language codes, the form the API asks for in `language`/`languages`.

The 184 codes of the standard's tables (the list is closed; tests check it against
pycountry's copy of the ISO 639 tables).
"""

from __future__ import annotations

CODES: frozenset[str] = frozenset(
    """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky
la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny
oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
za zh zu
""".split()
)

# Withdrawn codes that still circulate, and what replaced them.
WITHDRAWN: dict[str, str] = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}


def suggestion(value: str) -> str | None:
    """The ISO 639-1 code a near miss most likely means: `en-US` -> `en`, `EN` -> `en`."""
    low = value.strip().lower().replace("_", "-")
    head = low.split("-", 1)[0]
    for candidate in (low, head):
        if candidate in CODES:
            return candidate
        if candidate in WITHDRAWN:
            return WITHDRAWN[candidate]
    return None
