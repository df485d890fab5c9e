"""Pages under /c/<slug>/finance/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.commitment_list, name="finance"),
    path("new/", v.commitment_new, name="finance_new"),
    path("signatories/", v.signatories, name="finance_signatories"),
    path("<int:commitment_id>/", v.commitment_detail, name="finance_item"),
]
