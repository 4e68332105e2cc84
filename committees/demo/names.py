"""Deterministic, unique fictional names for the demo people (only the public titles are real)."""

from __future__ import annotations

import itertools

from committees.models import Gender

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈시"
_MALE = [
    "민준",
    "서준",
    "도윤",
    "예준",
    "시우",
    "주원",
    "하준",
    "지호",
    "준서",
    "현우",
    "건우",
    "우진",
    "선우",
    "정우",
    "승현",
    "동현",
    "재원",
    "성민",
    "영호",
    "상철",
    "태식",
    "경수",
    "병훈",
    "종현",
    "기석",
]
_FEMALE = [
    "서연",
    "서윤",
    "지우",
    "하은",
    "민서",
    "지민",
    "수아",
    "윤서",
    "채원",
    "지아",
    "은서",
    "예린",
    "수빈",
    "다은",
    "혜진",
    "미경",
    "정희",
    "영숙",
    "은정",
    "소영",
    "경희",
    "선영",
    "미란",
    "현숙",
    "보람",
]


class Names:
    """Deterministic, unique fictional names."""

    def __init__(self):
        self.pairs = {
            Gender.MALE: itertools.product(_MALE, _SURNAMES),
            Gender.FEMALE: itertools.product(_FEMALE, _SURNAMES),
        }

    def next(self, gender: str) -> str:
        given, surname = next(self.pairs[gender])
        return surname + given
