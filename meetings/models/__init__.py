"""Meetings: series on the working-day calendar, meetings, agendas, attendance, votes and minutes.

Invariants that matter are database constraints; the arithmetic lives in meetings/rules.py.

Models by sub-domain; every model is importable from meetings.models."""

from meetings.models.allowances import AllowanceBand, AllowanceRule, PaymentLine, PaymentList
from meetings.models.convening import (
    ConveningRequest,
    ConveningSignature,
)
from meetings.models.evoting import BallotBox, ElectronicBallot, SecretBallot, VoterMark
from meetings.models.interests import InterestDeclaration, RecusalChallenge
from meetings.models.meeting import (
    ALLOWED_EXTENSIONS,
    MAX_ATTACHMENT_BYTES,
    AgendaItem,
    Attachment,
    FeedToken,
    Meeting,
    MeetingKind,
    MeetingPurpose,
    MeetingSeries,
    Observer,
    SeriesHost,
    _attachment_path,
    validate_attachment,
)
from meetings.models.proceedings import (
    Attendance,
    Election,
    ElectionCandidate,
    Minutes,
    MinutesCorrection,
    NamedBallot,
    Recusal,
    Vote,
    WrittenAnswer,
    WrittenResolution,
)
from meetings.models.screen import ScreenLink
from meetings.models.tally import AttendanceTally, AttendanceTallyStamp

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_ATTACHMENT_BYTES",
    "AgendaItem",
    "AllowanceBand",
    "AllowanceRule",
    "Attachment",
    "Attendance",
    "AttendanceTally",
    "AttendanceTallyStamp",
    "BallotBox",
    "ConveningRequest",
    "ConveningSignature",
    "Election",
    "ElectionCandidate",
    "ElectronicBallot",
    "FeedToken",
    "InterestDeclaration",
    "Meeting",
    "MeetingKind",
    "MeetingPurpose",
    "MeetingSeries",
    "Minutes",
    "MinutesCorrection",
    "NamedBallot",
    "Observer",
    "PaymentLine",
    "PaymentList",
    "Recusal",
    "RecusalChallenge",
    "ScreenLink",
    "SecretBallot",
    "SeriesHost",
    "Vote",
    "VoterMark",
    "WrittenAnswer",
    "WrittenResolution",
    "_attachment_path",
    "validate_attachment",
]
