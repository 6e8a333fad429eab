from django import template

from alignment.admin.waiting import awaiting_review, first_rows, returned_to

register = template.Library()


@register.inclusion_tag("admin/includes/waiting.html", takes_context=True)
def waiting_for_you(context) -> dict:
    user = context["request"].user
    return {
        "proposed": first_rows(awaiting_review(user)),
        "returned": first_rows(returned_to(user)),
    }
