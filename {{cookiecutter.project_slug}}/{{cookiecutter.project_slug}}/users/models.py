from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's own user model, in place from the first migration.

    Swapping the user model later means rewriting every foreign key to it; starting
    with a custom one keeps fields such as a display name a plain migration away.
    """

    def __str__(self):
        return self.username
