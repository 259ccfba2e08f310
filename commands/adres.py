"""Which store: the `--database` URL (or VOUCHER_DATABASE, or ./vouchers.db) read into an Opslag.

Kept apart from commands.opslag so that knowing *where* the store is loads no database
library: a read of up-to-date SQLite views answers without eventsourcing or psycopg.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ledger.fouten import OngeldigeInvoer

STANDAARD_DATABASE = "vouchers.db"
OPSLAGSLEUTEL_ENV = "VOUCHER_OPSLAGSLEUTEL"
"""Optional: a base64 AES key (16, 24 or 32 bytes) that encrypts every stored event (eventsourcing's cipher)."""


@dataclass(frozen=True)
class Opslag:
    soort: str  # "sqlite" | "postgresql"
    url: str
    pad: Path | None = None
    conninfo: dict[str, Any] | None = None

    @property
    def omschrijving(self) -> str:
        if self.pad is not None:
            return str(self.pad)
        info = self.verbinding()
        return f"postgresql://{info['user']}@{info['host']}:{info['port']}/{info['dbname']}"

    def verbinding(self) -> dict[str, Any]:
        """PostgreSQL: the login, server and database this URL means, defaults filled in (never None)."""
        info = self.conninfo or {}
        user = str(info.get("user") or inlognaam())
        return {
            "user": user,
            "password": str(info.get("password") or os.environ.get("PGPASSWORD", "")),
            "host": str(info.get("host") or "localhost"),
            "port": int(info.get("port") or 5432),
            "dbname": str(info.get("dbname") or user),
        }

    def env(self, create_table: bool) -> dict[str, str]:
        basis = {"CREATE_TABLE": "y" if create_table else "n", "AGGREGATE_CACHE_MAXSIZE": "1000"} | versleuteling()
        if self.soort == "sqlite":
            return basis | {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "APPLICATION_RECORDER_TOPIC": "commands.selectie:VoucherSQLiteRecorder",  # + the selection index
                "SQLITE_DBNAME": str(self.pad),
                "SQLITE_LOCK_TIMEOUT": "30",
            }
        info = self.verbinding()
        return basis | {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "APPLICATION_RECORDER_TOPIC": "commands.pgopslag:VoucherPostgresRecorder",
            "POSTGRES_DBNAME": info["dbname"],
            "POSTGRES_HOST": info["host"],
            "POSTGRES_PORT": str(info["port"]),
            "POSTGRES_USER": info["user"],
            "POSTGRES_PASSWORD": info["password"],
            "POSTGRES_CONNECT_TIMEOUT": "2",  # also the pool wait per try, and the library tries 10 times
            "POSTGRES_POOL_SIZE": "2",
            "POSTGRES_LOCK_TIMEOUT": "10",
            "POSTGRES_ENABLE_DB_FUNCTIONS": "n",  # the insert must run VoucherPostgresRecorder._insert_events
        }


def lees_url(url: str | None) -> Opslag:
    """`--database`, else VOUCHER_DATABASE, else ./vouchers.db; a path or sqlite:/// or postgresql://."""
    if url is None:
        url = os.environ.get("VOUCHER_DATABASE") or STANDAARD_DATABASE
    url = url.strip()
    if not url:
        raise OngeldigeInvoer("lege --database")
    if url.startswith(("postgresql://", "postgres://")):
        deel = urlsplit(url)
        if deel.query:
            raise OngeldigeInvoer("gebruik postgresql://gebruiker@host:poort/database, zonder ?-opties")
        try:
            poort = deel.port
        except ValueError:
            raise OngeldigeInvoer(f"ongeldige poort in {url!r}") from None
        info = {
            "user": unquote(deel.username) if deel.username else None,
            "password": unquote(deel.password) if deel.password else None,
            "host": deel.hostname,
            "port": poort,
            "dbname": unquote(deel.path.lstrip("/")) or None,
        }
        return Opslag("postgresql", url, conninfo=info)
    if url.startswith("sqlite:///"):
        pad = url[len("sqlite:///") :]
    elif "://" in url:
        raise OngeldigeInvoer(
            f"onbekend soort database {url.split('://')[0]!r}: gebruik een pad, sqlite:/// of postgresql://"
        )
    else:
        pad = url
    if not pad or "\x00" in pad:
        raise OngeldigeInvoer("ongeldig pad voor --database")
    return Opslag("sqlite", url, pad=Path(pad))


def versleuteling() -> dict[str, str]:
    """The library's cipher settings when VOUCHER_OPSLAGSLEUTEL is set (AES-GCM, `cryptography`)."""
    sleutel = os.environ.get(OPSLAGSLEUTEL_ENV, "").strip()
    if not sleutel:
        return {}
    try:
        lengte = len(base64.b64decode(sleutel, validate=True))
    except ValueError:
        lengte = -1
    if lengte not in (16, 24, 32):
        raise OngeldigeInvoer(
            f"{OPSLAGSLEUTEL_ENV} is geen geldige sleutel: base64 van 16, 24 of 32 bytes "
            "(maak er een met: python3 -c 'import os,base64; print(base64.b64encode(os.urandom(32)).decode())')"
        )
    return {"CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher", "CIPHER_KEY": sleutel}


def inlognaam() -> str:
    """The login name of this process (imported on use: a command with VOUCHER_GEBRUIKER never asks)."""
    import getpass

    return getpass.getuser()
