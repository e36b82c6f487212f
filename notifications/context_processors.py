from functools import total_ordering


@total_ordering
class LazyCount:
    """An int computed on first use: the COUNT query runs only if a template shows the badge."""

    def __init__(self, compute):
        self._compute = compute
        self._value = None

    @property
    def value(self) -> int:
        if self._value is None:
            self._value = int(self._compute())
        return self._value

    def __int__(self):
        return self.value

    __index__ = __int__

    def __bool__(self):
        return bool(self.value)

    def __str__(self):
        return str(self.value)

    def __eq__(self, other):
        return self.value == int(other)

    def __lt__(self, other):
        return self.value < int(other)

    def __hash__(self):
        return hash(self.value)


def unread_notifications(request):
    """`unread_notifications`: the signed-in user's unread count for the navbar badge (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}

    def count():
        from .selectors import unread_count

        return unread_count(user)

    return {"unread_notifications": LazyCount(count)}
