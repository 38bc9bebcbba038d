"""The verval visit form: sections, live verdict panel, photo panel (DESIGN §8, DOMAIN §5)."""

from app.ui.visit.form import VisitForm

__all__ = ["VisitForm"]
