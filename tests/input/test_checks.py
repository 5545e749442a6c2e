"""The English check: real English is accepted whatever its layout; other languages are refused."""
from __future__ import annotations

import pytest

from newsnb.input.checks import lowercase_share, not_english

# A results table and a standings list written for this test: names, countries, scores.
RESULTS = "\n".join(
    f"{a} ( {ca} ) beat {b} ( {cb} ) 6-{i % 5} 7-5 6-{(i + 2) % 5}"
    for i, (a, ca, b, cb) in enumerate(
        [
            ("Anna Kowalski", "Poland", "Maria Lopez", "Spain"),
            ("Tom Becker", "Germany", "Ivan Petrov", "Russia"),
            ("Jean Dupont", "France", "Paolo Rossi", "Italy"),
            ("Kenji Sato", "Japan", "Lars Berg", "Sweden"),
            ("Sam Jones", "U.S.", "Ben Smith", "Australia"),
            ("Omar Haddad", "Egypt", "Pedro Silva", "Brazil"),
            ("Luis Garcia", "Mexico", "Piet de Vries", "Netherlands"),
            ("Ana Costa", "Portugal", "Erik Olsen", "Norway"),
        ]
    )
)
STANDINGS = "EASTERN DIVISION\nW L PCT GB\n" + "\n".join(
    f"{team} {60 + i} {40 - i} .{600 + i} {i}" for i, team in enumerate(
        ["NEW YORK", "BALTIMORE", "BOSTON", "TORONTO", "DETROIT", "CHICAGO", "CLEVELAND", "MINNESOTA",
         "KANSAS CITY", "MILWAUKEE", "SEATTLE", "TEXAS", "OAKLAND", "CALIFORNIA"]
    )
)
PROSE_EN = (
    "The council approved the budget on Tuesday after a debate that lasted for more than six hours. "
    "Opposition members criticised spending on roads and schools, while the mayor defended the plan, "
    "which she said would pay for two new kindergartens and the repair of the bridge over the river. "
    "Residents who came to the meeting asked about higher charges for water and rubbish collection."
)
PROSE_PL = (
    "Rada miasta zatwierdziła budżet we wtorek po debacie, która trwała ponad sześć godzin. Radni "
    "opozycji krytykowali wydatki na drogi i szkoły, a burmistrz bronił planu inwestycji. Według "
    "prezydenta miasta nowe środki pozwolą na budowę dwóch przedszkoli oraz remont mostu nad rzeką. "
    "Mieszkańcy, którzy przyszli na sesję, zadawali pytania o podwyżki opłat za wodę i śmieci."
)
PROSE_ID = (
    "Dewan kota menyetujui anggaran pada hari Selasa setelah perdebatan yang berlangsung lebih dari enam "
    "jam. Anggota oposisi mengkritik pengeluaran untuk jalan dan sekolah, sementara wali kota membela "
    "rencana investasi. Menurut wali kota, dana baru akan memungkinkan pembangunan dua taman kanak-kanak "
    "dan perbaikan jembatan di atas sungai. Warga yang datang ke sidang bertanya tentang kenaikan tarif."
)
PROSE_FR = (
    "Le conseil municipal a approuvé le budget mardi après un débat qui a duré plus de six heures. Les "
    "élus de l'opposition ont critiqué les dépenses pour les routes et les écoles, tandis que le maire a "
    "défendu le plan d'investissement qui permettra de construire deux écoles maternelles."
)


@pytest.mark.parametrize(
    "name,text,english",
    [
        ("English prose", PROSE_EN, True),
        ("English results table", "TENNIS - RESULTS\n\n" + RESULTS, True),
        ("English standings", "BASEBALL - STANDINGS\n\n" + STANDINGS, True),
        ("Polish prose (no word list)", PROSE_PL, False),
        ("Indonesian prose (no word list)", PROSE_ID, False),
        ("French prose", PROSE_FR, False),
        ("Russian", "Совет утвердил бюджет во вторник после долгих дебатов о расходах на дороги", False),
    ],
)
def test_not_english(name, text, english):
    assert (not_english(text) is None) is english, (name, not_english(text))


def test_lowercase_share_separates_tables_from_prose():
    assert lowercase_share(RESULTS) < 0.5 < lowercase_share(PROSE_EN)
    assert lowercase_share(STANDINGS) < 0.5 < lowercase_share(PROSE_PL)
    assert lowercase_share("") == 1.0
