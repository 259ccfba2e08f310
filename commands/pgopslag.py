"""PostgreSQL plumbing: the events table serialised by an advisory lock, not a table lock.

eventsourcing's recorder takes `LOCK TABLE ... IN EXCLUSIVE MODE` before inserting, so that
notification ids commit in order. PostgreSQL only lets a role take that lock if it may
UPDATE, DELETE or TRUNCATE the table: every clerk would then be able to rewrite history.
A transaction-scoped advisory lock gives writers the same one-at-a-time order and needs no
privilege, so login roles get SELECT and INSERT on the events and nothing more. Imported
only for PostgreSQL (it imports psycopg).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Literal

from ledger.fouten import OpslagOnbeschikbaar

# One constant key for "writing to the vouchers event log"; any bigint would do.
SCHRIJFSLOT = 0x766F756368657273  # 'vouchers'
GROTE_PARTIJ = 1000  # events in one save above which the insert goes without pipeline mode
GROTE_PARTIJ_WACHT = 120  # seconds the server waits for the rest of such a save before it gives up


class VoucherPostgresRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.datastore.enable_db_functions:
            # The library's insert function would skip _insert_events: no advisory lock, no GRANT.
            raise OpslagOnbeschikbaar(
                "POSTGRES_ENABLE_DB_FUNCTIONS past niet bij deze opslag: het schrijfslot en de rechten per mandaat "
                "zouden worden overgeslagen"
            )
        # `voucher init` makes the selection index with the events table (commands/selectie.py).
        from commands.selectie import PG_DATUM, PG_INDEX, PG_KOPPEN, PG_TABEL

        self.sql_create_statements.extend(SQL(t).format() for t in (PG_TABEL, PG_INDEX, PG_DATUM, PG_KOPPEN))  # type: ignore[arg-type]
        self.lock_table_statements = [
            SQL("SET LOCAL lock_timeout = '{0}s'").format(self.datastore.lock_timeout),
            SQL("SELECT pg_advisory_xact_lock({0})").format(Literal(SCHRIJFSLOT)),
        ]

    def insert_events(self, stored_events: Any, **kwargs: Any) -> Any:
        """A save of a few events goes through the library's pipeline (BEGIN, the lock, NOTIFY and
        INSERT in one flight). A large one (an import: one INSERT of megabytes) goes without pipeline
        mode: there psycopg can wait for the server while the server waits for the rest of the
        message (both idle, the server in ClientRead; psycopg issue 685), seen here on imports of
        10.000 payments. The statements are the same, in the same transaction; sending megabytes
        can take the client longer than the library's idle-in-transaction timeout (5 s) on a busy
        machine, so this transaction has its own."""
        if len(stored_events) <= GROTE_PARTIJ:
            return super().insert_events(stored_events, **kwargs)
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            curs.execute(SQL("SET LOCAL idle_in_transaction_session_timeout = '{0}s'").format(GROTE_PARTIJ_WACHT))
            self._insert_events(curs, stored_events, **kwargs)
            self._insert_stored_events(curs, stored_events, **kwargs)
            return self._fetch_ids_after_insert_events(curs, stored_events, **kwargs)

    def _insert_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> None:
        # Statements that commit or fail together with these events: the GRANT or REVOKE that
        # makes a login's privileges follow the mandate being recorded (commands/rechten.py).
        if kwargs.get("selectie") and self._selectie_kan is None:
            self._selectie_kan = _selectie_schrijfbaar(curs)  # before anything that can fail is queued
        for statement in kwargs.get("ook_uitvoeren", ()):
            curs.execute(statement)
        super()._insert_events(curs, stored_events, **kwargs)

    def _insert_stored_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> None:
        super()._insert_stored_events(curs, stored_events, **kwargs)
        # The rows of the selection index (commands/selectie.py), in the same transaction and the same
        # pipeline (no extra round trip): their notification ids are taken from the rows just inserted.
        # Never prepared on the server: psycopg prepares a statement on its fifth use, and a PREPARE queued in
        # a pipeline that fails (a lost race on a version: IntegrityError) leaves psycopg believing in a
        # statement the server never made ("prepared statement _pg3_N does not exist" on the next save).
        rijen = kwargs.get("selectie")
        if rijen and self._selectie_kan:
            with curs.connection.cursor() as c:
                c.execute(self._selectie_statement, [list(k) for k in zip(*rijen, strict=True)], prepare=False)

    _selectie_statement = SQL(
        "INSERT INTO vouchers_selectie SELECT e.notification_id, r.stroom, r.wijk, r.periode, r.datum, r.vastgelegd "
        "FROM unnest(%s::uuid[], %s::int[], %s::text[], %s::int[], %s::text[], %s::bigint[]) "
        "AS r(stroom, versie, wijk, periode, datum, vastgelegd) "
        "JOIN vouchers_events e ON e.originator_id = r.stroom AND e.originator_version = r.versie"
    )
    _selectie_kan: bool | None = None


def _selectie_schrijfbaar(curs: Any) -> bool:
    """Whether the selection index exists and this login may insert into it (asked once per process: an
    older store writes its events alone until the owner runs `voucher init`, which completes the index)."""
    curs.execute(
        "SELECT CASE WHEN to_regclass('vouchers_selectie') IS NULL THEN false "
        "ELSE has_table_privilege('vouchers_selectie', 'INSERT') END AS kan"
    )
    rij = curs.fetchone()
    return bool(rij["kan"] if isinstance(rij, dict) else rij[0])


# --- opening: is this the right server, database and login? --------------------------------------------
def controleer_database(recorder: Any, opslag: Any) -> None:
    """One query on the application's own pool before anything is read or created: the connection
    works, and the database is UTF-8 (the events are UTF-8 JSON; another encoding hands text back
    as bytes, and `init` would leave tables behind). A failed connection is diagnosed in Dutch."""
    try:
        with recorder.datastore.transaction(commit=False) as curs:
            curs.execute(
                "SELECT pg_encoding_to_char(encoding) AS codering FROM pg_database WHERE datname = current_database()"
            )
            rij = curs.fetchone()
    except Exception:  # the pool only says it got no connection: ask the server why, once
        raise verbindingsfout(opslag) from None
    codering = rij["codering"] if rij else None
    if isinstance(codering, bytes):
        codering = codering.decode("ascii", "replace")
    if codering != "UTF8":
        info = opslag.verbinding()
        raise OpslagOnbeschikbaar(
            f"de database moet UTF-8 zijn, maar {info['dbname']} is {codering}: maak haar opnieuw aan met "
            f"'createdb --encoding UTF8 --template template0 --owner EIGENAAR {info['dbname']}' (README, PostgreSQL); "
            "er is niets aangemaakt"
        )


def verbindingsfout(opslag: Any) -> OpslagOnbeschikbaar:
    """Why the server refuses: connect once directly and name the cause in Dutch, with what to do."""
    import psycopg

    info = opslag.verbinding()
    try:
        psycopg.connect(
            dbname=info["dbname"],
            host=info["host"],
            port=info["port"],
            user=info["user"],
            password=info["password"] or None,
            connect_timeout=2,
        ).close()
    except psycopg.Error as e:
        return OpslagOnbeschikbaar(_oorzaak(" ".join(str(e).split()), info))
    return OpslagOnbeschikbaar(f"de opslag {opslag.omschrijving} is niet bereikbaar; probeer het opnieuw")


def _oorzaak(tekst: str, info: dict[str, Any]) -> str:
    """The libpq message, in the words of someone who has to fix it."""
    server, db, login = f"{info['host']}:{info['port']}", info["dbname"], info["user"]
    klein = tekst.lower()
    if f'database "{db}" does not exist'.lower() in klein:
        return (
            f"de database {db} bestaat niet op de server {server}: controleer de naam in --database, of laat de "
            f"beheerder haar aanmaken (createdb --owner EIGENAAR {db}; README, PostgreSQL)"
        )
    if "no password supplied" in klein:
        return (
            f"de server {server} vraagt een wachtwoord voor login {login}, maar er is geen gegeven: zet het in "
            "PGPASSWORD of in ~/.pgpass (niet op de opdrachtregel)"
        )
    if "password authentication failed" in klein:
        return (
            f"de server {server} weigert login {login}: het wachtwoord klopt niet, of die login bestaat niet (de "
            "server zegt niet welk van beide); controleer PGPASSWORD of ~/.pgpass en de naam in --database"
        )
    if f'role "{login}" does not exist'.lower() in klein:
        return (
            f"de login {login} bestaat niet op de server {server}: controleer de naam in --database, of laat de "
            f"beheerder haar aanmaken (CREATE ROLE {login} LOGIN; README, PostgreSQL)"
        )
    if "no pg_hba.conf entry" in klein:
        return (
            f"de server {server} laat login {login} vanaf deze machine niet toe in database {db} (pg_hba.conf): "
            "vraag de beheerder"
        )
    if "permission denied for database" in klein or "connect privilege" in klein:
        return f"login {login} mag database {db} niet openen (CONNECT): vraag de beheerder om dat recht"
    if "too many" in klein and "connections" in klein:
        return f"de server {server} heeft geen verbindingen meer vrij: probeer het later opnieuw"
    if any(s in klein for s in ("closed the connection unexpectedly", "terminating connection", "could not receive")):
        return (
            f"de PostgreSQL-server op {server} is niet bereikbaar: hij verbrak de verbinding (hij stopt of start "
            "opnieuw); probeer het over een ogenblik opnieuw (pg_isready -h HOST -p POORT)"
        )
    if "starting up" in klein or "shutting down" in klein or "recovery" in klein:
        return f"de PostgreSQL-server op {server} is even niet bereikbaar: hij start op of stopt; probeer het over een ogenblik opnieuw"
    if "translate host name" in klein or "name or service not known" in klein:
        return f"de servernaam {info['host']} is onbekend: controleer de host in --database"
    if any(s in klein for s in ("connection refused", "timeout expired", "no route to host", "network is unreachable")):
        return (
            f"de PostgreSQL-server op {server} is niet bereikbaar: controleer host en poort in --database en of "
            "de server draait (pg_isready -h HOST -p POORT)"
        )
    return (
        f"de PostgreSQL-server op {server} is niet bereikbaar voor database {db} als login {login} "
        f"(melding van de server: {tekst[:200]})"
    )
