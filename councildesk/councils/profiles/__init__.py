"""Council profiles: the schema, the loader and the shipped set."""

from .loader import Problem, ProfileInvalid, clause_problems, load_profile, parse_profile
from .schema import Profile

__all__ = ["Problem", "Profile", "ProfileInvalid", "clause_problems", "load_profile", "parse_profile"]
