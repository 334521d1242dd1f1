"""Who said what, and when: rule-based quote and claim attribution for news text.

Records have the fields of the ``whosaid extract`` CLI's JSON records, with
offsets in characters (Python string indexes), so that
``text[r["content"]["start"]:r["content"]["end"]] == r["content"]["text"]``.
"""

import datetime
from typing import List, Literal, Optional, Sequence, TypedDict, Union

from typing_extensions import NotRequired

__version__: str

DateLike = Union[str, datetime.date, None]

class TextSpan(TypedDict):
    start: int
    end: int
    text: str

class Content(TypedDict):
    start: int
    end: int
    text: str
    segments: List[TextSpan]
    # Present (non-empty) for mixed and partial records only.
    quoted: NotRequired[List[TextSpan]]
    # Present (and true) only for a quote that was never closed.
    unclosed: NotRequired[bool]

class Speaker(TypedDict):
    start: int
    end: int
    text: str
    name: Optional[str]
    kind: Literal["person", "organization", "place", "nominal", "pronoun", "document", "unknown"]
    role: NotRequired[str]
    antecedent: NotRequired[TextSpan]

class Cue(TypedDict):
    start: int
    end: int
    text: str
    lemma: str

class DateRef(TypedDict):
    start: int
    end: int
    text: str
    resolved: Optional[str]
    granularity: NotRequired[Literal["day", "week", "month", "year"]]
    status: Literal["explicit", "relative", "unresolved"]
    inherited: NotRequired[bool]

class Attribution(TypedDict):
    kind: Literal["direct", "partial", "mixed", "indirect"]
    content: Content
    speaker: Optional[Speaker]
    cue: Optional[Cue]
    date: Optional[DateRef]
    rule: str
    confidence: float

def extract(text: str, date: DateLike = None) -> List[Attribution]:
    """Extracts the attributions of one text.

    ``date`` is the publication date (``"YYYY-MM-DD"`` or a
    ``datetime.date``), used to resolve "Thursday" or "last month".
    Raises ``ValueError`` for a bad date or a text over the size limit (16 MiB).
    """

def extract_many(
    texts: Sequence[str],
    dates: Optional[Sequence[DateLike]] = None,
    threads: Optional[int] = None,
) -> List[List[Attribution]]:
    """Extracts the attributions of many texts on all cores, with the GIL released.

    Returns one list of records per text, in order. ``dates`` has one date
    (or None) per text. ``threads`` runs the work on a dedicated pool of that
    many threads instead of the global one (all cores).
    """
