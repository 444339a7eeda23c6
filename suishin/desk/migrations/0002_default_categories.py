from django.db import migrations

# The categories of the circular's desk (生活安全 … その他); institutions may keep their own.
DEFAULT_CATEGORIES = (
    "生活安全",
    "刑事",
    "交通",
    "警備",
    "地域",
    "警務",
    "情報通信",
    "会計",
    "その他",
)


def create_defaults(apps, schema_editor):
    category = apps.get_model("desk", "InquiryCategory")
    for order, name in enumerate(DEFAULT_CATEGORIES, start=1):
        category.objects.get_or_create(
            institution=None, name=name, defaults={"sort_order": order * 10}
        )


def remove_defaults(apps, schema_editor):
    category = apps.get_model("desk", "InquiryCategory")
    category.objects.filter(institution=None, name__in=DEFAULT_CATEGORIES).delete()


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
