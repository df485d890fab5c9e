"""``reverse_remembered`` answers as ``reverse`` does, under the script prefix and URL configuration in force."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from councildesk.core.links import reverse_remembered


def test_it_answers_as_reverse_does():
    assert reverse_remembered("council_home", "sandon-burston") == reverse("council_home", args=["sandon-burston"])
    assert reverse_remembered("enquiry_detail", "sandon-burston", 7) == "/c/sandon-burston/enquiries/7/"
    assert reverse_remembered("account") == reverse("account")


def test_the_script_prefix_is_part_of_the_answer():
    plain = reverse_remembered("council_home", "sandon-burston")
    set_script_prefix("/desk/")
    try:
        assert reverse_remembered("council_home", "sandon-burston") == "/desk" + plain
    finally:
        clear_script_prefix()
    assert reverse_remembered("council_home", "sandon-burston") == plain


def test_a_name_that_does_not_reverse_raises_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            reverse_remembered("no_such_page", "sandon-burston")
