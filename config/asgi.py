"""ASGI entry point: Django for HTTP, the room consumer for websockets (daphne or uvicorn)."""

from __future__ import annotations

import os
from urllib.parse import urlparse

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import (  # noqa: E402
    AllowedHostsOriginValidator,
    WebsocketDenier,
)
from channels.sessions import CookieMiddleware  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.http.cookie import parse_cookie  # noqa: E402

from workshops.routing import websocket_urlpatterns  # noqa: E402


class SameOriginValidator:
    """Room sockets are opened only by this site's own pages.

    ALLOWED_HOSTS is "*" on a laptop (phones use its LAN address), so the Origin check of
    AllowedHostsOriginValidator alone would let any web page open a socket with a visitor's
    cookies; this refuses an Origin whose host is not the host the socket was opened on.
    """

    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", []))
        origin = headers.get(b"origin", b"").decode("latin-1")
        host = headers.get(b"host", b"").decode("latin-1")
        if not origin or urlparse(origin).netloc != host:
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)


class AuthWhenLoggedIn:
    """Sessions and users only for sockets that carry a session cookie: the facilitator's.

    Resolving a user runs on Django's single sync thread. A phone has no session, and in a
    join storm its handshake would otherwise wait behind every page being rendered, long
    enough for the server to give up on it.
    """

    def __init__(self, application) -> None:
        self.with_session = AuthMiddlewareStack(application)
        self.cookies_only = CookieMiddleware(application)

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", []))
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
        if settings.SESSION_COOKIE_NAME in cookies:
            return await self.with_session(scope, receive, send)
        return await self.cookies_only(dict(scope, user=AnonymousUser()), receive, send)


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SameOriginValidator(
            AllowedHostsOriginValidator(AuthWhenLoggedIn(URLRouter(websocket_urlpatterns)))
        ),
    }
)
