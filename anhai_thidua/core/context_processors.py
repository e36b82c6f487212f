from django.conf import settings


def site(request):
    user = getattr(request, "user", None)
    roles = set()
    if user is not None and user.is_authenticated:
        roles = user.role_codes()
    return {"WARD_NAME": settings.WARD_NAME, "user_roles": roles}
