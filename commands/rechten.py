"""Database privileges on PostgreSQL follow the mandates (art. 2): who may write what.

Rules owned here:
- per database three group roles, `<database>_college`, `<database>_regiegroep` and
  `<database>_kasbeheerder` (role names are cluster-global, hence the database name; at most
  63 bytes, a long name is shortened with a hash), made by `voucher init`;
- each group role gets exactly the table privileges listed in RECHTEN (one line per table,
  applied only where the table exists), and nobody gets UPDATE, DELETE or TRUNCATE on the
  history (`vouchers_events`, `vouchers_snapshots`, and next to it the selection index
  `vouchers_selectie` and the noted log heads `vouchers_logkoppen`): only ever inserted into;
- row-level security on the history: everyone reads, and a group role may insert only the
  event topics of its mandate's own acts (ONDERWERPEN) and snapshots of the aggregates those
  acts save (MOMENTOPNAMEN); FORCE, so the owner of the tables is held to it as well (the
  owner is a college member, and no policy allows UPDATE or DELETE, for anyone);
- the college group holds the other two group roles WITH ADMIN OPTION: a college login
  (granted the college role WITH ADMIN OPTION) can grant and revoke all three. Holding a role
  with ADMIN OPTION makes one its member, so at database level the college can also insert
  what the regiegroep and kasbeheerder insert; the application's mandate check holds it to
  its own acts;
- an ambtenaar mandated for a wijk where no regiegroep formed (toelichting art. 2 lid 6) does
  the regiegroep's part and holds its group role (`ledger.gemeente.DATABASEROL`);
- `voucher mandaat geven` grants the login the group role of the mandate in the same
  transaction as the MandaatGegeven event; `intrekken` revokes it when the login holds no
  other mandate with that role as of today. Wijk scoping and mandates dated in the future or
  past stay with the application: the database follows the mandates as they hold today.

Imported only for PostgreSQL (it imports psycopg).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from eventsourcing.utils import get_topic
from psycopg import sql

from ledger import gebeurtenissen as g
from ledger import vastlegging
from ledger.aanvraag import Aanvraag
from ledger.fouten import NietGevonden, OpslagOnbeschikbaar, RegelOvertreden
from ledger.gemeente import DATABASEROL, ROLLEN, Gemeente
from ledger.voucher import Voucher
from ledger.wijk import Wijk
from projections.tabellen import TABELLEN, TRACKING

if TYPE_CHECKING:
    from commands.opslag import VoucherLedger

EVENTS = "vouchers_events"
SNAPSHOTS = "vouchers_snapshots"
REEKS = "vouchers_events_notification_id_seq"
SLEUTELS = "vouchers_sleutels"  # per-applicant encryption keys (crypto-shredding), where that table exists
SELECTIE = "vouchers_selectie"  # per event its wijk and year (commands/selectie.py): written with the events
KOPPEN = "vouchers_logkoppen"  # log heads noted by reports, where the next report's ketenkop starts (idem)

_LEESMODELLEN = {t: ("SELECT", "INSERT", "UPDATE") for t in (TRACKING, *(t.naam for t in TABELLEN))}
"""The read models are derived data: every reading command's catch-up upserts rows and moves the position."""
_GESCHIEDENIS = {t: ("SELECT", "INSERT") for t in (EVENTS, SNAPSHOTS, SELECTIE, KOPPEN)}

RECHTEN: dict[str, dict[str, tuple[str, ...]]] = {
    "college": {**_GESCHIEDENIS, **_LEESMODELLEN, SLEUTELS: ("SELECT", "INSERT", "DELETE")},
    "regiegroep": {**_GESCHIEDENIS, **_LEESMODELLEN, SLEUTELS: ("SELECT", "INSERT")},
    "kasbeheerder": {**_GESCHIEDENIS, **_LEESMODELLEN},  # pays from vouchers: no personal data
}
"""Table privileges per group role; a table that does not exist (yet) is skipped."""

REEKSRECHTEN: dict[str, dict[str, tuple[str, ...]]] = {rol: {REEKS: ("USAGE",)} for rol in ROLLEN}

ONDERWERPEN: dict[str, tuple[Any, ...]] = {
    # inrichten, mandaten, wijken en plafonds, aanvragen van bewoners aan het college (art. 4 lid 1),
    # aanvullen, wijzigingen, bekendmaken, persoonsgegevens vergeten, het jaar afsluiten (vervallen).
    "college": (
        g.GemeenteIngericht,
        g.GemeenteMandaatGegeven,
        g.GemeenteMandaatIngetrokken,
        g.GemeenteAanvraagGeregistreerd,
        g.WijkAangewezen,
        g.WijkUitvoeringskostenGereserveerd,
        g.WijkSubsidieplafondVastgesteld,
        g.WijkAanvraagInBehandeling,
        g.WijkPeriodeAfgesloten,
        g.AanvraagIngediend,
        g.AanvraagAangevuld,
        g.AanvraagWijzigingGemeld,
        g.AanvraagBekendgemaakt,
        g.AanvraagPersoonsgegevensVernietigd,
        g.AanvraagIngetrokken,  # art. 4 lid 1: the college registers what it receives, also a withdrawal
        g.AanvraagBuitenBehandelingGesteld,  # Awb 4:5: the college decides too (art. 5 "het college of")
        g.WijkAanvraagUitWachtrij,  # a withdrawn aanvraag leaves the queue
        g.AanvraagToekenningIngetrokken,  # Awb 4:48: the college withdraws a grant (art. 5 "het college of")
        g.VoucherWaardeIngetrokken,
        g.WijkWaardeVrijgegeven,
        g.AanvraagVastgesteld,  # Awb 4:42: the college settles too (art. 5 "het college of")
        g.AanvraagTerugvorderingIngesteld,  # Awb 4:57: only the college claims back
        # art. 5 "het college of de regiegroep", Awb 10:7: the college decides itself on any aanvraag
        g.AanvraagAanvullingGevraagd,
        g.AanvraagToegekend,
        g.AanvraagGeweigerd,
        g.AanvraagGeschiktVerklaard,
        g.AanvraagRaadplegingBesloten,
        g.WijkVouchersVastgelegd,
        g.VoucherVerstrekt,
        g.VoucherVervallen,
        g.VerzendingVerzonden,  # Awb 3:41: the college sends its letters (and the beslissing op bezwaar)
        g.BezwaarIngediend,  # Awb 6:4: the bezwaarschrift is addressed to the college
        g.BezwaarBeslist,  # Awb 7:11: only the college decides on bezwaar
        g.AanvraagHerroepen,  # Awb 7:11: gegrond revokes the decision (a grant: its vouchers' value, above)
        g.GemeenteRegelingGewijzigd,  # art. 10: a changed verordening, in force from its date
        g.WijkBudgetGewijzigd,  # art. 2 lid 2: the college divides (and changes) the budget
        g.VerzoekVastgelegd,
    ),
    # aanvragen registreren (de gemeente nummert), aanvulling, beslissen, raadpleging, vouchers verstrekken.
    "regiegroep": (
        g.GemeenteAanvraagGeregistreerd,
        g.WijkAanvraagInBehandeling,
        g.WijkAanvraagUitWachtrij,
        g.WijkVouchersVastgelegd,
        g.AanvraagIngediend,
        g.AanvraagAanvullingGevraagd,
        g.AanvraagAangevuld,
        g.AanvraagToegekend,
        g.AanvraagGeweigerd,
        g.AanvraagGeschiktVerklaard,
        g.AanvraagRaadplegingBesloten,
        g.AanvraagWijzigingGemeld,
        g.AanvraagBekendgemaakt,
        g.AanvraagIngetrokken,
        g.AanvraagBuitenBehandelingGesteld,
        g.AanvraagToekenningIngetrokken,
        g.VoucherWaardeIngetrokken,
        g.WijkWaardeVrijgegeven,
        g.AanvraagVastgesteld,
        g.VoucherVerstrekt,
        g.VerzendingVerzonden,  # the regiegroep sends the letters of its decisions
        g.BezwaarIngediend,  # and registers a bezwaarschrift it receives (the college decides it)
        g.VerzoekVastgelegd,
    ),
    # betalen, contant, weigeren, corrigeren (storno), en het factuurregister (art. 9).
    "kasbeheerder": (
        g.VoucherVerzilverd,
        g.VoucherContantOpgenomen,
        g.VoucherBetalingGeweigerd,
        g.VoucherBetalingGecorrigeerd,
        g.FactuurGeboekt,
        g.FactuurVrijgegeven,
        g.FactuurOpnieuwGeboekt,
        g.AanvraagTerugbetalingOntvangen,  # the kasbeheerder receives what is paid back
        g.WijkTerugbetalingGeboekt,
        g.VerzoekVastgelegd,
    ),
}
"""The event classes each group role may insert: the acts of its commands (commands/dienst.py,
periode.py, importeren.py), with the Verzoek of a --sleutel."""

MOMENTOPNAMEN: dict[str, tuple[Any, ...]] = {
    "college": (Gemeente, Wijk, Aanvraag, Voucher),
    "regiegroep": (Gemeente, Wijk, Aanvraag, Voucher),
    "kasbeheerder": (Voucher,),
}
"""The aggregates each group role saves, and so may snapshot (Factuur and Verzoek are never snapshotted)."""


class GeenDatabaserecht(RegelOvertreden):
    """The login lacks the database privilege the act needs (granting a role, initialising)."""


# --- names --------------------------------------------------------------------------------
def groepsrol(database: str, rol: str) -> str:
    """`<database>_<rol>`, at most 63 bytes (PostgreSQL's limit): a long database name is
    shortened and a hash of the whole name keeps it unique."""
    naam = f"{database}_{rol}"
    if len(naam.encode("utf-8")) <= 63:
        return naam
    staart = f"_{hashlib.sha256(database.encode('utf-8')).hexdigest()[:8]}_{rol}"
    begin = database.encode("utf-8")[: 63 - len(staart)].decode("utf-8", "ignore")
    return begin + staart


def topics(rol: str) -> list[str]:
    return [get_topic(e) for e in ONDERWERPEN[rol]]


def _id(naam: str) -> sql.Identifier:
    return sql.Identifier(naam)


def _lijst(namen: list[str]) -> sql.Composable:
    return sql.SQL("ARRAY[{}]::text[]").format(sql.SQL(", ").join(sql.Literal(n) for n in namen))


# --- initialising (voucher init, by the owner) -------------------------------------------------
@contextmanager
def _transactie(app: VoucherLedger, commit: bool) -> Iterator[Any]:
    with app.recorder.datastore.transaction(commit=commit) as curs:  # type: ignore[attr-defined]
        yield curs


def _een(curs: Any, query: sql.Composable | str, params: tuple[Any, ...] = ()) -> dict[str, Any]:
    curs.execute(query, params)
    rij: dict[str, Any] = curs.fetchone()
    return rij


def _wie(curs: Any) -> dict[str, Any]:
    return _een(
        curs,
        "SELECT current_user AS wie, current_database() AS database, r.rolsuper AS super, "
        "r.rolcreaterole AS maakt_rollen, current_setting('server_version_num')::int AS versie, "
        "(SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = to_regclass(%s)) AS eigenaar "
        "FROM pg_roles r WHERE r.rolname = current_user",
        (EVENTS,),
    )


def _bestaat(curs: Any, rol: str) -> bool:
    return bool(_een(curs, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) AS er", (rol,))["er"])


def _is_beheerder_van(curs: Any, rol: str) -> bool:
    return bool(_een(curs, "SELECT pg_has_role(current_user, %s, 'MEMBER WITH ADMIN OPTION') AS mag", (rol,))["mag"])


def controleer_inrichter(app: VoucherLedger) -> None:
    """Before `voucher init` writes anything: may this login set up the roles and policies?"""
    with _transactie(app, commit=False) as curs:
        ik = _wie(curs)
        if ik["super"]:
            return
        if ik["eigenaar"] != ik["wie"]:
            raise GeenDatabaserecht(
                f"alleen de eigenaar van de vouchersadministratie ({ik['eigenaar']}) richt de databaserollen in; "
                f"u bent {ik['wie']}"
            )
        te_maken, zonder_beheer = [], []
        for rol in ROLLEN:
            naam = groepsrol(ik["database"], rol)
            if not _bestaat(curs, naam):
                if not ik["maakt_rollen"]:
                    te_maken.append(naam)
            # Up to PostgreSQL 15 CREATEROLE may grant any role; from 16 on only with ADMIN OPTION.
            elif not (_is_beheerder_van(curs, naam) or (ik["maakt_rollen"] and ik["versie"] < 160000)):
                zonder_beheer.append(naam)
        if te_maken or zonder_beheer:
            wie = ik["wie"]
            maak = "".join(f'CREATE ROLE "{r}" NOLOGIN; ' for r in te_maken)
            geef = ", ".join(f'"{r}"' for r in te_maken + zonder_beheer)
            raise GeenDatabaserecht(
                f"{wie} mag de databaserollen {', '.join(te_maken + zonder_beheer)} niet maken of doorgeven; de "
                f'beheerder voert uit: ALTER ROLE "{wie}" CREATEROLE; of: {maak}GRANT {geef} TO "{wie}" WITH ADMIN OPTION;'
            )


def richt_in(app: VoucherLedger, gemeente: Gemeente | None = None, vandaag: date | None = None) -> dict[str, Any]:
    """Create the group roles if missing, grant exactly RECHTEN, and put the policies on the
    history; with `gemeente`, also grant every login that holds a mandate today its group role.
    One transaction; running it again sets everything to what this code says."""
    with _transactie(app, commit=True) as curs:
        ik = _wie(curs)
        rollen = {r: groepsrol(ik["database"], r) for r in ROLLEN}
        for naam in rollen.values():
            if not _bestaat(curs, naam):
                curs.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(_id(naam)))
        college = rollen["college"]
        for rol in ("regiegroep", "kasbeheerder"):
            curs.execute(sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(_id(rollen[rol]), _id(college)))
        curs.execute(sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(_id(college), _id(ik["wie"])))
        for rol, naam in rollen.items():
            _geef_tabelrechten(curs, naam, RECHTEN[rol], "TABLE")
            _geef_tabelrechten(curs, naam, REEKSRECHTEN[rol], "SEQUENCE")
        for tabel in (EVENTS, SNAPSHOTS, SELECTIE, KOPPEN):
            # The owner may grant these back to itself, but not by accident: history is appended, never changed.
            curs.execute(
                sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(_id(tabel), _id(ik["eigenaar"]))
            )
            curs.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(_id(tabel)))
            curs.execute(sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(_id(tabel)))
        _maak_beleid(curs, rollen)
        gegeven = _volg_alle_mandaten(curs, rollen, gemeente, vandaag or vastlegging.vandaag()) if gemeente else []
    return {"databaserollen": rollen, "lidmaatschappen": gegeven}


def herstel_leesmodelrechten(app: VoucherLedger) -> None:
    """After `voucher herbouw` (new tables, owned by whoever rebuilt them, without grants): the
    group roles' privileges on the read models again, where the roles exist."""
    with _transactie(app, commit=True) as curs:
        database = _wie(curs)["database"]
        for rol in ROLLEN:
            naam = groepsrol(database, rol)
            if _bestaat(curs, naam):
                _geef_tabelrechten(curs, naam, {t: p for t, p in RECHTEN[rol].items() if t in _LEESMODELLEN}, "TABLE")


def _geef_tabelrechten(curs: Any, rol: str, rechten: dict[str, tuple[str, ...]], soort: str) -> None:
    for tabel, privileges in rechten.items():
        if not _een(curs, "SELECT to_regclass(%s) IS NOT NULL AS er", (tabel,))["er"]:
            continue
        curs.execute(sql.SQL("REVOKE ALL ON {} {} FROM {}").format(sql.SQL(soort), _id(tabel), _id(rol)))
        curs.execute(
            sql.SQL("GRANT {} ON {} {} TO {}").format(
                sql.SQL(", ").join(sql.SQL(p) for p in privileges), sql.SQL(soort), _id(tabel), _id(rol)
            )
        )


def _maak_beleid(curs: Any, rollen: dict[str, str]) -> None:
    """Policies, replaced as a whole: reading for everyone, inserting per mandate."""
    for tabel in (EVENTS, SNAPSHOTS, SELECTIE, KOPPEN):
        curs.execute(
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = %s", (tabel,)
        )
        for rij in curs.fetchall():
            curs.execute(sql.SQL("DROP POLICY {} ON {}").format(_id(rij["policyname"]), _id(tabel)))
        curs.execute(sql.SQL("CREATE POLICY iedereen_leest ON {} FOR SELECT USING (true)").format(_id(tabel)))
    for rol, naam in rollen.items():
        curs.execute(
            sql.SQL("CREATE POLICY {} ON {} FOR INSERT TO {} WITH CHECK (topic = ANY ({}))").format(
                _id(f"{rol}_legt_vast"), _id(EVENTS), _id(naam), _lijst(topics(rol))
            )
        )
        # A snapshot is loaded instead of the events before it: only the aggregates this role saves.
        # Each aggregate's snapshots have their own topic, so this holds for an encrypted store too.
        curs.execute(
            sql.SQL("CREATE POLICY {} ON {} FOR INSERT TO {} WITH CHECK (topic = ANY ({}))").format(
                _id(f"{rol}_legt_vast"),
                _id(SNAPSHOTS),
                _id(naam),
                _lijst([get_topic(k.Snapshot) for k in MOMENTOPNAMEN[rol]]),
            )
        )
        # The selection index: a row only for a stored event of the same stream (written in its transaction,
        # or completed from the log), and each event has one row (its notification id is the key).
        curs.execute(
            sql.SQL(
                "CREATE POLICY {} ON {} FOR INSERT TO {} WITH CHECK (EXISTS (SELECT 1 FROM {} e WHERE "
                "e.notification_id = {}.notification_id AND e.originator_id = {}.originator_id))"
            ).format(_id(f"{rol}_legt_vast"), _id(SELECTIE), _id(naam), _id(EVENTS), _id(SELECTIE), _id(SELECTIE))
        )
        # A noted log head is at a stored event (a report's ketenkop is checked by `verifieer --kop`, never this).
        curs.execute(
            sql.SQL(
                "CREATE POLICY {} ON {} FOR INSERT TO {} WITH CHECK (EXISTS (SELECT 1 FROM {} e WHERE "
                "e.notification_id = {}.positie))"
            ).format(_id(f"{rol}_legt_vast"), _id(KOPPEN), _id(naam), _id(EVENTS), _id(KOPPEN))
        )


def _volg_alle_mandaten(curs: Any, rollen: dict[str, str], gemeente: Gemeente, vandaag: date) -> list[dict[str, str]]:
    """Grant every existing login its group roles for the mandates it holds today (an older store)."""
    gegeven = []
    for rol, naam in rollen.items():
        for login in _houders(gemeente, rol, vandaag):
            if _login_bestaat(curs, login):
                curs.execute(_grant(naam, login, admin=rol == "college"))
                gegeven.append({"login": login, "databaserol": naam})
    return gegeven


def _houders(gemeente: Gemeente, groep: str, vandaag: date) -> list[str]:
    """The logins that hold a mandate today whose group role is `groep` (ambtenaar: the regiegroep's)."""
    soorten = [soort for soort, rol in DATABASEROL.items() if rol == groep]
    return sorted({login for soort in soorten for login in gemeente.mandaathouders(soort, vandaag)})


def _login_bestaat(curs: Any, login: str) -> bool:
    return bool(_een(curs, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) AS er", (login,))["er"])


def _grant(rol: str, login: str, *, admin: bool) -> sql.Composed:
    tekst = "GRANT {} TO {} WITH ADMIN OPTION" if admin else "GRANT {} TO {}"
    return sql.SQL(tekst).format(_id(rol), _id(login))


# --- mandates (voucher mandaat geven / intrekken) --------------------------------------------
class Databaserechten:
    """The GRANT or REVOKE that makes a login's database privileges follow its mandates."""

    def __init__(self, app: VoucherLedger) -> None:
        self.app = app

    def volg_mandaat(self, gemeente: Gemeente, login: str, rol: str, vandaag: date, *, gegeven: bool) -> list[Any]:
        """Statements for the transaction that records the mandate event (checked first, so that a
        refusal writes nothing). `gemeente` is the state after the act."""
        rol = DATABASEROL[rol]
        with _transactie(self.app, commit=False) as curs:
            ik = _wie(curs)
            naam = groepsrol(ik["database"], rol)
            if not _bestaat(curs, naam):
                raise OpslagOnbeschikbaar(
                    f"de databaserol {naam} bestaat niet: laat de eigenaar van de database 'voucher init' "
                    "(opnieuw) uitvoeren"
                )
            if not _login_bestaat(curs, login):
                if not gegeven:
                    return []  # a login that is gone holds no role any more
                raise NietGevonden(
                    f"de databaselogin {login} bestaat niet: de beheerder maakt die eerst aan "
                    f"(CREATE ROLE \"{login}\" LOGIN PASSWORD '...';) en daarna geeft u het mandaat",
                    gebruiker=login,
                )
            if not (ik["super"] or _is_beheerder_van(curs, naam) or (ik["maakt_rollen"] and ik["versie"] < 160000)):
                college = groepsrol(ik["database"], "college")
                raise GeenDatabaserecht(
                    f"{ik['wie']} mag de databaserol {naam} niet toekennen of intrekken; de beheerder voert uit: "
                    f'GRANT "{college}" TO "{ik["wie"]}" WITH ADMIN OPTION;',
                    artikel="art. 2",
                )
        if login in _houders(gemeente, rol, vandaag):
            return [_grant(naam, login, admin=rol == "college")]
        return [sql.SQL("REVOKE {} FROM {}").format(_id(naam), _id(login)), _eis_ingetrokken(naam, login)]

    def voer_uit(self, statements: list[Any]) -> None:
        """For a mandate that was recorded already (a repeat): bring the privilege in line, on its own."""
        with _transactie(self.app, commit=True) as curs:
            for s in statements:
                curs.execute(s)


def _eis_ingetrokken(rol: str, login: str) -> sql.Composed:
    """Fail the transaction if the membership survived the REVOKE (PostgreSQL 16 and later revoke only
    what the revoking role granted, with a warning): the event is then not recorded either."""
    melding = (
        f"de databaserol {rol} van {login} is niet ingetrokken (door een ander toegekend): de beheerder voert uit: "
        f'REVOKE "{rol}" FROM "{login}" GRANTED BY <wie hem gaf>;'
    )
    return sql.SQL(
        "DO $$BEGIN IF EXISTS (SELECT 1 FROM pg_auth_members WHERE roleid = to_regrole({}) "
        "AND member = to_regrole({})) THEN RAISE EXCEPTION {}; END IF; END$$"
    ).format(sql.Literal(_id_tekst(rol)), sql.Literal(_id_tekst(login)), sql.Literal(melding))


def _id_tekst(naam: str) -> str:
    """A role name as to_regrole reads it: always quoted."""
    return '"' + naam.replace('"', '""') + '"'
