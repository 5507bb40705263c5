"""WeasyPrint alone, in a process of its own: renders an HTML file a number of times and prints the seconds of each
run and the number of pages as JSON. The anchor of the report pipeline (bench/measure.py, `bare_weasyprint`)."""

import json
import sys
import time

from weasyprint import HTML


def main(html_path: str, base_url: str, variant: str, repeats: int) -> None:
    with open(html_path, encoding="utf-8") as handle:
        html = handle.read()
    options = {"pdf_variant": variant or None, "pdf_tags": True}
    seconds, pages = [], 0
    for _ in range(repeats + 1):  # the first run loads Pango and the fonts, as a worker's first report does
        start = time.perf_counter()
        # What HTML.write_pdf does, in two steps, to count the pages.
        document = HTML(string=html, base_url=base_url).render(**options)
        document.write_pdf(**options)
        seconds.append(time.perf_counter() - start)
        pages = len(document.pages)
    print(json.dumps({"seconds": seconds[1:], "pages": pages}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
