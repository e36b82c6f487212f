# The domain errors live in anhai_thidua.core.domain (every layer raises them); this name stays for the
# apps that import it from here until they import core directly.
from anhai_thidua.core.domain import DomainError, IllegalTransition

__all__ = ["DomainError", "IllegalTransition"]
