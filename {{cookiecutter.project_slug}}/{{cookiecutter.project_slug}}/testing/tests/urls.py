"""A URLconf for the kit's own tests: endpoints that answer with what they received."""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import path

from {{ cookiecutter.project_slug }}.users.models import User


def echo(request, **url_kwargs):
    return JsonResponse(
        {
            "method": request.method,
            "url_kwargs": url_kwargs,
            "query": {key: request.GET.getlist(key) for key in request.GET},
            "body": json.loads(request.body) if request.body else None,
            "content_type": request.content_type,
            "user": request.user.get_username() or None,
            "trace": request.headers.get("X-Trace"),
        }
    )


async def users(request):
    """An async view on the async ORM: POST adds a user named in the body; either way,
    the usernames it sees."""
    if request.method == "POST":
        await User.objects.acreate(username=json.loads(request.body)["username"])
    usernames = User.objects.order_by("username").values_list("username", flat=True)
    return JsonResponse({"usernames": [name async for name in usernames]})


def page(request):
    return HttpResponse("<h1>page</h1>", content_type="text/html; charset=utf-8")


urlpatterns = [
    path("echo/", echo, name="echo"),
    path("echo/<int:pk>/", echo, name="echo-detail"),
    path("page/", page, name="page"),
    path("users/", users, name="users"),
]
