"""Static files through WhiteNoise, text files gzipped.

The app serves its files straight from the finders (no collectstatic step). A text file goes
gzipped to a browser that accepts it (every phone): a phone's first visit is a third of the
bytes. The gzipped copy is made once, when the server starts or the file changes, in VAR_DIR.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from wsgiref.headers import Headers

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.responders import StaticFile

COMPRESSIBLE = (".css", ".js", ".svg", ".txt", ".json", ".map")


def compressed_copy(path: str, url: str) -> str | None:
    """The gzipped copy of a text file, made when missing or older than the file."""
    if not path.endswith(COMPRESSIBLE):
        return None
    target = Path(settings.VAR_DIR) / "static-gz" / (url.lstrip("/") + ".gz")
    try:
        if not target.exists() or target.stat().st_mtime < os.stat(path).st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            data = gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(data)
            partial.replace(target)  # atomic: two processes starting at once both succeed
    except OSError:
        return None  # a read-only disk: sent as it is
    return str(target)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def get_static_file(self, path, url, stat_cache=None):
        """WhiteNoise's file, with its gzipped copy from VAR_DIR as the alternative."""
        copy = compressed_copy(path, url)
        if copy is None:
            return super().get_static_file(path, url, stat_cache)
        headers = Headers([])
        self.add_mime_headers(headers, path, url)
        self.add_cache_headers(headers, path, url)
        if self.add_headers_function is not None:
            self.add_headers_function(headers, path, url)
        return StaticFile(path, headers.items(), encodings={"gzip": copy})
