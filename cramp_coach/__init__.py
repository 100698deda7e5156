"""cramp-coach: guided stretches and first aid for night-time leg cramps."""

__version__ = "0.1.0"
