"""A file becomes public only when staff say so at upload, and only once the agenda is published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from meetings.models import Attachment
from tests import factories

pytestmark = pytest.mark.django_db


def test_uploaded_file_marked_public_appears_on_the_public_page(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    meeting = factories.MeetingFactory(agenda_published=True)
    client.force_login(factories.staff_user())
    url = reverse("meetings:attachment_upload", args=[meeting.pk])
    client.post(url, {"file": SimpleUploadedFile("공개자료.pdf", b"%PDF-1.4 x"), "is_public": "on"})
    client.post(url, {"file": SimpleUploadedFile("내부자료.pdf", b"%PDF-1.4 y")})
    assert dict(Attachment.objects.values_list("original_name", "is_public")) == {
        "공개자료.pdf": True,
        "내부자료.pdf": False,
    }
    page = Client().get(reverse("public:meeting", args=[meeting.pk])).content.decode()
    assert "공개자료.pdf" in page and "내부자료.pdf" not in page
    public_file = Attachment.objects.get(is_public=True)
    response = Client().get(reverse("public:attachment", args=[public_file.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    private_file = Attachment.objects.get(is_public=False)
    assert Client().get(reverse("public:attachment", args=[private_file.pk])).status_code == 404
