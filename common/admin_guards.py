"""The admin's safety rails, shared by every ModelAdmin of the project.

- An object outside the user's queryset (another country's record, or no such row) is a
  404 on its change, history and delete pages, not Django's redirect to the index.
- A POSTed action the user does not have, or a selection outside what they may see, is a
  403 before anything runs.
- A change form carries a version token: a hash of the row, its many-to-many choices and
  its inline rows, taken when the form was drawn. The save is refused (409, with a link to
  the current state and the values that were not saved) when the token no longer matches
  the database, read again under a row lock in the save's transaction. So the later of
  two people editing the same thing never overwrites the earlier one unseen.

Lives in `common` because every app's admin uses it; it imports no app of the project.
"""

import hashlib
import json

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

VERSION_FIELD = "_version"


class GuardedModelAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_object(self, request: HttpRequest, object_id: str, from_field=None) -> Model:
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(
                _("There is no %(name)s with the id “%(id)s” that you may see.")
                % {"name": self.opts.verbose_name, "id": object_id}
            )
        return obj

    def response_action(self, request: HttpRequest, queryset):
        allowed = self.get_actions(request)
        if any(name and name not in allowed for name in request.POST.getlist("action")):
            raise PermissionDenied(_("That action is not available to you."))
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
        try:
            pks = {self.opts.pk.to_python(pk) for pk in selected}
        except ValidationError as error:
            raise BadRequest(
                _("%(param)s: “%(value)s” is not an id.")
                % {"param": ACTION_CHECKBOX_NAME, "value": ", ".join(selected)}
            ) from error
        if pks and self.get_queryset(request).filter(pk__in=pks).count() != len(pks):
            raise PermissionDenied(_("The selection holds records you may not act on."))
        return super().response_action(request, queryset)

    # The version token of change forms.

    def version_token(self, request: HttpRequest, obj: Model) -> str:
        model = type(obj)
        fields = [f.attname for f in model._meta.concrete_fields]
        state = [list(model._default_manager.filter(pk=obj.pk).values_list(*fields))]
        for field in model._meta.many_to_many:
            state.append(sorted(getattr(obj, field.name).values_list("pk", flat=True)))
        for inline in self.get_inline_instances(request, obj):
            fk = inline.get_formset(request, obj).fk
            rows = inline.model._default_manager.filter(**{fk.name: obj}).order_by("pk")
            state.append(list(rows.values_list()))
        text = json.dumps(state, default=str, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and change and self.has_change_permission(request, obj):
            # A form redrawn after a validation error keeps the version its user first saw.
            context["version_field"] = VERSION_FIELD
            context["version_token"] = request.POST.get(VERSION_FIELD) or self.version_token(
                request, obj
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST" or object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            locked = self.model._default_manager.select_for_update().filter(pk=obj.pk)
            list(locked.values_list("pk"))
            if request.POST.get(VERSION_FIELD) != self.version_token(request, obj):
                return self.stale_form_response(request, obj)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def stale_form_response(self, request: HttpRequest, obj: Model) -> HttpResponse:
        current = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Not saved: someone changed this %(name)s meanwhile")
            % {"name": self.opts.verbose_name},
            "opts": self.opts,
            "original": obj,
            "current_url": current,
            "submitted": submitted_values(self.get_form(request, obj), request),
        }
        return TemplateResponse(request, "admin/stale_form.html", context, status=409)


def submitted_values(form_class: type[forms.BaseForm], request: HttpRequest) -> list:
    """(label, value) of each field the user sent, so that their typing is not lost."""
    form = form_class()
    shown = []
    for name, field in form.fields.items():
        if name not in request.POST:
            continue
        raw = field.widget.value_from_datadict(request.POST, request.FILES, form.add_prefix(name))
        try:
            value = field.clean(raw)
        except ValidationError:
            value = raw
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            value = dict(field.choices).get(value, value)
        if isinstance(value, list | tuple) or hasattr(value, "model"):
            value = ", ".join(str(item) for item in value)
        shown.append((field.label or name, value))
    return shown
