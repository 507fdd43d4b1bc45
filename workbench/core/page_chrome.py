"""What a line of a scraped page is: a sentence, a caption, a byline or date stamp, a menu or
other page chrome. Cleaning decides what to keep from these answers; the claim extractor asks the
same caption test, so a caption is recognised in one place.
"""

from __future__ import annotations

import re

_TERMINAL = re.compile(r"[.!?…](?:[\"'”’»)\]]+)?$")

_CAPTION_START = re.compile(
    r"^(?:FILE(?:\s+PHOTO)?\s*[-–—:]|FILE PHOTO\b|PHOTO\s*[-–—:]|"
    r"(?:Photo|Photograph|Picture|Image|Pictured)\s*:|Image\s+caption\b|"
    r"(?:WATCH|Watch|VIDEO|Video|LISTEN)\s*:)"
)

# A photo credit closing the line: "(AP Photo/...)", "REUTERS/Name", "Photo by Name / AFP".
_PHOTO_CREDIT_END = re.compile(
    r"\((?:AP|AFP|EPA|Reuters|Getty|Photo|File)\b[^()]*(?:Photo|Images|/)[^()]*\)\s*$"
    r"|\b(?:REUTERS|AFP|EPA|AP|Getty\s+Images)/[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:/File)?\s*$"
    r"|\bPhoto(?:graph)?\s+(?:by|:)\s+[^.!?]{2,60}?\s*/\s*(?:AFP|AP|EPA|Reuters|Getty\s+Images)\s*$"
    r"|\([^()]{2,80}\bvia\s+(?:AP|AFP|EPA|Reuters|Getty\s+Images)\)\s*$"  # "(Police via AP)"
    r"|[.!?]\s+\((?:Photo|Image|Picture|Credit|[A-Z][\w&' ]{0,20}\s+News)\s*:\s*[^()]{2,60}\)\s*$"
    r"|[.!?]\s+(?:Photo(?:graph)?|Picture|Image)\s*:\s*[A-Z][^.!?]{1,60}$"  # "... Photo: Gwent Police"
)

_DATE_WORD = re.compile(
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|"
    r"am|pm|utc|gmt|edt|est|cet|cest|bst|ist|aest|aedt|updated|published|posted|last|first|"
    r"on|at|ago|h|m|min|mins|hrs?|hours?|minutes?|just|now|yesterday"
)

# Words that page chrome is made of. A line is furniture only if it *starts* with one of these and
# is not a sentence, so "Share prices fell 3% on Monday." is safe.
_UI_PHRASE = re.compile(
    r"^(?:accessibility links|breaking news|skip to(?: main)? content|advertisement|"
    r"story continues below|share(?: this)?|subscribe|print|comments?|related|follow us|"
    r"sign up|sign in|log ?in|log out|newsletter|e-?mail|facebook|twitter|whatsapp|linkedin|"
    r"telegram|read more|more from|see all|see also|back to top|cookies?|accept all|listen to|"
    r"open in app|download the app|most read|most popular|top stories|enter your e-?mail)\b",
    re.IGNORECASE,
)

# In the middle of an article only a bare menu word on its own line goes.
MIDDLE_UI = re.compile(
    r"(?:advertisement|story continues below(?: advertisement)?|share(?: this(?: article)?)?|"
    r"subscribe|print|comments?|related(?: stories| articles| content)?|read more|"
    r"skip to(?: main)? content|accessibility links|breaking news)",
    re.IGNORECASE,
)

RELATED_MARKER = re.compile(
    r"^(?:related\b|read more|more from|see also|most read|most popular|top stories|trending|"
    r"most viewed|recommended|you may also like|sponsored|latest news|more stories|editor'?s picks)",
    re.IGNORECASE,
)

# A link to another story: "Read more: 5 things to watch in this year's budget".
LINK_LINE = re.compile(
    r"^\W*(?:related|read\s+more|also\s+read|read\s+also|see\s+also|more\s+on\s+this)\s*:",
    re.IGNORECASE,
)
# Page chrome that is never article text wherever it stands, each kind with the words that must be
# in a line before its pattern is tried (most paragraphs have none of them).
_CHROME: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (hints, re.compile(pattern, re.IGNORECASE))
    for hints, pattern in (
        (  # "This site uses cookies ...", "accept all cookies", "our use of cookies"
            ("cookie",),
            r"\b(?:we|site|sites|website|websites)\s+uses?\s+cookies\b|\baccept\s+(?:all\s+)?"
            r"cookies\b|\buse\s+of\s+cookies\b|\bcookie\s+(?:policy|settings)\b",
        ),
        (
            ("copyright", "©", "(c) ", "rights reserved"),
            r"^\W*(?:©|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b",
        ),
        (
            ("comment", "discussion"),
            r"^\W*(?:log\s*in|sign\s*in|register)\b[^.]{0,40}\bto\s+(?:comment|join\s+the\s+"
            r"discussion)\b",
        ),
        (
            ("newsletter", "sign up"),
            r"\bnewsletter\b[^.]{0,80}(?:inbox|top\s+stories|for\s+free|sign\s+up)"
            r"|^\W*sign\s+up\s+(?:to|for)\b",
        ),
        (("privacy",), r"\bprivacy\s+(?:collection\s+statement|notice|policy)\b[^.]{0,40}\.?$"),
        (("javascript",), r"\bturn\s+on\s+javascript\b"),
        (("download",), r"\bdownload\s+(?:the|our)\s+[^.]{0,30}\bapp\b"),
        (
            ("related", "read more", "read also", "also read", "see also", "more on this"),
            LINK_LINE.pattern,
        ),
        ((" | ",), r"^[^.|]{1,40}(?:\s\|\s[^.|]{1,40}){2,}$"),  # "About Us | Contact Us | Careers"
        (  # paywalls: "You have 3 free articles left this month", "Subscribe to continue reading"
            ("free article", "continue reading", "keep reading"),
            r"\bfree\s+articles?\s+(?:left|remaining)\b|\bsubscribe\s+to\s+(?:continue|keep)\s+reading\b",
        ),
        (  # an embedded post's signature: "— Priya Raman (@priyaraman_news) March 3, 2024"
            ("(@",),
            r"^\W*[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s*(?:[A-Z][a-z]+\s+\d{1,2},\s+\d{4})?\s*$",
        ),
        (  # a bare link on its own line
            ("http", "www.", "pic.twitter"),
            r"^\W*(?:https?://|www\.|pic\.twitter\.com/)\S+\s*$",
        ),
    )
)

# Who wrote or edited it: "Written by Ankit Sharma | Edited by Priya Natarajan".
_CREDIT_LINE = re.compile(r"^(?:written|edited|reported|compiled)\s+by\s", re.IGNORECASE)

# A stamp with a place or a label before it: "New Delhi, Updated: May 28, 2024 19:42 IST".
_STAMP_LINE = re.compile(r"\b(?:updated|published|posted)\s*:?\s+\w", re.IGNORECASE)

_MAX_CAPTION_CHARS = 600

_CREDIT_HINTS = ("/", "hoto", "mages", "via ", "News:", "Image:", "Credit:", "Picture:")

SHORT_WORDS = 4


_ANY_CHROME_HINT = re.compile("|".join(re.escape(h) for hints, _ in _CHROME for h in hints))


def is_chrome(text: str) -> bool:
    lowered = text.lower()
    if _ANY_CHROME_HINT.search(lowered) is None:
        return False  # the usual line: one search instead of a test per kind
    return any(
        any(hint in lowered for hint in hints) and pattern.search(text) is not None
        for hints, pattern in _CHROME
    )


def is_menu_line(text: str) -> bool:
    return not ends_sentence(text) and len(text.split()) <= 6


def is_stamp(text: str) -> bool:
    """A time stamp on its own line ("43m ago", "11.05 BST", "Updated at 11.20 BST")."""
    return not ends_sentence(text) and len(text.split()) <= 6 and is_date_line(text)


def is_furniture(text: str, *, edge: bool) -> bool:
    if is_sentence(text):
        return False
    return len(text.split()) <= SHORT_WORDS or is_ui_line(text, any_length=edge)


def is_ui_line(text: str, *, any_length: bool) -> bool:
    """A menu word ("Share", "Sign up"); ``any_length`` also catches longer UI prompts."""
    if is_sentence(text) or not _UI_PHRASE.match(text):
        return False
    return any_length or len(text.split()) <= SHORT_WORDS


def is_byline_or_date(text: str) -> bool:
    return bool(re.match(r"^by\s", text, re.IGNORECASE) or _CREDIT_LINE.match(text)) or (
        is_date_line(text)
    )


def is_date_line(text: str) -> bool:
    """ "Posted Mar 21, 2024 4:18 PM EDT", "43m ago", "New Delhi, Updated: May 28, 2024 19:42 IST"."""
    if _STAMP_LINE.search(text) and len(text.split()) <= 12 and not ends_sentence(text):
        return True
    tokens = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    return bool(tokens) and all(t.isdigit() or _DATE_WORD.fullmatch(t) for t in tokens)


def is_sentence(text: str) -> bool:
    return ends_sentence(text) and len(text.split()) >= 3


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def looks_like_caption(text: str) -> bool:
    """Starts like a caption ("FILE - ", "Photo:") or ends with a photo credit ("(AP Photo/...)")."""
    if len(text) > _MAX_CAPTION_CHARS:
        return False
    if _CAPTION_START.match(text):
        return True
    # a credit closes the line and names a photo, images or an agency with a slash
    tail_start = max(0, len(text) - 160)
    tail = text[tail_start:]
    if not any(hint in tail for hint in _CREDIT_HINTS):
        return False
    return _PHOTO_CREDIT_END.search(text, tail_start) is not None
