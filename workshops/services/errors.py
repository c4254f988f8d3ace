from __future__ import annotations


class ServiceError(Exception):
    """A refused change; ``str(error)`` is the message shown to the person."""


class NotAllowed(ServiceError):
    pass


class RoomNotFound(ServiceError):
    pass


class RoomClosed(ServiceError):
    pass
