"""Database triggers that freeze a closed poll: no INSERT, UPDATE or DELETE of its ballots, open ballots,
voter records, items, paper tally and paper counts, nor of the meeting's attendance and counting committee
once a poll of the meeting is closed; no UPDATE or DELETE of the chair's choice on a tie (it is inserted
after the close, once); and no change to the poll row itself once closed_at is set.

Installed by migration 0002 and again by 0003 (which adds tables) on SQLite and PostgreSQL (other vendors:
nothing). A refused write raises
IntegrityError on both (SQLite RAISE(ABORT); PostgreSQL SQLSTATE 23514). Tests drop them with
``drop(connection)`` to show that the result hash still catches tampering, then ``install`` them again.

``manage.py flush`` on SQLite deletes row by row, so it stops at a closed poll: drop the guard first
(``council.dbguard.drop``); PostgreSQL's flush uses TRUNCATE, which row triggers do not see.
"""

MESSAGE = "council: poll is closed"

# Tables guarded by the poll they belong to: through poll_item_id, poll_id or meeting_id.
_ITEM_TABLES = ["council_ballot", "council_openballot", "council_papercount"]
_POLL_TABLES = ["council_voterrecord", "council_pollitem", "council_papertally"]
_MEETING_TABLES = ["council_attendance", "council_countingmember"]
# Inserted once after the close (the chair's choice on a tie), then never changed.
_INSERT_ONCE_TABLES = ["council_chairchoice"]
_GUARDED = _ITEM_TABLES + _POLL_TABLES + _MEETING_TABLES


def _sqlite_poll_closed(expr_poll_id: str) -> str:
    return f"(SELECT closed_at FROM council_poll WHERE id = {expr_poll_id}) IS NOT NULL"


def _sqlite_item_closed(alias: str) -> str:
    return (
        "(SELECT p.closed_at FROM council_poll p JOIN council_pollitem i ON i.poll_id = p.id "
        f"WHERE i.id = {alias}.poll_item_id) IS NOT NULL"
    )


def _sqlite_meeting_closed(alias: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM council_poll p "
        f"WHERE p.meeting_id = {alias}.meeting_id AND p.closed_at IS NOT NULL)"
    )


def _sqlite_closed(table: str):
    if table in _ITEM_TABLES or table in _INSERT_ONCE_TABLES:
        return _sqlite_item_closed
    if table in _MEETING_TABLES:
        return _sqlite_meeting_closed
    return lambda a: _sqlite_poll_closed(f"{a}.poll_id")


def sqlite_statements(tables=None) -> list[str]:
    """``tables``: the guarded tables that exist (all when None); migration 0002 runs before 0003 adds some."""
    keep = (lambda t: True) if tables is None else (lambda t: t in tables)
    statements = []
    raise_ = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    for table in filter(keep, _INSERT_ONCE_TABLES):
        closed = _sqlite_closed(table)
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS {table}_guard_upd BEFORE UPDATE ON {table} WHEN {closed('OLD')} {raise_}",
            f"CREATE TRIGGER IF NOT EXISTS {table}_guard_del BEFORE DELETE ON {table} WHEN {closed('OLD')} {raise_}",
        ]
    for table in filter(keep, _GUARDED):
        closed = _sqlite_closed(table)
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS {table}_guard_ins BEFORE INSERT ON {table} WHEN {closed('NEW')} {raise_}",
            f"CREATE TRIGGER IF NOT EXISTS {table}_guard_upd BEFORE UPDATE ON {table} "
            f"WHEN {closed('OLD')} OR {closed('NEW')} {raise_}",
            f"CREATE TRIGGER IF NOT EXISTS {table}_guard_del BEFORE DELETE ON {table} WHEN {closed('OLD')} {raise_}",
        ]
    statements += [
        "CREATE TRIGGER IF NOT EXISTS council_poll_guard_upd BEFORE UPDATE ON council_poll "
        f"WHEN OLD.closed_at IS NOT NULL {raise_}",
        "CREATE TRIGGER IF NOT EXISTS council_poll_guard_del BEFORE DELETE ON council_poll "
        f"WHEN OLD.closed_at IS NOT NULL {raise_}",
    ]
    return statements


def sqlite_drop_statements() -> list[str]:
    names = [f"{t}_guard_{op}" for t in _GUARDED for op in ("ins", "upd", "del")]
    names += [f"{t}_guard_{op}" for t in _INSERT_ONCE_TABLES for op in ("upd", "del")]
    names += ["council_poll_guard_upd", "council_poll_guard_del"]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION council_poll_is_closed(pid bigint) RETURNS boolean AS $$
  SELECT EXISTS (SELECT 1 FROM council_poll WHERE id = pid AND closed_at IS NOT NULL)
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION council_item_is_closed(iid bigint) RETURNS boolean AS $$
  SELECT EXISTS (SELECT 1 FROM council_pollitem i JOIN council_poll p ON p.id = i.poll_id
                 WHERE i.id = iid AND p.closed_at IS NOT NULL)
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION council_meeting_is_closed(mid bigint) RETURNS boolean AS $$
  SELECT EXISTS (SELECT 1 FROM council_poll WHERE meeting_id = mid AND closed_at IS NOT NULL)
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION council_guard_by_meeting() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND council_meeting_is_closed(OLD.meeting_id) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND council_meeting_is_closed(NEW.meeting_id) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION council_guard_by_item() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND council_item_is_closed(OLD.poll_item_id) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND council_item_is_closed(NEW.poll_item_id) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION council_guard_by_poll() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND council_poll_is_closed(OLD.poll_id) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND council_poll_is_closed(NEW.poll_id) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION council_guard_poll() RETURNS trigger AS $$
BEGIN
  IF OLD.closed_at IS NOT NULL THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""


def postgresql_statements(tables=None) -> list[str]:
    keep = (lambda t: True) if tables is None else (lambda t: t in tables)
    statements = [_PG_FUNCTIONS]
    for table in filter(keep, _GUARDED):
        function = (
            "council_guard_by_item"
            if table in _ITEM_TABLES
            else "council_guard_by_meeting"
            if table in _MEETING_TABLES
            else "council_guard_by_poll"
        )
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_guard ON {table}",
            f"CREATE TRIGGER {table}_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    for table in filter(keep, _INSERT_ONCE_TABLES):
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_guard ON {table}",
            f"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION council_guard_by_item()",
        ]
    statements += [
        "DROP TRIGGER IF EXISTS council_poll_guard ON council_poll",
        "CREATE TRIGGER council_poll_guard BEFORE UPDATE OR DELETE ON council_poll "
        "FOR EACH ROW EXECUTE FUNCTION council_guard_poll()",
    ]
    return statements


def postgresql_drop_statements(existing=None) -> list[str]:
    tables = [t for t in _GUARDED + _INSERT_ONCE_TABLES if existing is None or t in existing]
    return [f"DROP TRIGGER IF EXISTS {t}_guard ON {t}" for t in tables] + [
        "DROP TRIGGER IF EXISTS council_poll_guard ON council_poll"
    ]


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> bool:
    """Create the triggers on this connection's database; False when the vendor is not supported."""
    tables = set(connection.introspection.table_names())
    if connection.vendor == "sqlite":
        _run(connection, sqlite_statements(tables))
    elif connection.vendor == "postgresql":
        _run(connection, postgresql_statements(tables))
    else:
        return False
    return True


def drop(connection) -> None:
    """Remove the triggers (tests, and `flush` on SQLite)."""
    if connection.vendor == "sqlite":
        _run(connection, sqlite_drop_statements())
    elif connection.vendor == "postgresql":
        _run(connection, postgresql_drop_statements(set(connection.introspection.table_names())))


def installed(connection) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'council_%_guard_%'"
            )
            return cursor.fetchone()[0] >= 3 * len(_GUARDED) + 2 * len(_INSERT_ONCE_TABLES) + 2
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'council_%_guard' AND NOT tgisinternal"
            )
            return cursor.fetchone()[0] >= len(_GUARDED) + len(_INSERT_ONCE_TABLES) + 1
    return False
