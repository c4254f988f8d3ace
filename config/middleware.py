"""Django's middleware, run on the event loop under ASGI instead of hopping to the sync thread.

Under ASGI, Django calls each middleware's ``process_request`` and ``process_response`` through
``sync_to_async``: two thread hops per middleware, about twenty per page, each a wake-up of the
sync thread and back (~0.1 ms of CPU each on a laptop). These hooks only read headers and
cookies and set attributes, so here they run where the request already is. The one hook that
can touch the database (saving the session, or messages stored in it) still goes to the thread,
and only when there is something to save.

Under WSGI (the test client) the classes behave exactly as Django's own.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.http import HttpRequest, HttpResponseBase
from django.middleware import clickjacking, common, csrf, locale, security

from config import csp


class OnTheEventLoop:
    """Calls the middleware's hooks directly under ASGI; see the module's docstring."""

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            if self.response_needs_thread(request):
                response = await sync_to_async(self.process_response, thread_sensitive=True)(
                    request, response
                )
            else:
                response = self.process_response(request, response)
        return response

    def response_needs_thread(self, request: HttpRequest) -> bool:
        """Whether ``process_response`` may reach the database for this request."""
        return False


class SecurityMiddleware(OnTheEventLoop, security.SecurityMiddleware):
    pass


class SessionMiddleware(OnTheEventLoop, sessions.SessionMiddleware):
    def response_needs_thread(self, request: HttpRequest) -> bool:
        # Only saving writes to the database (a session read for the user, and a phone's empty
        # one, is not saved).
        session = getattr(request, "session", None)
        return (
            session is not None
            and session.accessed
            and (session.modified or settings.SESSION_SAVE_EVERY_REQUEST)
        )


class LocaleMiddleware(OnTheEventLoop, locale.LocaleMiddleware):
    pass


class CommonMiddleware(OnTheEventLoop, common.CommonMiddleware):
    pass


class CsrfViewMiddleware(OnTheEventLoop, csrf.CsrfViewMiddleware):
    def __init__(self, get_response) -> None:
        super().__init__(get_response)
        if self.async_mode:  # Django picks the view hook up after this, as it finds it
            self.process_view = self.process_view_on_the_loop

    async def process_view_on_the_loop(self, request, callback, callback_args, callback_kwargs):
        # A page view passes at once; a form post reads its body first (perhaps an upload),
        # which stays off the event loop.
        check = super().process_view
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return check(request, callback, callback_args, callback_kwargs)
        return await sync_to_async(check, thread_sensitive=True)(
            request, callback, callback_args, callback_kwargs
        )


class AuthenticationMiddleware(OnTheEventLoop, auth.AuthenticationMiddleware):
    pass


class MessageMiddleware(OnTheEventLoop, messages.MessageMiddleware):
    def response_needs_thread(self, request: HttpRequest) -> bool:
        # Messages read or added may be stored in the session.
        storage = getattr(request, "_messages", None)
        return storage is not None and (storage.used or storage.added_new)


class XFrameOptionsMiddleware(OnTheEventLoop, clickjacking.XFrameOptionsMiddleware):
    pass


class ContentSecurityPolicyMiddleware(OnTheEventLoop, csp.ContentSecurityPolicyMiddleware):
    pass
