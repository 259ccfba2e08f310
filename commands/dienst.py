"""The application service: every act of the verordening, on the public core of commands/kern.py.

Each write method loads the aggregates it needs, lets them decide (they raise the rule's
error), and saves every new event in one transaction through `Kern.voer_uit` (retries on a
lost race, the `--sleutel` record). `Dienst` is the composition the command line and the tests
use; the use cases live in one module per chapter of the verordening, each opening with the
articles it owns:
- commands/inrichting.py `Inrichting`: the administration, mandates, wijken and plafond (art. 2);
- commands/aanvragen.py `Aanvragen`: registering and completing an aanvraag (art. 4);
- commands/besluiten.py `Besluiten`: the decisions and what follows them (art. 5-8);
- commands/betalingen.py `Betalingen`: kasbeheer, the one payment path (art. 8 en 9);
- commands/bewaren.py `Bewaren`: the personal data after the retention term (AVG, Archiefwet);
- commands/lezen.py `Lezingen`: reading (regeling, mandaten, aanvragen, vouchers, wijken).
The acts after the grant are functions on the core: commands/nazorg.py, vaststelling.py,
bezwaar.py, beeindigen.py, periode.py, tijd.py.
"""

from __future__ import annotations

from commands.aanvragen import Aanvragen
from commands.besluiten import Besluiten
from commands.betalingen import Betalingen
from commands.bewaren import Bewaren
from commands.inrichting import Inrichting
from commands.kern import Kern
from commands.lezen import Lezingen


class Dienst(Inrichting, Aanvragen, Besluiten, Betalingen, Bewaren, Lezingen, Kern):
    """One acting user against one store: the public core (commands/kern.py) and the use cases."""
