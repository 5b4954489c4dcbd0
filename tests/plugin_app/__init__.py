"""A capability app made of its folder only, to show that an app plugs in without editing another
(tests/test_app_plugs_in_by_folder.py): it registers facts, a demo part, a permission rule and an
indicator definition."""
