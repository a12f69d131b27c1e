from django.db.backends.mysql import base

from ..timeouts import WatchedConnections


class DatabaseWrapper(WatchedConnections, base.DatabaseWrapper):
    pass
