import factory


class BaseFactory(factory.django.DjangoModelFactory):
    """The base of the project's model factories.

    Give unique fields a ``factory.Sequence`` and free text a ``factory.Faker``; then
    ``Factory.build()`` makes an unsaved instance with no database, and ``Factory()``
    saves one. pytest-randomly reseeds Faker for every test, so a failing value can be
    replayed with the seed pytest prints (``--randomly-seed=<seed>``).
    """

    class Meta:
        abstract = True
        # Saving again after post-generation hooks is up to the factory that needs it.
        skip_postgeneration_save = True
