"""Storage on SQLite and PostgreSQL: preferences, feedback, anonymous counts, and /forget."""

from __future__ import annotations

import secrets

from sqlalchemy import text

from bot.store import Store, user_key


def new_key() -> str:
    return user_key(secrets.token_bytes(32), secrets.randbelow(10**9))


async def test_migrations_apply_twice_without_harm(store: Store) -> None:
    await store.migrate()
    async with store.engine.connect() as connection:
        version = await connection.scalar(text("select version_num from alembic_version"))
    assert version == "0004"


async def test_preferences_round_trip(store: Store) -> None:
    key = new_key()
    assert await store.preferences(key) is None
    await store.save_preferences(key, "pl", "migrant")
    assert await store.preferences(key) == ("pl", "migrant", None)
    await store.save_preferences(key, "cs", "staff")
    assert await store.preferences(key) == ("cs", "staff", None)


async def test_the_chosen_area_is_kept_until_changed_or_cleared(store: Store) -> None:
    key = new_key()
    assert await store.preferences(key) is None
    await store.save_preferences(key, "pl", "staff", area="derby")
    assert await store.preferences(key) == ("pl", "staff", "derby")
    await store.save_preferences(key, "cs", "staff")  # a new language leaves the area as it was
    assert await store.preferences(key) == ("cs", "staff", "derby")
    await store.save_preference(key, "lang", "sk")  # one field: the area stays
    assert await store.preferences(key) == ("sk", "staff", "derby")
    await store.save_preference(key, "area", "east-midlands")  # one field: language and role stay
    assert await store.preferences(key) == ("sk", "staff", "east-midlands")
    await store.save_preferences(key, "cs", "staff", area=None)
    assert await store.preferences(key) == ("cs", "staff", None)


async def test_forget_deletes_every_row_about_the_person_only(store: Store) -> None:
    key, other = new_key(), new_key()
    for k in (key, other):
        await store.save_preferences(k, "sk", "migrant")
        await store.add_feedback(k, "esol", True)
    assert await store.rows_about(key) == 2
    assert await store.forget(key) == 2
    assert await store.rows_about(key) == 0
    assert await store.preferences(key) is None
    assert await store.rows_about(other) == 2


async def test_stats_are_anonymous(store: Store) -> None:
    await store.count_stat("pl", "match", "esol", 0.91)
    async with store.engine.connect() as connection:
        columns = [row[0] for row in (await connection.execute(text("select * from stats limit 1"))).cursor.description]
    assert "user_key" not in columns


def test_user_key_is_a_keyed_hash_not_the_id() -> None:
    key = user_key(b"s" * 32, 123456789)
    assert "123456789" not in key
    assert key == user_key(b"s" * 32, 123456789)
    assert key != user_key(b"t" * 32, 123456789)
