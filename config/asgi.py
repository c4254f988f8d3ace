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


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SameOriginValidator(
            AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
        ),
    }
)
