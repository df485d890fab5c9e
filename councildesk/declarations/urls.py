"""Pages under /c/<slug>/declarations/."""

from django.urls import path

from . import views as v

urlpatterns = [
    path("", v.declaration_list, name="declarations"),
    path("new/", v.declaration_new, name="declaration_new"),
    path("<int:declaration_id>/", v.declaration_detail, name="declaration"),
    path("<int:declaration_id>/end/", v.declaration_end, name="declaration_end"),
]
