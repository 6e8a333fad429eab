from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, whose default site is config.admin_site.StaffAdminSite."""

    default_site = "config.admin_site.StaffAdminSite"
