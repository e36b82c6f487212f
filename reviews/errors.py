from anhai_thidua.core.domain import DomainError

__all__ = ["DomainError", "StaleReview"]


class StaleReview(DomainError):
    """Another reviewer saved this dossier's review after the page was opened."""
