"""Documents the meetings app prints: 소집 통지문, 회의자료, 참석자 서명부 and 회의록, each as one
format-neutral `Document` (seongdong_gov.documents) that becomes HWPX or PDF, plus the legacy minutes PDF.

The builders read through meetings.selectors (the minutes only through `record_for`, so the documents
show exactly the frozen record once the minutes are locked) and write Korean whatever the viewer's
language: these are the office's official papers.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.models import Meeting, Minutes
from meetings.selectors import documents as doc_selectors
from seongdong_gov import documents
from seongdong_gov.documents import Document, cached_bytes
from seongdong_gov.rules import date_dots

# Part of the cache key of locked minutes' files: raise it when the minutes document's layout changes, so a
# shared cache never serves a file rendered by an older release.
MINUTES_FILE_VERSION = 1


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes (every field of 공공기록물법 시행령 제18조②) as an A4 PDF, from the same record the page
    shows: the frozen copy once locked."""
    meeting = minutes.meeting
    context = {"meeting": meeting, "minutes": minutes, "record": selectors.record_for(meeting, minutes)}
    return documents.render_pdf(
        "meetings/minutes_pdf.html", context, stylesheets=["meetings/print.css", documents.PAGE_NUMBERS]
    )


def _organiser(meeting: Meeting) -> str:
    if meeting.host_body:
        return meeting.host_body.name
    return ", ".join(b.name for b in meeting.bodies.all())


def _when(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{date_dots(start.date())} {start:%H:%M}–{end:%H:%M}"


def filename_stem(meeting: Meeting, label: str) -> str:
    """`2026-12-10 제1차 정기회의 회의록`: sorts by date in a folder, readable in 한글's file dialog."""
    return f"{timezone.localdate(meeting.starts_at):%Y-%m-%d} {meeting.title} {label}"


def notice(meeting: Meeting) -> Document:
    """회의 소집 통지문: addressed to the members; date, time, place, agenda, attachments, contact."""
    with translation.override("ko"):
        organiser = _organiser(meeting)
        doc = Document(title=_("회의 소집 통지문"), header_text=organiser)
        doc.heading(_("회의 소집 통지"), level=1)
        doc.paragraph(_("수신: %(body)s 위원") % {"body": organiser})
        doc.paragraph(_("제목: %(title)s 개최 알림") % {"title": meeting.title})
        doc.paragraph(
            _("%(body)s %(title)s를 다음과 같이 개최하오니 참석하여 주시기 바랍니다.")
            % {"body": organiser, "title": meeting.title}
        )
        doc.table(
            [
                [_("구분"), _("내용")],
                [_("회의명"), meeting.title],
                [_("일시"), _when(meeting)],
                [_("장소"), meeting.place or "—"],
                [_("종류"), meeting.get_kind_display()],
            ],
            col_widths_mm=[30, 140],
        )
        items = doc_selectors.document_items(meeting)
        doc.heading(_("안건"), level=2)
        doc.table(
            [[_("순서"), _("구분"), _("안건명")]]
            + [[str(i.order), i.get_kind_display(), i.title] for i in items],
            col_widths_mm=[15, 30, 125],
        )
        doc.heading(_("첨부"), level=2)
        attachments = doc_selectors.document_attachments(meeting)
        doc.paragraph("\n".join(f"{n}. {a.original_name}" for n, a in enumerate(attachments, 1)) or _("없음"))
        doc.heading(_("문의"), level=2)
        doc.paragraph(doc_selectors.secretary_contact(meeting) or organiser)
        doc.paragraph(date_dots(timezone.localdate()), style="right")
        doc.paragraph(organiser, style="center", bold=True)
    return doc


def agenda_pack(meeting: Meeting) -> Document:
    """회의자료: a cover page, the timed run-of-show, each item with 제안 이유 and 주요 내용, attachments."""
    with translation.override("ko"):
        organiser = _organiser(meeting)
        items = doc_selectors.document_items(meeting)
        doc = Document(title=_("회의자료"), header_text=organiser)
        doc.paragraph("\n\n\n")
        doc.heading(meeting.title, level=1)
        doc.heading(_("회의자료"), level=1)
        doc.paragraph("\n\n")
        doc.paragraph(_when(meeting), style="center")
        doc.paragraph(meeting.place, style="center")
        doc.paragraph("\n\n")
        doc.paragraph(organiser, style="center", bold=True)
        doc.page_break()
        doc.heading(_("진행 순서"), level=2)
        doc.table(
            [[_("시간"), _("구분"), _("안건"), _("발표·진행")]]
            + [
                [f"{i.slot_start:%H:%M}–{i.slot_end:%H:%M}", i.get_kind_display(), i.title, i.presenter]
                for i in items
            ],
            col_widths_mm=[28, 25, 82, 35],
        )
        for item in items:
            doc.heading(f"{item.order}. {item.title}", level=2)
            doc.paragraph(
                _("구분: %(kind)s · 발표·진행: %(who)s")
                % {"kind": item.get_kind_display(), "who": item.presenter or "—"},
                style="small",
            )
            # 제안 이유 / 주요 내용 arrive with the record issue; until then the headings say so plainly
            for label, field in ((_("제안 이유"), "proposal_reason"), (_("주요 내용"), "main_content")):
                doc.heading(label, level=3)
                doc.paragraph(getattr(item, field, "") or "—")
            files = list(item.attachments.all())
            if files:
                doc.heading(_("첨부"), level=3)
                doc.paragraph("\n".join(f"- {a.original_name}" for a in files))
        loose = [a for a in doc_selectors.document_attachments(meeting) if a.item_id is None]
        if loose:
            doc.heading(_("회의 첨부 자료"), level=2)
            doc.paragraph("\n".join(f"- {a.original_name}" for a in loose))
    return doc


def signin_sheet(meeting: Meeting) -> Document:
    """참석자 서명부: members in seat order with an empty signature column; observers below, with blank
    rows for those not announced."""
    with translation.override("ko"):
        organiser = _organiser(meeting)
        doc = Document(title=_("참석자 서명부"), header_text=organiser)
        doc.heading(_("참석자 서명부"), level=1)
        doc.paragraph(meeting.title, style="center", bold=True)
        doc.paragraph(
            _("일시: %(when)s · 장소: %(place)s") % {"when": _when(meeting), "place": meeting.place or "—"},
            style="center",
        )
        rows = selectors.signin_rows(meeting)
        doc.heading(_("위원"), level=2)
        doc.table(
            [[_("연번"), _("구분"), _("성명"), _("소속"), _("서명")]]
            + [
                [str(n), r["seat"], r["name"], r["affiliation"], ""]
                for n, r in enumerate((r for r in rows if r["kind"] == "member"), 1)
            ],
            col_widths_mm=[12, 38, 30, 55, 35],
        )
        doc.heading(_("배석자"), level=2)
        # the observers on record, then blank rows for those who come unannounced
        observers = [[r["name"], r["affiliation"]] for r in rows if r["kind"] != "member"]
        doc.table(
            [[_("연번"), _("성명"), _("소속·직위"), _("서명")]]
            + [[str(n), name, aff, ""] for n, (name, aff) in enumerate(observers, 1)],
            col_widths_mm=[12, 40, 83, 35],
        )
    return doc


def _item_lines(item: dict) -> str:
    lines = [f"{item['order']}. [{item['kind_label']}] {item['title']}"]
    if item.get("presenter"):
        lines[0] += f" ({item['presenter']})"
    if item.get("reason"):
        lines.append(_("제안 이유: %(text)s") % {"text": item["reason"]})
    if item.get("summary"):
        lines.append(_("주요 내용: %(text)s") % {"text": item["summary"]})
    for r in item["recusals"]:
        label = r.get("kind_label") or _("회피·제척")  # records frozen before kinds existed
        lines.append(_("%(label)s: %(name)s (%(reason)s)") % {"label": label, **r})
    for v in item["votes"]:
        line = _(
            "의결: %(outcome_label)s — %(method_label)s %(taken_at)s, 재적 %(enrolled)s, 출석 %(present)s, "
            "찬성 %(yes)s, 반대 %(no)s, 기권 %(abstain)s"
        ) % {
            k: v[k]
            for k in (
                "outcome_label",
                "method_label",
                "taken_at",
                "enrolled",
                "present",
                "yes",
                "no",
                "abstain",
            )
        }
        if v["ballots"]:
            line += " (" + ", ".join(f"{b['name']} {b['choice_label']}" for b in v["ballots"]) + ")"
        lines.append(line)
    if item.get("written"):
        w = item["written"]
        lines.append(
            _("서면의결: %(outcome_label)s — 재적 %(enrolled)s, 찬성 %(yes)s, 반대 %(no)s, 기권 %(abstain)s")
            % w
        )
    if item.get("election"):
        e = item["election"]
        lines.append(_("선출: %(winner)s (%(role_label)s)") % e)
    return "\n".join(lines)


def minutes_document(meeting: Meeting, minutes: Minutes) -> Document:
    """회의록 from the record (`record_for`): every field of 공공기록물법 시행령 제18조②, attendance, recusals,
    votes, decisions and the approval block; the same text as the minutes page and its PDF."""
    record = selectors.record_for(meeting, minutes)
    with translation.override("ko"):
        m, q, mi = record["meeting"], record["quorum"], record["minutes"] or {}
        doc = Document(title=_("회의록"), header_text=m["organiser"])
        title = _("회의록")
        if mi.get("number"):
            title += f" ({mi['number']})"
        doc.heading(title, level=1)
        attendees = " ".join(
            r["name"]
            + (f"({_('대리')} {r['deputy']})" if r.get("deputy") else "")
            + (f"({_('영상')})" if r.get("mode") == "video" else "")
            for r in record["roster"]
            if r["status"] == "present"
        )
        attendees += " " + _("(재적 %(e)s명 중 %(p)s명 출석)") % {"e": q["enrolled"], "p": q["present"]}
        rows = [
            [_("항목"), _("내용")],
            [_("회의명"), m["title"]],
            [_("주관"), m["organiser"]],
            [_("일시"), f"{m['date']} {m['start']}–{m['end']}"],
            [_("장소"), m["place"]],
            [_("참석자"), attendees.strip()],
            [_("불참자"), ", ".join(f"{a['name']}({a['status_label']})" for a in record["absentees"]) or "—"],
        ]
        if record["late"] or record["left_early"]:
            rows.append(
                [
                    _("지각·조기 퇴장"),
                    ", ".join(
                        [_("%(name)s %(time)s 도착") % x for x in record["late"]]
                        + [_("%(name)s %(time)s 퇴장") % x for x in record["left_early"]]
                    ),
                ]
            )
        rows.append(
            [
                _("배석자"),
                ", ".join(f"{o['name']} {o['affiliation']}".strip() for o in record["observers"]) or "—",
            ]
        )
        rows.append([_("진행 순서 및 안건"), "\n".join(_item_lines(i) for i in record["items"]) or "—"])
        rows.append([_("발언 요지"), mi.get("remarks", "")])
        if mi:
            public = _("공개") if mi["is_public"] else _("비공개") + f": {mi['nondisclosure_reason']}"
            rows.append([_("공개 여부"), public])
            status = mi["status_label"] + (f" ({mi['approved_on']})" if mi.get("approved_on") else "")
            rows.append([_("상태"), status])
        doc.table(rows, col_widths_mm=[35, 135])
        if mi.get("approved_on"):
            doc.heading(_("승인"), level=2)
            approval = _("%(d)s %(n)s 승인") % {"d": mi["approved_on"], "n": mi["approved_by"]}
            if mi.get("locked_on"):
                approval += " · " + _("%(d)s 확정") % {"d": mi["locked_on"]}
            doc.paragraph(approval, style="right")
        # corrections are appended to locked minutes only (services.minutes_correct)
        for c in selectors.corrections_of(minutes) if minutes.status == Minutes.Status.LOCKED else ():
            doc.paragraph(
                _("정정 %(d)s: %(text)s (%(reason)s)")
                % {"d": date_dots(timezone.localdate(c.created_at)), "text": c.text, "reason": c.reason},
                style="small",
            )
    return doc


def minutes_file_key(minutes: Minutes, fmt: str) -> str | None:
    """The cache key of locked minutes' file (one query, for the corrections); None for other minutes."""
    if minutes.status != Minutes.Status.LOCKED or not minutes.record_sha256:
        return None
    corrections = hashlib.sha256(
        repr(list(minutes.corrections.values_list("pk", "created_at", "text", "reason"))).encode()
    ).hexdigest()
    return f"minutes-file:{MINUTES_FILE_VERSION}:{minutes.record_sha256}:{corrections}:{fmt}"


def minutes_file(meeting: Meeting, minutes: Minutes, fmt: str) -> bytes:
    """The minutes as `fmt` ("hwpx" or "pdf") bytes. Locked minutes show only their frozen record (its
    SHA-256 in `record_sha256`) and the corrections appended since, so their file is rendered once and kept
    in the documents cache under that digest, a digest of the corrections and the format; drafts and approved
    minutes change with the meeting and are always rendered. Side effects: a cache entry (locked only)."""
    key = minutes_file_key(minutes, fmt)
    if key is None:
        return minutes_document(meeting, minutes).render(fmt)
    return cached_bytes(key, lambda: minutes_document(meeting, minutes).render(fmt))
