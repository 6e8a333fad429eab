"""JSON fixtures read strictly: every row is checked by its model's own rules.

Registered for the "json" format in settings.SERIALIZATION_MODULES (Django's hook for
serialization formats), so Django's own `loaddata` reads fixtures through it, `loaddata
demo` included, and keeps the whole load in one transaction: the first bad row stops it
with a CommandError naming the fixture, the row, its model and the problem, and the
database is left as it was.

Each row is read by Django's JSON deserializer, then validated with full_clean (a row
found by its natural key is that row, so it is not compared with itself for uniqueness).
When the fixture's last row is saved, the Assessments of the approved StatusChanges it
brought are set, as alignment.services does for changes recorded by hand; loading the
same fixture twice changes nothing. Writing (dumpdata) is Django's JSON serializer.
"""

from collections.abc import Iterator
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.serializers import base, json
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment import scoretable
from alignment.models import ReviewState, StatusChange
from alignment.services import refresh_assessments

Serializer = json.Serializer


class Deserializer(json.Deserializer):
    def __init__(self, stream_or_string, **options) -> None:
        self.fixture = Path(getattr(stream_or_string, "name", "")).name or _("the fixture")
        super().__init__(stream_or_string, **options)

    def __iter__(self) -> Iterator[base.DeserializedObject]:
        waiting: list[tuple[base.DeserializedObject, str]] = []
        pairs: set[tuple[int, int]] = set()
        for number, row in enumerate(self.stream, start=1):
            for obj in self._read(row, number):
                where = self._where(number, obj.object)
                check(obj, where)
                yield obj  # loaddata saves it before asking for the next row
                if any(field.null for field in obj.deferred_fields):
                    waiting.append((obj, where))
                if _is_approved_change(obj.object):
                    pairs.add((obj.object.country_id, obj.object.requirement_id))
        for obj, where in waiting:
            refuse_dangling(obj, where, self.using)
        refresh_assessments(pairs)
        scoretable.rebuild_for_pairs(pairs)  # i10: kept totals of what loaded

    def _read(self, row: dict, number: int) -> list[base.DeserializedObject]:
        try:
            return list(self._handle_object(row))
        except base.DeserializationError as error:
            # Django's deserializer raises its own error from the one the field gave.
            reason = error.__cause__ or error.__context__ or error
            messages = getattr(reason, "messages", None) or [str(reason)]
            raise CommandError(
                _("%(fixture)s, row %(row)d (%(model)s) could not be read: %(problem)s")
                % {
                    "fixture": self.fixture,
                    "row": number,
                    "model": row.get("model", "?") if isinstance(row, dict) else "?",
                    "problem": " ".join(messages),
                }
            ) from error

    def _where(self, number: int, instance) -> str:
        return _("%(fixture)s, row %(row)d (%(model)s %(row_name)s)") % {
            "fixture": self.fixture,
            "row": number,
            "model": instance._meta.label,
            "row_name": describe(instance),
        }


def check(obj: base.DeserializedObject, where: str) -> None:
    """The model's rules, and no required reference left unresolved."""
    for field, value in obj.deferred_fields.items():
        if not (field.many_to_many or field.null):
            raise CommandError(
                _("%(where)s: %(field)s: there is no %(model)s %(key)s.")
                % {
                    "where": where,
                    "field": field.name,
                    "model": field.related_model._meta.verbose_name,
                    "key": value,
                }
            )
    instance = obj.object
    for field in instance._meta.concrete_fields:  # what save() would set, but raw saves do not
        if getattr(field, "auto_now", False) and getattr(instance, field.attname) is None:
            setattr(instance, field.attname, timezone.now())
    found = instance.pk is not None and (
        type(instance)._base_manager.filter(pk=instance.pk).exists()
    )
    try:
        instance.full_clean(validate_unique=not found, validate_constraints=not found)
    except ValidationError as error:
        raise CommandError(f"{where}: {describe_errors(error)}") from error


def refuse_dangling(obj: base.DeserializedObject, where: str, using: str) -> None:
    """An optional reference to a later row must find that row once the fixture is in."""
    for field, value in obj.deferred_fields.items():
        try:
            if field.many_to_many:
                base.deserialize_m2m_values(field, value, using, False)
            else:
                base.deserialize_fk_value(field, value, using, False)
        except (base.M2MDeserializationError, ObjectDoesNotExist) as error:
            raise CommandError(
                _(
                    "%(where)s: refers to a row that is neither in the database nor in the "
                    "fixture: %(field)s %(key)s"
                )
                % {"where": where, "field": field.name, "key": value}
            ) from error


def _is_approved_change(instance) -> bool:
    return isinstance(instance, StatusChange) and instance.review_state == ReviewState.APPROVED


def describe_errors(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return "; ".join(
        f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
    )


def describe(instance) -> str:
    """The row as a reader knows it: its own text if it has one, else its natural key."""
    try:
        return f"“{instance}”"
    except ObjectDoesNotExist:  # a reference it names is missing
        pass
    try:
        return repr(list(instance.natural_key()))
    except Exception:  # a row whose own references are broken still gets named
        return f"pk={instance.pk}"
