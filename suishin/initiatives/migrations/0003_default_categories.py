from django.db import migrations

# The circular's items (001 1(1)–1(3)) and seed 004's 仕事を減らす; institutions may add their own.
DEFAULT_CATEGORIES = (
    ("1(1)ア", "柔軟な組織運営", False),
    ("1(1)イ", "効率的な業務運営", False),
    ("1(1)ウ", "関係機関・団体等との連携", False),
    ("1(2)ア", "相談・照会体制", False),
    ("1(2)イ", "安全な職務執行・施設セキュリティ", False),
    ("1(2)ウ", "働きやすい職場環境", False),
    ("1(3)ア", "情報管理システム", False),
    ("1(3)イ", "先端技術（AI、ドローン等）", False),
    ("減", "仕事を減らす", True),
)


def create_defaults(apps, schema_editor):
    category = apps.get_model("initiatives", "InitiativeCategory")
    for order, (code, name, reduces) in enumerate(DEFAULT_CATEGORIES, start=1):
        category.objects.get_or_create(
            institution=None,
            code=code,
            defaults={"name": name, "reduces_work": reduces, "sort_order": order * 10},
        )


def remove_defaults(apps, schema_editor):
    category = apps.get_model("initiatives", "InitiativeCategory")
    codes = [code for code, _name, _reduces in DEFAULT_CATEGORIES]
    category.objects.filter(institution=None, code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_initiatives_and_kpis")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
