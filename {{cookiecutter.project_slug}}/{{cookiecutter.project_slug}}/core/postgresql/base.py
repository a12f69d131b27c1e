from django.db.backends.postgresql import base

from ..timeouts import WatchedConnections


class DatabaseWrapper(WatchedConnections, base.DatabaseWrapper):
    pass
