"""Silence Django model signals in a test, and always put them back."""

import inspect
import unittest
import weakref
from collections.abc import Callable, Iterable
from contextlib import ContextDecorator
from functools import wraps
from typing import Any, TypeVar

from django.db.models import signals
from django.dispatch import Signal

Decorated = TypeVar("Decorated", bound=Callable[..., Any])

# The signals models send; the migrate signals stay, since the test database needs them.
MODEL_SIGNALS = (
    signals.pre_init,
    signals.post_init,
    signals.pre_save,
    signals.post_save,
    signals.pre_delete,
    signals.post_delete,
    signals.m2m_changed,
)


# Django has no public way to list or swap a signal's receivers: this module reads and
# sets Signal.receivers (entries of (key, receiver or weak reference, ...)) and clears
# Signal.sender_receivers_cache under Signal.lock, as Signal.disconnect itself does.
# testing/tests/test_signals.py fails at once if Django changes them.
def _receiver_of(entry: tuple[Any, ...]) -> Any:
    receiver = entry[1]
    return receiver() if isinstance(receiver, weakref.ReferenceType) else receiver


class mute_signals(ContextDecorator):
    """Disconnect the receivers of ``signals`` (every model signal when none are given).

    ``keep`` names receivers (each one callable) that stay connected; naming one that no
    muted signal has is an error. Works as a context manager, as a decorator of a test
    function, sync or async (its body only, not its fixtures: for those, use the pytest marker
    ``@pytest.mark.mute_signals(...)``), and as a decorator of a whole test class (a Django
    ``TestCase``, where it covers ``setUpTestData`` too, or a plain pytest class). The
    receivers come back when the block ends, whether it returns or raises.
    """

    def __init__(self, *muted: Signal, keep: Iterable[Callable[..., Any]] = ()) -> None:
        self.signals: tuple[Signal, ...] = muted or MODEL_SIGNALS
        self.keep = tuple(keep)
        self._saved: list[list[tuple[Signal, list[Any]]]] = []

    def __enter__(self) -> "mute_signals":
        connected = {_receiver_of(entry) for signal in self.signals for entry in signal.receivers}
        idle = [receiver for receiver in self.keep if receiver not in connected]
        if idle:
            raise ValueError(
                f"mute_signals: keep names {', '.join(map(repr, idle))}, which no muted signal "
                "has as a receiver: name the signal it listens to, or drop it from keep"
            )
        saved = []
        for signal in self.signals:
            with signal.lock:
                saved.append((signal, signal.receivers))
                signal.receivers = [
                    entry for entry in signal.receivers if _receiver_of(entry) in self.keep
                ]
                signal.sender_receivers_cache.clear()
        self._saved.append(saved)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signal, receivers in self._saved.pop():
            with signal.lock:
                signal.receivers = receivers
                signal.sender_receivers_cache.clear()

    def __call__(self, target: Decorated) -> Decorated:
        if isinstance(target, type):
            return self._decorate_class(target)
        if inspect.iscoroutinefunction(target):
            # ContextDecorator would only mute the making of the coroutine, not its run.
            @wraps(target)
            async def muted(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await target(*args, **kwargs)

            return muted  # type: ignore[return-value]
        return super().__call__(target)

    def _decorate_class(self, cls: Any) -> Any:
        if issubclass(cls, unittest.TestCase):
            set_up_class = cls.setUpClass.__func__

            @wraps(set_up_class)
            def setUpClass(klass: Any) -> None:
                self.__enter__()
                klass.addClassCleanup(self.__exit__, None, None, None)
                set_up_class(klass)

            cls.setUpClass = classmethod(setUpClass)
            return cls
        for name, attribute in list(vars(cls).items()):
            if name.startswith("test") and callable(attribute):
                setattr(cls, name, self(attribute))
        return cls
