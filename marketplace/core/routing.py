"""The session that may send a read to the read replica (``DATABASE_REPLICA_URL``).

``core.replica`` decides *when* (a public catalogue read by a visitor who changed nothing);
this class only obeys: while ``session.info[READING]`` is true, every statement that is not a
write (``SELECT``, a ``set_config`` call, a lazy load) runs on the ``replica`` bind; flushes
and INSERT/UPDATE/DELETE statements (Core or ORM) always run on the primary. A write in raw
``text()`` or a locking ``SELECT … FOR UPDATE`` inside a routed view would reach the replica,
which refuses it loudly: routed views only read. Without a ``replica`` bind
(the default, and always on SQLite) nothing changes.
"""
from flask_sqlalchemy.session import Session

READING = "replica_reads"  # session.info key: set while core.replica routes reads
REPLICA_BIND = "replica"  # SQLALCHEMY_BINDS key of the replica's engine


class RoutingSession(Session):
    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        # A flush passes no clause, and neither does an ORM UNION: tell them apart by the flushing flag.
        writes = self._flushing or getattr(clause, "is_dml", False)
        if bind is None and not writes and self.info.get(READING):
            replica = self._db.engines.get(REPLICA_BIND)
            if replica is not None:
                return replica
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)
