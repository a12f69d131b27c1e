"""The API's parser (the token endpoint takes a form too): JSON of a bounded depth, of text
every database can store.

It is DRF's JSON parser, and a 400 for nesting deeper than ``MAX_DEPTH`` or a string with
a lone UTF-16 surrogate. (The body's size is bounded before parsing: DRF reads it through
Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``, and ``api.exception_handler`` answers 413.)
This module must not import ``rest_framework.views``, which loads this parser.
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Deeper JSON is refused: no API needs it, and code that walks it recursively could fail.
MAX_DEPTH = 32
TOO_DEEP = f"JSON parse error - nested deeper than {MAX_DEPTH} levels."


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        check_storable(data)
        return data


def check_storable(data):
    """Refuse nesting deeper than ``MAX_DEPTH`` and strings with a lone UTF-16 surrogate
    (valid JSON, but text no database driver can encode)."""
    pending = [(data, 1)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ParseError(TOO_DEEP)
        if isinstance(item, str):
            try:
                item.encode()
            except UnicodeEncodeError:
                raise ParseError("JSON parse error - a string holds a lone surrogate.") from None
        elif isinstance(item, dict | list):
            children = [*item, *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
