"""Django's user admin, with the account's preferences on the same page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import Preferences


class PreferencesInline(admin.StackedInline):
    model = Preferences
    can_delete = False
    extra = 0
    max_num = 1


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class AccountAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, PreferencesInline]
