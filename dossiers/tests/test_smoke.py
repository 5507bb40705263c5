import pytest

from dossiers.constants import DossierStatus


@pytest.mark.django_db
def test_the_builder_reaches_every_status(builder):
    for status in DossierStatus.values:
        assert builder.in_status(status).status == status
