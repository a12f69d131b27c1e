"""How much chance a secret key holds, estimated: the bits of its shortest description
among three, the key compressed as it is, as the steps between its characters' codes
(``abcd…``, ``1234…``), and as the moves between their places on a keyboard (``qwer…``,
``1qaz…``). A random key has no shorter description; one a person made up, a sequence,
a walk, a word or a few characters repeated, has. Production settings refuse a key under
``STRONG_KEY_BITS``."""

import itertools
import zlib

STRONG_KEY_BITS = 256
# Each key's row and column on a US keyboard, shifted or not.
KEYBOARD = ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"]
SHIFTED = ["~!@#$%^&*()_+", "QWERTYUIOP{}|", 'ASDFGHJKL:"', "ZXCVBNM<>?"]
PLACES = {
    character: (row, column)
    for rows in (KEYBOARD, SHIFTED)
    for row, keys in enumerate(rows)
    for column, character in enumerate(keys)
}


def compressed_bits(data):
    return 8 * (len(zlib.compress(bytes(data), 9)) - len(zlib.compress(b"", 9)))


def estimated_bits(key):
    codes = [ord(character) for character in key]
    places = [PLACES.get(character, (len(KEYBOARD), ord(character))) for character in key]
    steps = [(after - before) % 256 for before, after in itertools.pairwise(codes)]
    moves = [
        (row_after - row) % 16 * 16 + (column_after - column) % 16
        for (row, column), (row_after, column_after) in itertools.pairwise(places)
    ]
    return min(compressed_bits(key.encode()), compressed_bits(steps), compressed_bits(moves))
