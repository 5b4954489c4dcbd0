"""Operations: serving (`kechuang serve`), task workers (`kechuang worker`), health, metrics, backups."""
