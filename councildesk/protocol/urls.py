"""The protocol's own life, under /c/<slug>/protocol/."""

from django.urls import URLPattern, path

from . import life_views as v

urlpatterns: list[URLPattern] = [
    path("versions/new/", v.version_new, name="protocol_version_new"),
    path("versions/<int:version_id>/publish/", v.version_publish_view, name="protocol_version_publish"),
    path("acknowledge/", v.acknowledge, name="protocol_acknowledge"),
    path("acknowledgements/", v.acknowledgements, name="protocol_acknowledgements"),
    path("questions/", v.questions, name="protocol_questions"),
    path("questions/<int:question_id>/answer/", v.question_answer_view, name="protocol_question_answer"),
    path("compare/", v.compare, name="protocol_compare"),
]
