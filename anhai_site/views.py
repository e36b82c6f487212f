from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from campaigns.selectors import campaign_list_for_user
from organisation.selectors import home_context_for_user


def home(request):
    """A home page per role: each role the user holds adds its panel."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    campaigns = list(campaign_list_for_user(request.user)[:5])
    return render(request, "home.html", {"campaigns": campaigns, **home_context_for_user(request.user)})
