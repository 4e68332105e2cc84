import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 주민등록번호 (YYMMDD-GNNNNNN): never stored (개인정보 보호법 제24조의2).
_RRN = re.compile(r"\b\d{6}\s*-\s*[1-8]\d{6}\b")


def reject_resident_number(value: str) -> None:
    if value and _RRN.search(value):
        raise ValidationError(
            _("주민등록번호로 보이는 값은 저장할 수 없습니다 (개인정보 보호법 제24조의2)."), code="rrn"
        )
