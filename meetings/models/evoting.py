"""Electronic votes (전자 투표, issue 15 §2): members vote on their own devices while a ballot box is open.

How to read them (the live screen reads these too):
- `BallotBox`: one per opening on an item. Open = `closed_at` and `discarded_at` both empty; at most one
  open box per item (a partial unique constraint). Closing records a `Vote` (electronic=True) exactly as a
  secretary-entered one and links it in `vote`; voiding sets `discarded_at` and records nothing.
- `VoterMark`: that a member has voted in a box (named or secret), nothing more: "n명 투표" is
  `box.voter_marks.count()`. It carries no time and no link to a ballot.
- `ElectronicBallot`: a named (기명) ballot, member and choice; changeable while the box is open.
- `SecretBallot`: a secret (무기명) ballot, secret by construction: a random UUID key, the box, the choice
  and the SHA-256 digest of a receipt kept only in a signed cookie on the voter's device; no member and
  no timestamp. On close the secret ballots are counted into the Vote's totals and deleted, so only the
  totals and who voted remain. Deleted rows physically persist in PostgreSQL's heap until VACUUM reclaims
  them (autovacuum does so on its own schedule); even then they carry no member.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committees.models import Membership
from meetings.models.meeting import AgendaItem
from meetings.models.proceedings import NamedBallot, Vote
from seongdong_gov.choices import FastChoicesDisplay

Choice = NamedBallot.Choice


class BallotBox(FastChoicesDisplay, models.Model):
    class Method(models.TextChoices):
        NAMED = Vote.Method.NAMED.value, Vote.Method.NAMED.label
        SECRET = Vote.Method.SECRET.value, Vote.Method.SECRET.label

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="ballot_boxes")
    method = models.CharField(_("표결 방법"), max_length=16, choices=Method.choices)
    opened_at = models.DateTimeField(_("투표 개시"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("투표 마감"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vote = models.OneToOneField(
        Vote, null=True, blank=True, on_delete=models.PROTECT, related_name="ballot_box"
    )
    discarded_at = models.DateTimeField(_("무효 처리"), null=True, blank=True)

    class Meta:
        verbose_name = _("전자 투표함")
        verbose_name_plural = _("전자 투표함")
        ordering = ["item", "opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(closed_at__isnull=True, discarded_at__isnull=True),
                name="ballotbox_one_open_per_item",
            ),
            models.CheckConstraint(condition=Q(method__in=["named", "secret"]), name="ballotbox_method"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(discarded_at__isnull=True),
                name="ballotbox_closed_or_discarded",
            ),
            models.CheckConstraint(
                # closed means counted: a closed box always has its Vote, an open or voided one never
                condition=Q(vote__isnull=True, closed_at__isnull=True)
                | Q(vote__isnull=False, closed_at__isnull=False),
                name="ballotbox_vote_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_method_display()} {self.opened_at:%H:%M}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.discarded_at is None

    @property
    def is_secret(self) -> bool:
        return self.method == self.Method.SECRET


class VoterMark(FastChoicesDisplay, models.Model):
    """That `membership` voted in `box`: no time, no ballot."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="voter_marks")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["box", "membership"], name="votermark_once")]

    def __str__(self) -> str:
        return f"{self.box_id}: {self.membership_id}"


class ElectronicBallot(FastChoicesDisplay, models.Model):
    """A named ballot cast on the member's device; one per member, changeable while the box is open."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="named_ballots")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["box", "membership"], name="eballot_one_per_member")]

    def __str__(self) -> str:
        return f"{self.box_id}: {self.membership_id} {self.choice}"


class SecretBallot(FastChoicesDisplay, models.Model):
    """A secret ballot: no member, no timestamp, a random key (no insertion order to read)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="secret_ballots")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    receipt_digest = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"{self.box_id}: {self.choice}"
