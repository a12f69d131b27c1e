from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.reviews"
    label = "reviews"
    verbose_name = "Reviews"
