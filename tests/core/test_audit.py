"""The audit trail is tamper-evident (an HMAC chain checked by `manage.py verify_audit`), records sign-ins,
failed sign-ins and changes of access made in the admin, and keeps the actor's name when the account goes."""

import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.urls import reverse

from anhai_thidua.core.audit import audit_record, audit_verify
from anhai_thidua.core.models import AuditChainHead, AuditEntry
from organisation.models import RoleAssignment
from tests.factories import UserFactory


@pytest.fixture
def entries(office_user, unit_a):
    """Three entries by the office about unit A."""
    return [
        audit_record(actor=office_user, action=f"step_{i}", target=unit_a, note=f"bước {i}") for i in range(3)
    ]


def verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_an_untouched_chain_verifies(entries):
    assert entries[1].previous_seal == entries[0].seal and entries[2].previous_seal == entries[1].seal
    assert len({e.seal for e in entries}) == 3
    assert "toàn vẹn: 3 mục" in verify_output()


def test_an_empty_trail_verifies(db):
    assert "toàn vẹn: 0 mục" in verify_output()


def test_a_row_edited_in_the_database_is_reported(entries):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET note = %s WHERE id = %s", ["đã sửa lén", entries[1].pk])

    with pytest.raises(CommandError) as caught:
        verify_output()

    message = str(caught.value)
    assert f"mục #{entries[1].pk}" in message and "đã bị sửa" in message
    assert "1 mục trước đó vẫn đúng" in message
    assert caught.value.returncode == 1  # manage.py exits non-zero


def test_a_changed_time_is_reported(entries):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET at = (SELECT at FROM core_auditentry WHERE id = %s) WHERE id = %s",
            [entries[0].pk, entries[2].pk],
        )
    with pytest.raises(CommandError, match=f"mục #{entries[2].pk}"):
        verify_output()


def test_a_changed_actor_is_reported(entries, head_a):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET actor_id = %s WHERE id = %s", [head_a.pk, entries[0].pk])
    with pytest.raises(CommandError, match=f"mục #{entries[0].pk}.*người thực hiện"):
        verify_output()


def test_a_deleted_row_is_reported_at_the_next_one(entries):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])

    with pytest.raises(CommandError) as caught:
        verify_output()
    assert f"mục #{entries[2].pk} không nối tiếp" in str(caught.value)


def test_a_deleted_last_row_is_reported_by_the_head(entries):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    with pytest.raises(CommandError, match="các mục cuối đã bị xóa"):
        verify_output()


def test_a_forged_head_is_reported(entries):
    """Pointing the head at the row before (without the key) does not hide a deleted last row."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
    AuditChainHead.objects.filter(pk=1).update(
        last_entry_id=entries[1].pk, last_seal=entries[1].seal, count=2
    )
    with pytest.raises(CommandError, match="đầu chuỗi nhật ký đã bị sửa"):
        verify_output()


def test_the_seal_depends_on_the_key(entries, settings):
    settings.AUDIT_HMAC_KEY = "another key"
    count, broken = audit_verify()
    assert count == 0 and broken.entry_id == entries[0].pk


def test_deleting_a_user_keeps_their_name_on_their_entries(db, unit_a):
    user = UserFactory(username="tam_thoi", first_name="Tạm", last_name="Thời", official=None)
    entry = audit_record(actor=user, action="unit_update", target=unit_a)
    assert entry.actor_name == user.display_name

    user.delete()

    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == user.display_name
    assert audit_verify() == (1, None)  # SET_NULL on the account does not break the chain


def test_an_entry_with_no_target(db):
    entry = audit_record(actor=None, action="sign_in_failed", target=None, note="Tên đăng nhập: x")
    assert entry.content_type is None and entry.object_id is None
    assert audit_verify() == (1, None)


# ---- sign-ins ------------------------------------------------------------------------------------------


def test_a_sign_in_is_recorded(client, head_a):
    head_a.set_password("mat-khau-dung-1")
    head_a.save()

    client.post(
        reverse("login"), {"username": "head_a", "password": "mat-khau-dung-1"}, REMOTE_ADDR="203.0.113.7"
    )

    entry = AuditEntry.objects.get(action="sign_in")
    assert entry.actor == head_a and entry.target == head_a
    assert "203.0.113.7" in entry.note


def test_a_failed_sign_in_is_recorded_with_the_name_tried_and_the_address(client, db):
    client.post(
        reverse("login"),
        {"username": "khong_ton_tai", "password": "MatKhauBiMat-123"},
        REMOTE_ADDR="198.51.100.23",
    )

    entry = AuditEntry.objects.get(action="sign_in_failed")
    assert entry.actor is None
    assert "khong_ton_tai" in entry.note and "198.51.100.23" in entry.note
    assert not AuditEntry.objects.filter(note__contains="MatKhauBiMat").exists()  # never the password


# ---- changes of access in the admin ------------------------------------------------------------------------


def _user_change_data(user, **overrides):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        "official": user.official_id or "",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    rows = list(user.role_assignments.all())
    data["role_assignments-TOTAL_FORMS"] = str(len(rows) + 1)
    data["role_assignments-INITIAL_FORMS"] = str(len(rows))
    for i, row in enumerate(rows):
        data[f"role_assignments-{i}-id"] = row.pk
        data[f"role_assignments-{i}-user"] = user.pk
        data[f"role_assignments-{i}-role"] = row.role
        data[f"role_assignments-{i}-unit"] = row.unit_id or ""
    data.update(overrides)
    return data


def test_a_role_given_in_the_admin_is_recorded(client, admin_user, head_a):
    client.force_login(admin_user)
    n = head_a.role_assignments.count()
    data = _user_change_data(
        head_a, **{f"role_assignments-{n}-role": "office", f"role_assignments-{n}-user": head_a.pk}
    )

    response = client.post(reverse("admin:organisation_user_change", args=[head_a.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert RoleAssignment.objects.filter(user=head_a, role="office").exists()
    entry = AuditEntry.objects.get(action="admin_access_change")
    assert entry.actor == admin_user and entry.target == head_a
    assert "roles:" in entry.note and "Phòng Văn hóa - Xã hội" in entry.note


def test_staff_status_given_in_the_admin_is_recorded(client, admin_user, head_a):
    client.force_login(admin_user)
    group = Group.objects.create(name="Biên tập")

    response = client.post(
        reverse("admin:organisation_user_change", args=[head_a.pk]),
        _user_change_data(head_a, is_staff="on", groups=[group.pk]),
    )

    assert response.status_code == 302
    note = AuditEntry.objects.get(action="admin_access_change").note
    assert "is_staff: False → True" in note and "groups: — → Biên tập" in note


def test_a_save_that_changes_no_access_writes_no_entry(client, admin_user, head_a):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:organisation_user_change", args=[head_a.pk]),
        _user_change_data(head_a, first_name="Tâm"),
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="admin_access_change").exists()


def test_forcing_a_password_change_in_the_admin_is_recorded(client, admin_user, head_a):
    client.force_login(admin_user)
    client.post(
        reverse("admin:organisation_user_change", args=[head_a.pk]),
        _user_change_data(head_a, must_change_password="on"),
    )
    head_a.refresh_from_db()
    assert head_a.must_change_password is True
    assert "must_change_password: False → True" in AuditEntry.objects.get(action="admin_access_change").note


def test_a_group_permission_change_in_the_admin_is_recorded(client, admin_user):
    client.force_login(admin_user)
    permission = Permission.objects.get(codename="view_auditentry")

    response = client.post(
        reverse("admin:auth_group_add"), {"name": "Kiểm tra", "permissions": [permission.pk]}
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin_group_change")
    assert entry.actor == admin_user and "view_auditentry" in entry.note


# ---- concurrency (PostgreSQL) -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_linear_chain(office_user, unit_a):
    """Eight threads append at once; the head's row lock serialises them, so the chain verifies."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (SQLite serialises the whole database)")
    barrier = threading.Barrier(8)
    errors = []

    def append(i):
        try:
            barrier.wait()
            for j in range(5):
                audit_record(actor=office_user, action="concurrent", target=unit_a, note=f"{i}-{j}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert audit_verify() == (AuditEntry.objects.count(), None)
    assert AuditEntry.objects.filter(action="concurrent").count() == 40


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_entries_written_before_the_chain(office_user, unit_a):
    """Entries of a database from before issue 10 get the actor's name and seals, and verify."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0002_initial")])
    old_apps = executor.loader.project_state([("core", "0002_initial")]).apps
    OldEntry = old_apps.get_model("core", "AuditEntry")
    unit_type = ContentType.objects.get_for_model(unit_a)
    for i in range(3):
        OldEntry.objects.create(
            actor_id=office_user.pk, action=f"old_{i}", content_type_id=unit_type.pk, object_id=unit_a.pk
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    entries = list(AuditEntry.objects.order_by("pk"))
    assert [e.action for e in entries] == ["old_0", "old_1", "old_2"]
    assert {e.actor_name for e in entries} == {"Lê Thị Thu Hà"}
    assert audit_verify() == (3, None)
    audit_record(actor=office_user, action="new", target=unit_a)  # the chain goes on from them
    assert audit_verify() == (4, None)
