"""Hand-made rendering contexts for back-end tests, independent of the form models."""

from __future__ import annotations

from asendusdoc.forms._words import labels
from asendusdoc.render.document import (
    Document,
    FieldRow,
    FieldsBlock,
    ListBlock,
    Party,
    Section,
    Signature,
    TableBlock,
    TextBlock,
)


def sample_document(lang: str = "et", *, goals: int = 3, hostile: str = "") -> Document:
    """A cooperation-agreement-like document; ``hostile`` is added to every free-text value."""
    et = lang == "et"
    rows = [
        [str(i), f"{'Eesmärk' if et else 'Цель'} {i}: õäöüšž ёЁ «» {hostile}", "Pere\nPeretoetaja"]
        for i in range(1, goals + 1)
    ]
    return Document(
        form_id="cooperation-agreement",
        lang=lang,
        title="Peretoe teenuse koostöölepe" if et else "Соглашение о сотрудничестве",
        subtitle="Vajaduspõhine teenus" if et else "Услуга по потребности",
        case_reference="VIIMSI-2026-014",
        document_date="22. november 2026" if et else "22 ноября 2026 г.",
        document_date_iso="2026-11-22",
        author="Viimsi vald",
        parties=[
            Party(
                "Kohalik omavalitsus" if et else "Местное самоуправление",
                ["Viimsi vald", "Mari Tamm <lastekaitse>", "+372 5123 4567"],
            ),
            Party("Pere" if et else "Семья", ["Anna Ivanova", f"Pavel Ivanov {hostile}"]),
        ],
        sections=[
            Section(
                "1. Üldandmed" if et else "1. Общие сведения",
                [
                    FieldsBlock(
                        [
                            FieldRow(
                                "Teenuse algus" if et else "Начало услуги",
                                "1. märts 2026" if et else "1 марта 2026 г.",
                            ),
                            FieldRow(
                                "Suhtluskeel" if et else "Язык общения", "vene" if et else "русский"
                            ),
                            FieldRow("Märkus" if et else "Примечание", labels(lang)["missing"]),
                        ]
                    ),
                ],
            ),
            Section(
                "2. Eesmärgid" if et else "2. Цели",
                [
                    TableBlock(
                        columns=[
                            labels(lang)["number"],
                            "Eesmärk" if et else "Цель",
                            "Vastutaja" if et else "Ответственный",
                        ],
                        rows=rows,
                        widths=[0.08, 0.62, 0.30],
                    ),
                ],
            ),
            Section(
                "3. Kaitsetegurid" if et else "3. Защитные факторы",
                [
                    ListBlock(["Toetav vanaema", f"Huviring {hostile}"], heading=""),
                    TextBlock(
                        f"Vaba tekst & <märk> {{{{ x }}}}\nteine rida {hostile}",
                        heading="Olukord" if et else "Ситуация",
                    ),
                ],
            ),
        ],
        signatures=[
            Signature("Pere" if et else "Семья", "Anna Ivanova"),
            Signature("Peretoetaja" if et else "Специалист по поддержке семьи", "Kati Kask"),
        ],
        labels=dict(labels(lang)),
    )
