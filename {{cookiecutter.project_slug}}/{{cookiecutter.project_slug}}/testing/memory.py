"""What the test settings keep in memory, emptied between tests."""

from django.core.cache import caches
from django.core.files.storage import InMemoryStorage, Storage, storages


def forget_memory() -> None:
    """Empty every cache in use and the in-memory file storage.

    The root conftest calls this after every test, so a value cached or a file saved by
    one test is never found by the next, whatever their order.
    """
    for cache in caches.all(initialized_only=True):
        cache.clear()
    storage = storages["default"]
    if isinstance(storage, InMemoryStorage):
        _delete_everything(storage)


def _delete_everything(storage: Storage, folder: str = "") -> None:
    folders, files = storage.listdir(folder)
    for name in files:
        storage.delete(folder + name)
    for name in folders:
        _delete_everything(storage, f"{folder}{name}/")
