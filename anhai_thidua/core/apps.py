from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anhai_thidua.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import auth_events, checks  # noqa: F401  (checks registers the PDF system check)

        user_logged_in.connect(auth_events.on_user_logged_in, dispatch_uid="core.audit.sign_in")
        user_login_failed.connect(auth_events.on_user_login_failed, dispatch_uid="core.audit.sign_in_failed")
        user_locked_out.connect(auth_events.on_user_locked_out, dispatch_uid="core.audit.locked_out")
