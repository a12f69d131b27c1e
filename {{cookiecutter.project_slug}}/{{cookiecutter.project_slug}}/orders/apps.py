from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.orders"
    label = "orders"
    verbose_name = "Orders"
