from django.db import migrations

from matching.backends import install, uninstall


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
