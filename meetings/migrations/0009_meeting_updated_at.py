import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0008_meeting_full_lifecycle"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="수정 일시"
            ),
            preserve_default=False,
        ),
    ]
