"""WeasyPrint alone, in a process of its own: the anchor of the report pipeline (bench/measure.py, BareWeasyPrint).

Renders the HTML file once to warm up (Pango and the fonts load, as on a worker's first report) and prints the number
of pages; then renders it again for every line it reads, and prints the seconds that took. So the benchmark can
alternate a report through the worker with a bare rendering, and drift of the machine's speed hits both alike."""

import json
import sys
import time

from weasyprint import HTML


def render(html: str, base_url: str, variant: str):
    options = {"pdf_variant": variant or None, "pdf_tags": True}
    # What HTML.write_pdf does, in two steps, to count the pages.
    document = HTML(string=html, base_url=base_url).render(**options)
    document.write_pdf(**options)
    return document


def main(html_path: str, base_url: str, variant: str) -> None:
    with open(html_path, encoding="utf-8") as handle:
        html = handle.read()
    print(json.dumps({"pages": len(render(html, base_url, variant).pages)}), flush=True)
    for _ in sys.stdin:
        start = time.perf_counter()
        render(html, base_url, variant)
        print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
