"""Django's PostgreSQL backend, its connections watched by core/timeouts.py (ENGINE in
config/settings/base.py)."""
