"""One way to save something with a revision: "no revision" means the form was opened before the record existed."""

import pytest

from dossiers.models import Planning
from invoeringstoets.concurrency import StaleEdit, save_singleton, update_with_revision
from invoeringstoets.refusals import WrongStatus

pytestmark = pytest.mark.django_db


def test_a_singleton_is_created_then_updated_only_from_its_current_revision(builder, kernteamlid):
    dossier = builder.in_onderzoek()
    values = {"start": None, "beoogd_einde": None, "moment": "Na een jaar"}
    planning = save_singleton(Planning, dossier=dossier, actor=kernteamlid, expected_revision=None, values=values)
    assert (planning.revision, planning.updated_by) == (1, kernteamlid)
    with pytest.raises(StaleEdit):
        # A second person who opened the empty form before the first one saved.
        save_singleton(Planning, dossier=dossier, actor=kernteamlid, expected_revision=None, values=values)
    changed = save_singleton(
        Planning, dossier=dossier, actor=kernteamlid, expected_revision=1, values={**values, "moment": "Later"}
    )
    assert (changed.revision, changed.moment) == (2, "Later")
    with pytest.raises(StaleEdit):
        update_with_revision(changed, actor=kernteamlid, expected_revision=1, values={"moment": "Te laat"})
    assert Planning.objects.get().moment == "Later"


def test_a_form_opened_on_a_record_since_removed_is_refused(builder, kernteamlid):
    dossier = builder.in_onderzoek()
    with pytest.raises(WrongStatus, match="bestaan niet meer; open de pagina opnieuw"):
        save_singleton(Planning, dossier=dossier, actor=kernteamlid, expected_revision=3, values={"moment": "x"})
    assert not Planning.objects.exists()
