"""Kechuang (科创): a region's science-and-technology innovation system."""
