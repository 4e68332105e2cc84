from django.utils.translation import gettext_lazy as _

from reports.rules import Status

STATUS_LABELS = {
    Status.NOT_DUE: _("기한 전"),
    Status.DRAFT: _("작성 중"),
    Status.ON_TIME: _("기한 내 제출"),
    Status.LATE: _("지연 제출"),
    Status.MISSING: _("미제출"),
    Status.RETURNED: _("반려"),
    Status.ACCEPTED: _("접수 완료"),
}
