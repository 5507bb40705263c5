"""Refusals a service raises and a view answers: no right (403), or not in this status (an explanation)."""


class Refused(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class NotPermitted(Refused):
    """The actor may never do this to this object."""


class WrongStatus(Refused):
    """The actor may do this, but not while the object has its current status."""
