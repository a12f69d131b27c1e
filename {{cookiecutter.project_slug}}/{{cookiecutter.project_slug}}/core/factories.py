import factory
from asgiref.sync import sync_to_async


class BaseFactory(factory.django.DjangoModelFactory):
    """The base of the project's model factories.

    Give unique fields a ``factory.Sequence`` and free text a ``factory.Faker``; then
    ``Factory.build()`` makes an unsaved instance with no database, and ``Factory()``
    saves one. pytest-randomly reseeds Faker for every test, so a failing value can be
    replayed with the seed pytest prints (``--randomly-seed=<seed>``). In an async test,
    ``await Factory.acreate()`` saves one (the ORM's calls are synchronous).
    """

    class Meta:
        abstract = True
        # Saving again after post-generation hooks is up to the factory that needs it.
        skip_postgeneration_save = True

    @classmethod
    async def acreate(cls, **kwargs):
        return await sync_to_async(cls.create)(**kwargs)
