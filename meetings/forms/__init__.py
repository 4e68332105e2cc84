"""Forms by sub-domain; every form is importable from meetings.forms."""

from meetings.forms.agenda import AgendaItemForm, AttachmentForm, RecusalForm
from meetings.forms.attendance import AttendanceForm
from meetings.forms.calendar import CalendarExceptionForm
from meetings.forms.convening import ConveningForm
from meetings.forms.interests import ChallengeDecisionForm, ChallengeForm, InterestDeclarationForm
from meetings.forms.live import CurrentItemForm
from meetings.forms.meeting import (
    CancelForm,
    MeetingForm,
    MeetingListFilterForm,
    ObserverForm,
    RescheduleForm,
)
from meetings.forms.minutes import MinutesCorrectionForm, MinutesForm
from meetings.forms.series import SeriesForm, SeriesGenerateForm
from meetings.forms.voting import (
    BallotBoxCloseForm,
    BallotBoxOpenForm,
    BallotForm,
    ElectionForm,
    NamedBallotForm,
    NamedVoteSetupForm,
    VoteForm,
    WrittenAnswerForm,
    WrittenOpenForm,
)

__all__ = [
    "AgendaItemForm",
    "AttachmentForm",
    "AttendanceForm",
    "BallotBoxCloseForm",
    "BallotBoxOpenForm",
    "BallotForm",
    "CalendarExceptionForm",
    "CancelForm",
    "ChallengeDecisionForm",
    "ChallengeForm",
    "ConveningForm",
    "CurrentItemForm",
    "ElectionForm",
    "InterestDeclarationForm",
    "MeetingForm",
    "MeetingListFilterForm",
    "MinutesCorrectionForm",
    "MinutesForm",
    "NamedBallotForm",
    "NamedVoteSetupForm",
    "ObserverForm",
    "RecusalForm",
    "RescheduleForm",
    "SeriesForm",
    "SeriesGenerateForm",
    "VoteForm",
    "WrittenAnswerForm",
    "WrittenOpenForm",
]
