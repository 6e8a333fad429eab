"""The public subscription pages: subscribe, confirm (double opt-in), unsubscribe.

Every answer about an address is the same whatever the address's state, so these pages
tell nobody who is subscribed. A bad or expired link answers 400 and changes nothing.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from notifications import subscriptions
from notifications.forms import SubscribeForm
from notifications.models import Frequency, TopicKind

HEAD = "notifications/"


def _topic_or_404(kind: str, code: str):
    if kind not in TopicKind.values:
        raise Http404(_("“%(kind)s” is not something one can subscribe to.") % {"kind": kind})
    topic = subscriptions.find_topic(kind, code)
    if topic is None:
        raise Http404(
            _("There is no %(kind)s “%(code)s”.")
            % {"kind": TopicKind(kind).label.lower(), "code": code}
        )
    return topic


def _topic_url(kind: str, topic) -> str:
    if kind == TopicKind.FRAMEWORK:
        return f"{reverse('alignment:home')}?{urlencode({'framework': topic.code})}"
    return topic.get_absolute_url()


def _address_key(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def _limited(request: HttpRequest, *, per: str) -> bool:
    """Count this request against the limit `per` client or address; True once over it."""
    if per == "client":
        rate, key = settings.SUBSCRIBE_RATE_PER_CLIENT, "ip"
    else:
        rate, key = settings.SUBSCRIBE_RATE_PER_ADDRESS, _address_key
    return is_ratelimited(
        request, group=f"notifications.subscribe.{per}", key=key, rate=rate, increment=True
    )


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    topic = _topic_or_404(kind, code)
    form = SubscribeForm(request.POST or None)
    context = {"topic": topic, "form": form, "back_url": _topic_url(kind, topic)}
    if request.method == "GET":
        return render(request, HEAD + "subscribe.html", context)
    if _limited(request, per="client"):
        return render(request, HEAD + "too_many.html", context, status=429)
    if not form.is_valid():
        return render(request, HEAD + "subscribe.html", context, status=400)
    # Over the limit for this address: the same answer, but no e-mail (no mail-bombing,
    # and the answer says nothing about the address).
    if not _limited(request, per="address"):
        subscriptions.request_subscription(
            subscriptions.Request(
                email=form.cleaned_data["email"],
                kind=kind,
                code=code,
                frequency=form.cleaned_data["frequency"],
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        )
    return render(request, HEAD + "check_inbox.html", context)


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, HEAD + "bad_link.html", status=400)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link confirms, POST confirms: a mail scanner that follows links
    does not subscribe anyone."""
    try:
        pending = subscriptions.read_confirmation(token)
        topic = _topic_or_404(pending.kind, pending.code)
        if request.method == "POST":
            subscriptions.confirm(token)
    except (subscriptions.BadToken, Http404):
        return _bad_link(request)
    context = {
        "topic": topic,
        "frequency": Frequency(pending.frequency).label,
        "done": request.method == "POST",
    }
    return render(request, HEAD + "confirm.html", context)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscriptions.subscription_for(token)
        if request.method == "POST":
            subscriptions.unsubscribe(token)
    except subscriptions.BadToken:
        return _bad_link(request)
    context = {
        "topic": subscription.topic if subscription else None,
        "done": request.method == "POST" or subscription is None,
    }
    return render(request, HEAD + "unsubscribe.html", context)
