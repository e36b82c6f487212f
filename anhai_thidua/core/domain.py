"""The domain errors every app raises: the lowest layer owns them so that every app can."""


class DomainError(Exception):
    """A refused business action; the message is shown to the user as it is (Vietnamese)."""


class IllegalTransition(DomainError):
    pass
