"""Every held-out document, in each of the four formats, uploads and is stored as a draft with all its
clauses and extractions (nothing the pipeline proposes is refused by the store)."""

import pytest

from bench.ingest import heldout_documents
from policies.models import PolicyTarget
from policies.store import ingest_upload
from registry.models import Region


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(("name", "source"), [(name, source) for name, source, _ in heldout_documents()])
def test_heldout_document_is_stored_with_its_extractions(name, source, bureau_admin):
    document = ingest_upload(
        source.name, source.read_bytes(), region=Region.objects.get(code="370300"), user=bureau_admin
    )
    assert document.clauses.count() > 5
    assert PolicyTarget.objects.filter(document=document).exists()
    assert document.source_file.name
