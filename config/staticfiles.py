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

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None, *args, **kwargs) -> None:
        super().__init__(get_response, *args, **kwargs)
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

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
