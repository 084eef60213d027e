#!/usr/bin/env python3
"""Save-to-page latency of a live preview (issue 19), for benches/bench.sh.

    latency.py FILE URL MARKER

Appends a paragraph holding MARKER to the Markdown file FILE, then polls URL until the
page holds MARKER; prints the seconds between the write and the first answer that shows
it (MARKER `auto`: a new one each run). Fails after 60 s. The same script times `codesocial serve` and `hugo server`: the
same edit, the same poll (every 5 ms, each answer read whole).
"""

import sys
import time
import urllib.request


def main():
    path, url, marker = sys.argv[1:4]
    if marker == "auto":
        marker = f"auto{time.time_ns()}"
    with open(path, "a", encoding="utf-8") as f:
        start = time.monotonic()
        f.write(f"\nMesure {marker} du temps d'affichage.\n")
    while time.monotonic() - start < 60:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                if marker in answer.read().decode("utf-8", "replace"):
                    print(f"{time.monotonic() - start:.4f}")
                    return
        except OSError:
            pass
        time.sleep(0.005)
    sys.exit(f"{url} never showed {marker}")


if __name__ == "__main__":
    main()
