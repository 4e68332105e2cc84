"""The legal arithmetic of meetings, as plain functions on plain values (no ORM), by sub-domain:

- `sitting`: enrolment, presence and the opening quorum, votes, elections, convening, notice, written
  resolutions;
- `outcomes`: the attendance needed to decide, the chair's casting vote, written rules and the reason
  behind each result (issue 10 §3);
- `lifecycle`: which action a meeting allows in which state (issue 10 §2).

The package re-exports every public name, so callers keep writing `from meetings import rules`.
"""

from meetings.rules.interests import *  # noqa: F403
from meetings.rules.lifecycle import *  # noqa: F403
from meetings.rules.outcomes import *  # noqa: F403
from meetings.rules.sitting import *  # noqa: F403
