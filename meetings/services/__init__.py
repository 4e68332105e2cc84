"""Writes, by sub-domain. Keyword-only, one transaction each, every state change audited. Rule
violations are raised as ValidationError with Korean messages for the form. Callers use
`from meetings import services; services.vote_record(...)`; the names are re-exported here."""

from meetings.selectors import at_meeting_time as _at  # the named-vote browser tests build times with it
from meetings.selectors import vote_context, vote_roster  # reads, kept reachable under their old names
from meetings.services.agenda import (
    agenda_item_save,
    agenda_publish,
    attachment_add,
    attachment_replace_document,
    recusal_add,
)
from meetings.services.attendance import attendance_mark_all_present, attendance_record, attendance_save
from meetings.services.calendar import calendar_exception_delete, calendar_exception_save
from meetings.services.convening import convening_request_open, convening_request_sign
from meetings.services.elections import election_record
from meetings.services.evoting import ballot_box_close, ballot_box_open, ballot_box_void, ballot_cast
from meetings.services.feeds import feed_token_renew
from meetings.services.guard import meeting_for_write
from meetings.services.interests import (
    challenge_decide,
    challenge_file,
    interest_declare,
    recusal_from_declaration,
)
from meetings.services.live import meeting_current_item_set, screen_link_create, screen_link_revoke
from meetings.services.meeting import (
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_mark_no_quorum,
    meeting_reschedule,
    meeting_send_notice,
    new_uid,
    observer_add,
)
from meetings.services.minutes import minutes_approve, minutes_correct, minutes_lock, minutes_save
from meetings.services.series import series_generate, series_save
from meetings.services.tally import attendance_tally, attendance_tally_invalidate
from meetings.services.voting import vote_record
from meetings.services.written import written_answer, written_count, written_open

_new_uid = new_uid

__all__ = [
    "_at",
    "_new_uid",
    "agenda_item_save",
    "agenda_publish",
    "attachment_add",
    "attachment_replace_document",
    "attendance_mark_all_present",
    "attendance_record",
    "attendance_save",
    "attendance_tally",
    "attendance_tally_invalidate",
    "ballot_box_close",
    "ballot_box_open",
    "ballot_box_void",
    "ballot_cast",
    "calendar_exception_delete",
    "calendar_exception_save",
    "challenge_decide",
    "challenge_file",
    "convening_request_open",
    "convening_request_sign",
    "election_record",
    "feed_token_renew",
    "interest_declare",
    "meeting_cancel",
    "meeting_create",
    "meeting_current_item_set",
    "meeting_for_write",
    "meeting_mark_held",
    "meeting_mark_no_quorum",
    "meeting_reschedule",
    "meeting_send_notice",
    "minutes_approve",
    "minutes_correct",
    "minutes_lock",
    "minutes_save",
    "new_uid",
    "observer_add",
    "recusal_add",
    "recusal_from_declaration",
    "screen_link_create",
    "screen_link_revoke",
    "series_generate",
    "series_save",
    "vote_context",
    "vote_record",
    "vote_roster",
    "written_answer",
    "written_count",
    "written_open",
]
