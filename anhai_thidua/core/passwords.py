"""Django's password validators with their messages in Vietnamese (Django's own Vietnamese catalogue lacks
them), so a refused password is explained in the language of the page."""

from django.contrib.auth import password_validation as base
from django.utils.translation import gettext as _


class MinimumLengthValidator(base.MinimumLengthValidator):
    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(base.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Mật khẩu quá giống %(verbose_name)s của tài khoản.")

    def get_help_text(self):
        return _("Mật khẩu không được giống tên đăng nhập, họ tên hay thư điện tử.")


class CommonPasswordValidator(base.CommonPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá phổ biến, dễ bị đoán ra.")

    def get_help_text(self):
        return _("Mật khẩu không được là một mật khẩu phổ biến.")


class NumericPasswordValidator(base.NumericPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")
