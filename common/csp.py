"""Exceptions to the Content-Security-Policy (settings.CONTENT_SECURITY_POLICY), by page.

django-import-export's export page carries two style attributes and one inline event
handler (its "Select all" box). Its admin views allow exactly those, by their hashes,
and nothing else inline.
"""

from csp.decorators import csp_update

EXPORT_PAGE_POLICY = {
    "script-src": ["'unsafe-hashes'", "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
    "style-src": [
        "'unsafe-hashes'",
        "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",  # padding: 0;
        "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",  # font-weight: bold;
    ],
}


class ExportPagePolicyMixin:
    """For an ExportMixin ModelAdmin: its export page works under the CSP."""

    def export_action(self, request):
        return csp_update(EXPORT_PAGE_POLICY)(super().export_action)(request)
