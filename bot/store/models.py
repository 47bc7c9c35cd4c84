"""Tables. Nothing here holds message text or a Telegram id."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Preference(Base):
    """The language, role and local area a person chose, under their keyed hash."""

    __tablename__ = "preferences"
    user_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    lang: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(8))
    area: Mapped[str | None] = mapped_column(String(32))
    updated_on: Mapped[dt.date] = mapped_column(Date)


class Feedback(Base):
    """👍/👎 under a card: which issue, helpful or not, which day."""

    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_key: Mapped[str] = mapped_column(String(64), index=True)
    issue: Mapped[str] = mapped_column(String(64))
    helpful: Mapped[bool] = mapped_column(Boolean)
    day: Mapped[dt.date] = mapped_column(Date)


class Stat(Base):
    """Anonymous analytics: day, language, what happened, matched issue and score. No user key."""

    __tablename__ = "stats"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    lang: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(16))  # match, no-match, crisis, greeting, thanks
    issue: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(Float)
    crisis_kind: Mapped[str | None] = mapped_column(String(16))  # outcome "crisis": suicide, violence, ...


class Unanswered(Base):
    """A question we could not answer, kept only when an admin switched the log on, and only for a few days.
    No user key: it cannot be linked to the person."""

    __tablename__ = "unanswered"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(600))
