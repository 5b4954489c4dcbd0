"""Import and export routes (owned by the import/export module)."""

urlpatterns: list = []
