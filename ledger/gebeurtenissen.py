"""The catalogue of the ledger's events: every act, by its stored topic.

The topics are part of the stored format and never change; a changed event gets a
`class_version` and an upcast instead. Readers (projections, reports) name events from
here, so that the catalogue is the one list of what the history can hold.
"""

from __future__ import annotations

from typing import Any

from ledger.aanvraag import Aanvraag
from ledger.bezwaar import Bezwaar, Verzending
from ledger.gemeente import Gemeente
from ledger.verzoek import Verzoek
from ledger.voucher import Factuur, Voucher
from ledger.wijk import Wijk

# Every event is an explicit class with typed fields and its own topic, on its aggregate (the aanvraag's
# in ledger/aanvraag_gebeurtenissen.py); eventsourcing subclasses each for its aggregate and registers
# that subclass under the topic. The names below are those registered classes, for every reader.

GemeenteIngericht = Gemeente.Ingericht
GemeenteMandaatGegeven = Gemeente.MandaatGegeven
GemeenteMandaatIngetrokken = Gemeente.MandaatIngetrokken
GemeenteAanvraagGeregistreerd = Gemeente.AanvraagGeregistreerd
WijkAangewezen = Wijk.Aangewezen
WijkUitvoeringskostenGereserveerd = Wijk.UitvoeringskostenGereserveerd
WijkSubsidieplafondVastgesteld = Wijk.SubsidieplafondVastgesteld
WijkAanvraagInBehandeling = Wijk.AanvraagInBehandeling
WijkAanvraagUitWachtrij = Wijk.AanvraagUitWachtrij
WijkVouchersVastgelegd = Wijk.VouchersVastgelegd
WijkPeriodeAfgesloten = Wijk.PeriodeAfgesloten
AanvraagIngediend = Aanvraag.Ingediend
AanvraagAanvullingGevraagd = Aanvraag.AanvullingGevraagd
AanvraagAangevuld = Aanvraag.Aangevuld
AanvraagToegekend = Aanvraag.Toegekend
AanvraagGeweigerd = Aanvraag.Geweigerd
AanvraagGeschiktVerklaard = Aanvraag.GeschiktVerklaard
AanvraagRaadplegingBesloten = Aanvraag.RaadplegingBesloten
AanvraagBekendgemaakt = Aanvraag.Bekendgemaakt
AanvraagWijzigingGemeld = Aanvraag.WijzigingGemeld
AanvraagPersoonsgegevensVernietigd = Aanvraag.PersoonsgegevensVernietigd
VoucherVerstrekt = Voucher.Verstrekt
VoucherVerzilverd = Voucher.Verzilverd
VoucherContantOpgenomen = Voucher.ContantOpgenomen
VoucherBetalingGeweigerd = Voucher.BetalingGeweigerd
VoucherVervallen = Voucher.Vervallen
FactuurGeboekt = Factuur.Geboekt
# After the grant (second round).
VoucherBetalingGecorrigeerd = Voucher.BetalingGecorrigeerd
FactuurVrijgegeven = Factuur.Vrijgegeven
FactuurOpnieuwGeboekt = Factuur.OpnieuwGeboekt
AanvraagIngetrokken = Aanvraag.Ingetrokken
AanvraagBuitenBehandelingGesteld = Aanvraag.BuitenBehandelingGesteld
AanvraagToekenningIngetrokken = Aanvraag.ToekenningIngetrokken
VoucherWaardeIngetrokken = Voucher.WaardeIngetrokken
WijkWaardeVrijgegeven = Wijk.WaardeVrijgegeven
AanvraagVastgesteld = Aanvraag.Vastgesteld
AanvraagTerugvorderingIngesteld = Aanvraag.TerugvorderingIngesteld
AanvraagTerugbetalingOntvangen = Aanvraag.TerugbetalingOntvangen
WijkTerugbetalingGeboekt = Wijk.TerugbetalingGeboekt
VerzoekVastgelegd = Verzoek.Vastgelegd
# Sending and bezwaar (issue 11: Awb 3:41, 6:4-6:11, 7:10-7:12).
AanvraagHerroepen = Aanvraag.Herroepen
VerzendingVerzonden = Verzending.Verzonden
BezwaarIngediend = Bezwaar.Ingediend
BezwaarBeslist = Bezwaar.Beslist
# Time (issue 12): a verordening that changes, a budget that changes.
GemeenteRegelingGewijzigd = Gemeente.RegelingGewijzigd
WijkBudgetGewijzigd = Wijk.BudgetGewijzigd

ALLE: tuple[Any, ...] = (
    GemeenteIngericht,
    GemeenteMandaatGegeven,
    GemeenteMandaatIngetrokken,
    GemeenteAanvraagGeregistreerd,
    WijkAangewezen,
    WijkUitvoeringskostenGereserveerd,
    WijkSubsidieplafondVastgesteld,
    WijkAanvraagInBehandeling,
    WijkAanvraagUitWachtrij,
    WijkVouchersVastgelegd,
    WijkPeriodeAfgesloten,
    AanvraagIngediend,
    AanvraagAanvullingGevraagd,
    AanvraagAangevuld,
    AanvraagToegekend,
    AanvraagGeweigerd,
    AanvraagGeschiktVerklaard,
    AanvraagRaadplegingBesloten,
    AanvraagBekendgemaakt,
    AanvraagWijzigingGemeld,
    AanvraagPersoonsgegevensVernietigd,
    VoucherVerstrekt,
    VoucherVerzilverd,
    VoucherContantOpgenomen,
    VoucherBetalingGeweigerd,
    VoucherVervallen,
    FactuurGeboekt,
    VerzoekVastgelegd,
    VoucherBetalingGecorrigeerd,
    FactuurVrijgegeven,
    FactuurOpnieuwGeboekt,
    AanvraagIngetrokken,
    AanvraagBuitenBehandelingGesteld,
    AanvraagToekenningIngetrokken,
    VoucherWaardeIngetrokken,
    WijkWaardeVrijgegeven,
    AanvraagVastgesteld,
    AanvraagTerugvorderingIngesteld,
    AanvraagTerugbetalingOntvangen,
    WijkTerugbetalingGeboekt,
    AanvraagHerroepen,
    VerzendingVerzonden,
    BezwaarIngediend,
    BezwaarBeslist,
    GemeenteRegelingGewijzigd,
    WijkBudgetGewijzigd,
)

# Snapshots: each snapshotted aggregate has its own snapshot class with an explicit topic (so that
# PostgreSQL's row-level security can tell whose snapshot a row is); its module registers it.
SNAPSHOTS: tuple[Any, ...] = (Gemeente.Snapshot, Wijk.Snapshot, Aanvraag.Snapshot, Voucher.Snapshot)
