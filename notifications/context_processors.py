from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """`unread_notifications`: the signed-in user's unread count for the navbar badge.

    Lazy: the single COUNT query runs only when a template shows the badge."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}

    def count():
        from .selectors import unread_count

        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(count)}
