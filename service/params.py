"""Request parameters shared by the API and the pages, derived from the vocabulary (ontology/vocabulary.py):
the actielijnen are named once there, not as "1 to 5" in every route."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import Query

from ontology.vocabulary import ACTIELIJN_CHOICES, ACTIELIJNEN

FIRST, LAST = ACTIELIJNEN[0], ACTIELIJNEN[-1]
# one actielijn as a number (absent = all)
Actielijn = Annotated[int | None, Query(ge=FIRST, le=LAST, examples=[2])]
# an actielijn or the region as a whole (gaps)
ActielijnOrRegio = Literal[ACTIELIJN_CHOICES]  # type: ignore[valid-type]
# a form sends an empty value for "alle": that is no filter, not an error (a number outside the actielijnen is one)
ActielijnForm = Annotated[str, Query(pattern=f"^[{FIRST}-{LAST}]?$", description=f"actielijn {FIRST}–{LAST}; leeg = alle")]
# the same in a form: an empty value ("alle") is no filter
ActielijnOrRegioForm = Annotated[str, Query(pattern=f"^(?:{'|'.join(map(re.escape, ACTIELIJN_CHOICES))})?$",
                                            description=f"actielijn {FIRST}–{LAST} of regio; leeg = alle")]
