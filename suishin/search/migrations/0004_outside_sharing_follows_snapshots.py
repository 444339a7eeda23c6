from django.db import migrations


def follow_the_records(apps, schema_editor):
    """The knowledge and initiatives migrations changed records without signals: bring their
    search documents in line before anyone searches, so nothing withdrawn is still found.
    Articles are found only inside their institution; cases, now awaiting confirmation, are
    not found at all until a second person confirms them (which indexes them again)."""
    SearchDocument = apps.get_model("search", "SearchDocument")
    articles = SearchDocument.objects.filter(type_key="knowledge.article")
    articles.filter(classification=1).update(classification=2)
    articles.update(shared_nationwide=False)
    through = SearchDocument.shared_organizations.through
    for link in through.objects.filter(searchdocument__type_key="knowledge.article").select_related(
        "searchdocument__organization", "organization"
    ):
        if link.organization.institution_id != link.searchdocument.organization.institution_id:
            link.delete()
    SearchDocument.objects.filter(type_key="initiatives.case").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_fts_vocabulary"),
        ("knowledge", "0004_article_shared_through_snapshots"),
        ("initiatives", "0007_cases_confirmed_by_a_second_person"),
    ]

    operations = [
        migrations.RunPython(follow_the_records, migrations.RunPython.noop),
    ]
