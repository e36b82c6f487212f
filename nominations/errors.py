from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError, IllegalTransition

__all__ = [
    "DomainError",
    "IllegalTransition",
    "IncompleteDossier",
    "StaleDossier",
    "FieldError",
    "NotEditable",
]


class StaleDossier(DomainError):
    """The user acted on a page older than the dossier (a double click, a second tab)."""


class IncompleteDossier(DomainError):
    """Submission refused: `problems` lists every missing piece, in Vietnamese."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(
            _("Hồ sơ chưa thể nộp: ") + " ".join(f"({i}) {p}" for i, p in enumerate(problems, 1))
        )


class FieldError(DomainError):
    """A refusal about one field of a form: the view shows it under that field."""

    def __init__(self, message: str, *, field: str):
        self.field = field
        super().__init__(message)


class NotEditable(DomainError):
    """A content change on a dossier that is neither a draft nor returned for supplements."""

    def __init__(self, dossier):
        super().__init__(
            _("Hồ sơ đang ở trạng thái “%(state)s”: chỉ sửa được khi đang soạn hoặc được yêu cầu bổ sung.")
            % {"state": dossier.get_state_display()}
        )
