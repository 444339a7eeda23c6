from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MaskKindChoices(models.TextChoices):
    NAME = "name", pgettext_lazy("personal data", "Name")
    ADDRESS = "address", _("Address")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail address")
    BIRTH_DATE = "birth_date", _("Date of birth")
    MY_NUMBER = "my_number", _("Individual number (My Number)")
    LICENCE = "licence", _("Driver's licence number")
    PLATE = "plate", _("Vehicle registration plate")
    CASE_NUMBER = "case_number", _("Case or report number")
