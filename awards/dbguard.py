"""Database triggers that keep an issued decision as issued: no UPDATE of the decision row and no UPDATE of
its awards once the status is "issued" (SQLite RAISE(ABORT), PostgreSQL SQLSTATE 23514: IntegrityError on
both). DELETE stays possible so that `flush` and test teardown work; the services never delete decisions.
Installed by migration 0002."""

MESSAGE = "awards: decision is issued"

SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS awards_decision_issued_upd BEFORE UPDATE ON awards_decision "
    f"WHEN OLD.status = 'issued' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    "CREATE TRIGGER IF NOT EXISTS awards_award_issued_upd BEFORE UPDATE ON awards_award "
    "WHEN (SELECT status FROM awards_decision WHERE id = OLD.decision_id) = 'issued' "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS awards_decision_issued_upd",
    "DROP TRIGGER IF EXISTS awards_award_issued_upd",
]
POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION awards_guard_decision() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'issued' THEN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation'; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION awards_guard_award() RETURNS trigger AS $$
BEGIN
  IF (SELECT status FROM awards_decision WHERE id = OLD.decision_id) = 'issued' THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS awards_decision_issued_upd ON awards_decision",
    "CREATE TRIGGER awards_decision_issued_upd BEFORE UPDATE ON awards_decision "
    "FOR EACH ROW EXECUTE FUNCTION awards_guard_decision()",
    "DROP TRIGGER IF EXISTS awards_award_issued_upd ON awards_award",
    "CREATE TRIGGER awards_award_issued_upd BEFORE UPDATE ON awards_award "
    "FOR EACH ROW EXECUTE FUNCTION awards_guard_award()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS awards_decision_issued_upd ON awards_decision",
    "DROP TRIGGER IF EXISTS awards_award_issued_upd ON awards_award",
    "DROP FUNCTION IF EXISTS awards_guard_decision()",
    "DROP FUNCTION IF EXISTS awards_guard_award()",
]


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL)


def uninstall(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)
