"""Django's loaddata, made strict: every row is validated before it is written.

A fixture row with an unknown status, a future or malformed date, a reference to a country
or requirement that does not exist, a requirement whose framework does not apply to its
country (and so on: every model's full_clean) stops the load with a message naming the
fixture, the row and the problem, and the whole load is rolled back, so the database is
left as it was. StatusChanges loaded this way move their Assessments in the same
transaction, as alignment.services does for changes recorded by hand.

Loading the same fixture twice changes nothing: rows found by their natural keys are
validated as the existing rows they are, and saved with the values they already have.
"""

import re

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from alignment.models import ReviewState, StatusChange
from alignment.services import refresh_assessments


class Command(loaddata.Command):
    help = loaddata.Command.help + " Every row is validated; nothing is written if one is bad."

    def loaddata(self, fixture_labels) -> None:
        self.touched_pairs: set[tuple[int, int]] = set()
        super().loaddata(fixture_labels)
        refresh_assessments(self.touched_pairs)

    def load_label(self, fixture_label) -> None:
        self.fixture_label = fixture_label
        self.rows_seen = 0
        try:
            super().load_label(fixture_label)
        except CommandError:
            raise
        except Exception as error:  # the next row could not even be read: bad date, bad key
            raise CommandError(
                _("%(fixture)s, row %(row)d could not be read: %(error)s")
                % {"fixture": fixture_label, "row": self.rows_seen + 1, "error": unwrap(error)}
            ) from error

    def save_obj(self, obj) -> bool:
        self.rows_seen += 1
        instance = obj.object
        where = self.where(instance)
        refuse_missing_references(obj, where)
        if instance.pk is not None:  # found by its natural key: validate it as that row
            instance._state.adding = (
                not type(instance)._default_manager.filter(pk=instance.pk).exists()
            )
        for field in instance._meta.concrete_fields:
            if getattr(field, "auto_now", False) and getattr(instance, field.attname) is None:
                setattr(instance, field.attname, timezone.now())
        try:
            instance.full_clean()
        except ValidationError as error:
            raise CommandError(f"{where}: {describe_errors(error)}") from error
        try:
            saved = super().save_obj(obj)
        except (DatabaseError, ValueError) as error:
            raise CommandError(f"{where}: {error}") from error
        if obj.deferred_fields:  # a forward reference, resolved once every row is in
            self.objs_with_deferred_fields[-1] = NamedForwardReference(obj, where)
        if isinstance(instance, StatusChange) and instance.review_state == ReviewState.APPROVED:
            self.touched_pairs.add((instance.country_id, instance.requirement_id))
        return saved

    def where(self, instance) -> str:
        return _("%(fixture)s, row %(row)d (%(model)s %(row_name)s)") % {
            "fixture": self.fixture_label,
            "row": self.rows_seen,
            "model": instance._meta.label,
            "row_name": describe(instance),
        }


class NamedForwardReference:
    """A row whose optional references wait for rows later in the fixture.

    Django saves them at the end of the load; if a reference is still missing then, the
    error names the row it came from.
    """

    def __init__(self, obj, where: str) -> None:
        self.obj = obj
        self.where = where

    def save_deferred_fields(self, using=None) -> None:
        try:
            self.obj.save_deferred_fields(using=using)
        except (DeserializationError, ObjectDoesNotExist) as error:
            references = ", ".join(
                f"{field.name} {value}" for field, value in self.obj.deferred_fields.items()
            )
            raise CommandError(
                _(
                    "%(where)s: refers to a row that is neither in the database nor in the "
                    "fixture: %(references)s"
                )
                % {"where": self.where, "references": references}
            ) from error


def refuse_missing_references(obj, where: str) -> None:
    """A required reference that matched no row is an error now, not a NULL later."""
    for field, value in obj.deferred_fields.items():
        if field.many_to_many or field.null:
            continue  # may still arrive later in the fixture
        raise CommandError(
            _("%(where)s: %(field)s: there is no %(model)s %(key)s.")
            % {
                "where": where,
                "field": field.name,
                "model": field.related_model._meta.verbose_name,
                "key": value,
            }
        )


# Django's wording for a value it could not read: "<error>: (<model>:pk=<pk>) field_value
# was '<value>'", after loaddata's "Problem installing fixture '<file>': ".
UNREADABLE = re.compile(
    r"^(?:Problem installing fixture '.*?': )?(?P<error>.*): "
    r"\((?P<model>[\w.]+):pk=[^)]*\) field_value was '(?P<value>.*)'$",
    re.DOTALL,
)


def unwrap(error: Exception) -> str:
    """Django's message for an unreadable row, said plainly: the model, the value, why."""
    found = UNREADABLE.match(str(error))
    if found is None:
        return str(error)
    reason = found["error"]
    if reason.startswith("['") and reason.endswith("']"):  # a ValidationError's list
        reason = reason[2:-2]
    return _("%(model)s: the value '%(value)s' is refused: %(reason)s") % {
        "model": found["model"],
        "value": found["value"],
        "reason": reason,
    }


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
