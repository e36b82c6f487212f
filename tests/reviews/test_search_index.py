"""The folded search key follows the names: nominee added or removed, official or unit renamed."""

from organisation.text import fold
from reviews.models import DossierReview

from .conftest import add_individual


def _key(dossier):
    return DossierReview.objects.get(dossier=dossier).search_text


def test_search_key_follows_names(dossier_a, head_a, officials_a, unit_a):
    assert fold("Trung tâm Phục vụ hành chính công") in _key(dossier_a)
    nominee = add_individual(dossier_a, head_a, officials_a[1])
    assert "le thi my duyen" in _key(dossier_a)
    official = officials_a[1]
    official.full_name = "Lê Thị Mỹ Duyên Hai"
    official.save()
    assert "le thi my duyen hai" in _key(dossier_a)
    unit_a.name = "Trung tâm Hành chính công"
    unit_a.save()
    assert "trung tam hanh chinh cong" in _key(dossier_a)
    from nominations import services

    services.nominee_remove(nominee=nominee, actor=head_a)
    assert "duyen" not in _key(dossier_a)
