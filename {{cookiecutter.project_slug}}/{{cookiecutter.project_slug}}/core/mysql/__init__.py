"""Django's MySQL (MariaDB) backend, its connections watched by core/timeouts.py (ENGINE in
config/settings/base.py)."""
