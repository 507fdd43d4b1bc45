"""Messages that cross screens. They carry ids and core dataclasses, never widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ReviewerChanged(Message):
    """The reviewer name recorded on every change was set or changed."""

    reviewer: str
