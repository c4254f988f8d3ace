from __future__ import annotations


class ServiceError(Exception):
    """A refused change; ``str(error)`` is the message shown to the person."""


class NotAllowed(ServiceError):
    pass


class RoomNotFound(ServiceError):
    pass


class RoomClosed(ServiceError):
    pass


class SignedOut(ServiceError):
    """The presenter's session ended (log-out, a password change): its socket is closed."""
