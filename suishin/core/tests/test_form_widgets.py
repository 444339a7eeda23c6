"""Select lists are written by the project's own template and filter (``select_options``):
they must say exactly what Django's stock widget says, escaped."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test.html import parse_html

from suishin.core.forms import ModelChoiceField, ModelMultipleChoiceField
from suishin.core.models import User
from suishin.testing.personas import World


class PickForm(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "---------"), ("a", "A & B"), ('"><script>', "<script>alert(1)</script>")]
    )
    grouped = forms.ChoiceField(
        required=False,
        choices=[("x", "Plain"), ("<刑事>", [("1", "捜査第一課"), ("2", "捜査第二課")])],
    )
    several = forms.MultipleChoiceField(
        required=False, choices=[("1", "生活安全"), ("2", "交通"), ("3", "地域")]
    )


def html_of(field: forms.BoundField) -> object:
    return parse_html(str(field))


def test_options_are_escaped_and_the_chosen_one_selected() -> None:
    form = PickForm(data={"plain": '"><script>'})

    assert html_of(form["plain"]) == parse_html(
        '<select name="plain" id="id_plain" required>'
        '<option value="">---------</option>'
        '<option value="a">A &amp; B</option>'
        '<option value="&quot;&gt;&lt;script&gt;" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>'
        "</select>"
    )
    assert "<script>" not in str(form["plain"])


def test_groups_are_optgroups_with_escaped_labels() -> None:
    form = PickForm(initial={"grouped": "2"})

    assert html_of(form["grouped"]) == parse_html(
        '<select name="grouped" id="id_grouped">'
        '<option value="x">Plain</option>'
        '<optgroup label="&lt;刑事&gt;">'
        '<option value="1">捜査第一課</option>'
        '<option value="2" selected>捜査第二課</option>'
        "</optgroup></select>"
    )


def test_a_multiple_select_marks_every_chosen_option() -> None:
    form = PickForm(data={"plain": "a", "several": ["1", "3"]})

    assert html_of(form["several"]) == parse_html(
        '<select name="several" id="id_several" multiple>'
        '<option value="1" selected>生活安全</option>'
        '<option value="2">交通</option>'
        '<option value="3" selected>地域</option>'
        "</select>"
    )


def test_the_same_html_as_django_s_own_template() -> None:
    """The stock template, rendered beside ours, gives the same element."""
    from django.forms.renderers import DjangoTemplates

    data = {"plain": "a", "grouped": "1", "several": ["2"]}
    ours, stock = PickForm(data=data), PickForm(data=data, renderer=DjangoTemplates())
    for name in ("plain", "grouped", "several"):
        assert html_of(ours[name]) == html_of(stock[name])


@pytest.mark.django_db
def test_a_model_choice_list_is_read_by_one_ordinary_query(
    world: World, django_assert_num_queries: Any
) -> None:
    class PersonForm(forms.Form):
        person = ModelChoiceField(queryset=User.objects.order_by("username"), required=False)
        people = ModelMultipleChoiceField(queryset=User.objects.order_by("username"))

    form = PersonForm(initial={"person": world.users["officer_a"].pk})
    with django_assert_num_queries(2) as captured:
        person, people = str(form["person"]), str(form["people"])
        assert str(form["person"]) == person, "drawn twice, read once"
    assert all("CURSOR" not in query["sql"].upper() for query in captured.captured_queries)
    names = [user.username for user in User.objects.order_by("username")]
    assert [option for option in names if f">{option}<" in person] == names
    assert f'value="{world.users["officer_a"].pk}" selected' in person
    assert person.count("<option") == len(names) + 1, "the empty choice first"
    assert people.count("<option") == len(names)
