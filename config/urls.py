"""All URLs. Council pages live under /c/<slug>/; the JSON API under /api/v1/."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from councildesk.accounts import views as account_views
from councildesk.api.routes import api
from councildesk.api.views import tokens
from councildesk.audit.views import audit_status
from councildesk.core.views import accessibility
from councildesk.delegation import views as delegation_views
from councildesk.people import views as people_views
from councildesk.protocol import views as protocol_views

council_patterns: list[URLPattern | URLResolver] = [
    path("", people_views.council_home, name="council_home"),
    path("people/", people_views.people, name="people"),
    path("people/", include("councildesk.people.urls")),
    path("structure/", people_views.structure, name="structure"),
    path("protocol/", protocol_views.protocol, name="protocol"),
    path("protocol/clauses/<path:ref>", protocol_views.clause, name="clause"),
    path("protocol/rules/", protocol_views.rules_index, name="rules"),
    path("protocol/rules/<str:rule_id>/", protocol_views.rule, name="rule"),
    path("protocol/coverage/", include("councildesk.coverage.urls")),
    path("protocol/", include("councildesk.protocol.urls")),
    path("audit/", audit_status, name="audit_status"),
    path("monitoring/", include("councildesk.oversight.urls")),
    path("enquiries/", include("councildesk.enquiries.urls")),
    path("documents/", include("councildesk.documents.urls")),
    path("complaints/", include("councildesk.complaints.urls")),
    path("declarations/", include("councildesk.declarations.urls")),
    path("delegation/", include("councildesk.delegation.urls")),
    path("finance/", include("councildesk.finance.urls")),
    path("transparency/", delegation_views.transparency, name="transparency"),  # public: no sign-in
    path("deadlines/", include("councildesk.deadlines.urls")),
    path("groups/", include("councildesk.groups.urls")),
    path("elections/", include("councildesk.elections.urls")),
    path("media/", include("councildesk.media.urls")),
    path("wards/", include("councildesk.wards.urls")),
    path("correspondence/", include("councildesk.correspondence.urls")),
    path("notifications/", include("councildesk.notifications.urls")),
    path("mail/", include("councildesk.mailin.urls")),
]

urlpatterns = [
    path("", people_views.home, name="home"),
    path("councils/", people_views.councils, name="councils"),
    path("accounts/login/", account_views.sign_in, name="login"),  # password, then the second factor
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", tokens, name="tokens"),
    path("accounts/", include("councildesk.accounts.urls")),
    path("accessibility/", accessibility, name="accessibility"),
    path("c/<slug:slug>/", include(council_patterns)),
    path("api/v1/", api.urls),
]

handler404 = "councildesk.core.handlers.not_found"
handler500 = "councildesk.core.handlers.server_error"
