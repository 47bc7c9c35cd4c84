"""Storage with SQLAlchemy 2 (async): preferences, answer feedback and anonymous counts. SQLite by default,
PostgreSQL through DATABASE_URL; schema migrations with Alembic, applied at start-up."""

from bot.store.keys import user_key
from bot.store.repository import Store

__all__ = ["Store", "user_key"]
