"""Matching a question to toolkit issues: phrasings index, scoring, crisis and small-talk detection."""

from bot.match.build import build_matcher
from bot.match.matcher import Match, Matcher, MatchResult

__all__ = ["Match", "MatchResult", "Matcher", "build_matcher"]
