"""Pages under /c/<slug>/enquiries/."""

from django.urls import path

from . import report_views, views

urlpatterns = [
    path("", views.enquiry_list, name="enquiry_list"),
    path("new/", views.enquiry_new, name="enquiry_new"),
    path("<int:enquiry_id>/", views.enquiry_detail, name="enquiry_detail"),
    path("<int:enquiry_id>/do/<slug:action>/", views.enquiry_action, name="enquiry_action"),
    path("<int:enquiry_id>/attachments/<int:attachment_id>/", views.enquiry_attachment, name="enquiry_attachment"),
    path("questions/new/", views.question_new, name="question_new"),
    path("direct-contact/", views.direct_contacts, name="direct_contacts"),
    path("services/", views.service_directory, name="service_directory"),
    path("workplans/", views.workplans_page, name="workplans"),
    path("targets/", views.enquiry_targets, name="enquiry_targets"),
    path("workload/", report_views.workload_page, name="enquiry_workload"),
    path("performance/", report_views.performance_page, name="enquiry_performance"),
    path("performance.csv", report_views.performance_csv, name="enquiry_performance_csv"),
]
