"""What every registry view shares: refusing politely (the project-wide idiom)."""

from kechuang.access import refuse

__all__ = ["refuse"]
