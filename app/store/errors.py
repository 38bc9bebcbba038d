"""The store's error hierarchy: known conditions the user can act on, each with a readable message.

Messages are in Bahasa Indonesia (the UI's first language); `english` carries the same for logs and
the English UI. Anything not a StoreError is a bug and is reported as such by the UI.
"""

from __future__ import annotations


class StoreError(Exception):
    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.english = english or message


class WrongKeyError(StoreError):
    """The password does not open this store (or the file is not a store at all)."""


class CorruptStoreError(StoreError):
    """The file is damaged. It is left untouched so it can be recovered or sent to support."""


class NewerSchemaError(StoreError):
    """The store was written by a newer version of the app; opening it could destroy data."""


class ValidationError(StoreError):
    """A record failed a domain check before it was saved; nothing was written."""
