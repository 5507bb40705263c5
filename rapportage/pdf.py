"""The only place that knows WeasyPrint.

User text ends up in reports, so the renderer must never fetch what that text points at: WeasyPrint's default
fetcher reads local files and any URL, and embeds `rel=attachment` links into the PDF. Our fetcher serves the
application's own static files and `data:` URLs, and refuses everything else.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL that cannot resolve, so relative links in the report template point at our static files only.
BASE_URL = "https://rapport.invoeringstoets.invalid/"


class StaticFilesOnlyFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"data", "https"}, allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self._static_path(url)
        if path is None:
            raise ValueError(f"Het rapport haalt geen externe bronnen op: {url[:200]}")
        with open(path, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    @staticmethod
    def _static_path(url: str) -> str | None:
        static_prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
        if not url.startswith(static_prefix):
            return None
        relative = unquote(urlsplit(url).path)[len(settings.STATIC_URL) :]
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation:
            return None
        return found if isinstance(found, str) else None


def render_pdf(html: str, *, variant: str | None = None) -> bytes:
    """HTML to PDF. `variant` e.g. "pdf/a-3a" for an archive copy; title, author, subject and language come from
    the HTML's <title>, <meta name="author">, <meta name="description"> and lang attribute."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only workers need it

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(pdf_variant=variant, pdf_tags=True, uncompressed_pdf=False)
