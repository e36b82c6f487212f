from django.urls import reverse

from tests.factories import OfficialFactory, UnitFactory

from .conftest import count_queries


def test_search_without_diacritics_finds_the_official(login, office_user, unit_a):
    OfficialFactory(full_name="Nguyễn Văn Hùng", unit=unit_a, position="Phó Giám đốc")
    OfficialFactory(full_name="Trần Thị Hồng", unit=unit_a)
    client = login(office_user)

    response = client.get(reverse("organisation:directory"), {"q": "nguyen van hung"})

    names = [official.full_name for official in response.context["page"]]
    assert names == ["Nguyễn Văn Hùng"]
    assert "Phó Giám đốc" in response.content.decode()


def test_search_with_diacritics_and_other_case_finds_the_same_official(login, office_user, unit_a):
    OfficialFactory(full_name="Đặng Thị Mai Anh", gender="female", unit=unit_a)
    client = login(office_user)

    for query in ("ĐẶNG THỊ", "dang thi", "mai anh"):
        response = client.get(reverse("organisation:directory"), {"q": query})
        assert [o.full_name for o in response.context["page"]] == ["Đặng Thị Mai Anh"], query


def test_directory_lists_people_in_vietnamese_name_order(login, office_user, unit_a):
    for name in ("Trần Văn Bình", "Lê Thị An", "Phạm Văn Đức", "Nguyễn Văn Dũng"):
        OfficialFactory(full_name=name, unit=unit_a)
    client = login(office_user)

    response = client.get(reverse("organisation:directory"), {"don_vi": unit_a.code})

    assert [o.full_name for o in response.context["page"]] == [
        "Lê Thị An",
        "Trần Văn Bình",
        "Nguyễn Văn Dũng",
        "Phạm Văn Đức",
    ]


def test_unit_filter_includes_its_teams_and_keeps_the_search_in_page_links(
    login, office_user, unit_a, unit_b
):
    team = UnitFactory(name="Tổ Một cửa", code="motcua", parent=unit_a, kind="to")
    for n in range(55):
        OfficialFactory(full_name=f"Võ Văn Tổ {n}", unit=team)
    OfficialFactory(full_name="Võ Văn Khác", unit=unit_b)
    client = login(office_user)

    response = client.get(reverse("organisation:directory"), {"don_vi": unit_a.code, "q": "vo van"})

    assert response.context["page"].paginator.count == 55
    assert "?don_vi=ttphcc&amp;q=vo+van&amp;page=2" in response.content.decode()  # the shared include


def test_directory_query_count_is_constant_at_two_sizes(login, office_user, django_assert_num_queries):
    client = login(office_user)
    url = reverse("organisation:directory")
    unit = UnitFactory()
    OfficialFactory(unit=unit)
    small = count_queries(client, url)
    for _ in range(4):
        parent = UnitFactory()
        team = UnitFactory(parent=parent, kind="to")
        for _ in range(10):
            OfficialFactory(unit=team)

    with django_assert_num_queries(small):
        response = client.get(url)

    assert response.context["page"].paginator.count == 42  # the office user, the first one, forty more
    assert small <= 12
