"""The DB-free calculator checks snapshot kinds and qualification types against plain tuples; they
must be exactly the registry's vocabulary."""

from benefits.calculator.snapshot import ORGANIZATION_KINDS, QUALIFICATION_TYPES
from registry.vocabulary import OrganizationKind, QualificationType


def test_kinds_and_qualification_types_are_the_registrys():
    assert ORGANIZATION_KINDS == tuple(OrganizationKind.values)
    assert QUALIFICATION_TYPES == tuple(QualificationType.values)
