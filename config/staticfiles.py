"""WhiteNoise as middleware that does not force every request through Django's sync thread.

WhiteNoise's own middleware is sync-only. Under ASGI, Django then runs it on the single
thread that runs sync code, and it calls the rest of the chain from there with
``async_to_sync``: that thread stays blocked until the page is done, so every HTTP request of
the process is served one after another however the views are written (500 phones joining
within 5 s queued for ~15 s). This one is both: under ASGI it answers a static file itself
(a dictionary look-up, then opening the file) and hands anything else on without leaving the
event loop.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from wsgiref.headers import Headers

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.responders import StaticFile

# Text files are sent gzipped to browsers that accept it (every phone): a phone's first visit
# is a third of the bytes. Compressed once, when the server starts or the file changes, into
# VAR_DIR (the app serves its files straight from the finders, with no collectstatic step).
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
    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None, *args, **kwargs) -> None:
        super().__init__(get_response, *args, **kwargs)
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

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

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request):
        if self.autorefresh:
            # DEBUG: looked up on disk each time, so off the event loop.
            static_file = await sync_to_async(self.find_file, thread_sensitive=False)(
                request.path_info
            )
        else:
            static_file = self.files.get(request.path_info)
        if static_file is not None:
            return self.serve(static_file, request)
        return await self.get_response(request)
