"""The care types (jeugdhulpvormen) the portal knows from the start; officers add more in the admin."""

CARE_TYPES = [
    ("ambulant", "Ambulante jeugdhulp"),
    ("jeugd-ggz", "Jeugd-GGZ"),
    ("dyslexie", "Dyslexiezorg"),
    ("lvb", "Jeugdhulp voor jeugdigen met een licht verstandelijke beperking (LVB)"),
    ("dagbehandeling", "Dagbehandeling"),
    ("verblijf", "Jeugdhulp met verblijf"),
    ("pleegzorg", "Pleegzorg"),
    ("gezinshuis", "Gezinshuiszorg"),
    ("crisis", "Crisishulp"),
    ("begeleiding", "Begeleiding en persoonlijke verzorging"),
]


def load_care_types(care_type_model) -> None:
    for code, name in CARE_TYPES:
        care_type_model.objects.update_or_create(code=code, defaults={"name": name})
