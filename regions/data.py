"""The regions and municipalities the portal knows from the start (CBS codes as of 2021)."""

REGIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "zuid-kennemerland": (
        "Zuid-Kennemerland",
        [("Bloemendaal", "GM0377"), ("Haarlem", "GM0392"), ("Heemstede", "GM0397"), ("Zandvoort", "GM0473")],
    ),
    "ijmond": ("IJmond", [("Beverwijk", "GM0375"), ("Heemskerk", "GM0396"), ("Velsen", "GM0453")]),
    "zaanstreek-waterland": (
        "Zaanstreek-Waterland",
        [
            ("Beemster", "GM0370"),
            ("Edam-Volendam", "GM0385"),
            ("Landsmeer", "GM0415"),
            ("Purmerend", "GM0439"),
            ("Oostzaan", "GM0431"),
            ("Waterland", "GM0852"),
            ("Wormerland", "GM0880"),
            ("Zaanstad", "GM0479"),
        ],
    ),
    "mvs": (
        "MVS (Maassluis, Vlaardingen, Schiedam)",
        [("Maassluis", "GM0556"), ("Schiedam", "GM0606"), ("Vlaardingen", "GM0622")],
    ),
}

# Beemster merged into Purmerend on 1 January 2022.
MERGERS = {"GM0370": "GM0439"}


def load_regions(region_model, municipality_model) -> None:
    """Create or update the known regions; takes the models so that migrations can pass their own."""
    for slug, (name, municipalities) in REGIONS.items():
        region, _ = region_model.objects.update_or_create(slug=slug, defaults={"name": name})
        for municipality_name, cbs_code in municipalities:
            municipality_model.objects.update_or_create(
                cbs_code=cbs_code, defaults={"name": municipality_name, "region": region}
            )
    for old, new in MERGERS.items():
        municipality_model.objects.filter(cbs_code=old).update(
            merged_into=municipality_model.objects.get(cbs_code=new)
        )
