"""Rejected by mypy: assigning a class variable through an instance."""

from examples.oop.classes.settings import Settings

settings = Settings("sqlite:///app.db")
settings.env_prefix = "MY_APP_"
