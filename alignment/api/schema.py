"""OpenAPI post-processing: every operation documents how to choose the labels' language."""

from django.conf import settings
from django.utils.translation import gettext as _


def document_language(result: dict, generator, request, public) -> dict:
    codes = [code for code, _name in settings.LANGUAGES]
    parameter = {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": _(
            "Language of the labels (status labels, titles). Codes and field names never "
            "change with the language. Without it, Accept-Language decides; an unknown "
            "code falls back to English."
        ),
        "schema": {"type": "string", "enum": codes},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == "lang" for p in parameters):
                parameters.append(parameter)
    return result
