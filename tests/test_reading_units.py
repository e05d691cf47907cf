"""Unit tests of the pure parts of reading files: no store, no files on disk.

Cell parsers, code normalisation, natural ordering, header matching,
encodings, CSV grids and layout detection. The whole module runs in well
under a second.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graph.repository import lookup_key, natural_key
from loaders import csvfile
from loaders import uninfo_cells as cell
from loaders.encodings import UndecodableError, decode
from loaders.headers import describe, header_key, match
from loaders.layout import GridError, data_rows, is_blank, locate
from loaders.problems import ProblemList


# --- cells ---
@pytest.mark.parametrize(
    "raw,expected",
    [(" 1.1", "1.1"), ("2.1.", "2.1"), ("1 ", "1"), ("", "-"), ("-", "-"), (3, "3"), (3.2, "3.2")],
)
def test_code(raw: object, expected: str) -> None:
    assert cell.code(raw) == expected


def test_text_collapses_space_and_reads_dashes_as_empty() -> None:
    assert cell.text("  a \n b  ") == "a b"
    assert cell.text("-") == cell.text("n/a") == cell.text(None) == ""


def test_agencies_split_on_commas_and_semicolons() -> None:
    assert cell.agencies("UNDP; UN Women,UNICEF,, -") == ["UNDP", "UN Women", "UNICEF"]


def test_sdg_codes_read_from_their_titles() -> None:
    targets = "4.a Build and upgrade education facilities, 4.1 By 2030, ensure; 16.10 Ensure"
    assert cell.sdg_targets(targets) == ["4.a", "4.1", "16.10"]
    assert cell.sdg_goals("4 Quality Education, 16 Peace and Justice; 5 Gender") == ["4", "16", "5"]
    with pytest.raises(cell.CellError, match="no SDG target code"):
        cell.sdg_targets("Nonsense")


@pytest.mark.parametrize("raw,expected", [("1,000.5", 1000.5), (12, 12.0), ("", None), ("-", None)])
def test_amount(raw: object, expected: float | None) -> None:
    assert cell.amount(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "-5"])
def test_bad_amount(raw: str) -> None:
    with pytest.raises(cell.CellError):
        cell.amount(raw)


@pytest.mark.parametrize(
    "raw,order,expected",
    [
        ("2023-01-31", cell.DMY, date(2023, 1, 31)),
        ("2023-01-31 00:00:00", cell.DMY, date(2023, 1, 31)),
        ("31/01/2023", cell.DMY, date(2023, 1, 31)),
        ("01/31/2023", cell.DMY, date(2023, 1, 31)),  # only month-first can be meant
        ("03/04/2023", cell.DMY, date(2023, 4, 3)),
        ("03/04/2023", cell.MDY, date(2023, 3, 4)),
        (45000, cell.DMY, date(2023, 3, 15)),  # an Excel serial number
        (datetime(2023, 1, 31, 12), cell.DMY, date(2023, 1, 31)),
        ("", cell.DMY, None),
    ],
)
def test_day(raw: object, order: str, expected: date | None) -> None:
    assert cell.day(raw, order) == expected


@pytest.mark.parametrize("raw", ["31/02/2023", "2023-13-01", "tomorrow", 0, "13/13/2023"])
def test_bad_day_names_the_formats(raw: object) -> None:
    with pytest.raises(cell.CellError, match="YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY"):
        cell.day(raw)


def test_date_order_of_a_file() -> None:
    assert cell.date_order(["03/04/2023", "25/12/2023"]) == cell.DMY
    assert cell.date_order(["03/04/2023", "12/25/2023"]) == cell.MDY
    assert cell.date_order(["03/04/2023", "2023-01-01"]) == cell.DMY
    assert cell.date_order(["25/12/2023", "12/25/2023"]) is None
    with pytest.raises(cell.CellError, match="ambiguous"):
        cell.day("03/04/2023", None)


def test_budget_by_year_keeps_years_with_a_figure() -> None:
    row = {"2021 Required": "10", "2021 available": "", "2022 Expenditure": "5", "Other": "x"}
    budget = cell.budget_by_year(row)
    assert budget.years == [2021, 2022]
    assert budget.required == [10.0, 0.0]
    assert budget.expenditure == [0.0, 5.0]
    with pytest.raises(cell.CellError, match="2021 Required"):
        cell.budget_by_year({"2021 Required": "lots"})


def test_names_keep_commas_inside_names() -> None:
    assert cell.names("Ministry of Health, and Social Affairs, UNICEF") == [
        "Ministry of Health, and Social Affairs",
        "UNICEF",
    ]


def test_years_and_slug() -> None:
    assert cell.years("UNSDCF 2023 - 2027") == (2023, 2027)
    assert cell.years("One Plan") == (None, None)
    assert cell.slug("UNDAF 2018 - 2021!") == "undaf-2018-2021"


# --- ordering and keys ---
def test_natural_ordering() -> None:
    codes = ["1.10", "1.2", "1.a", "1.1", "10.1", "2.1", "1.b"]
    assert sorted(codes, key=natural_key) == ["1.1", "1.2", "1.10", "1.a", "1.b", "2.1", "10.1"]


def test_lookup_key() -> None:
    assert lookup_key("UN Women") == lookup_key("un-women") == lookup_key("UN_WOMEN") == "UNWOMEN"


# --- headers ---
def test_header_key_ignores_case_and_spacing() -> None:
    assert header_key("  Sub-output   CODE ") == header_key("Sub-Output code")


def test_match_lists_what_is_missing() -> None:
    found = match([" country", "PLAN  NAME", None], ["Country", "Plan name", "ID"])
    assert found.missing == ["ID"]
    assert found.columns == ["country", "PLAN NAME", ""]


def test_describe() -> None:
    assert describe(["a", "b"]) == "a, b (2 columns)"
    assert describe([str(n) for n in range(10)], shown=3) == "0, 1, 2, ... (10 columns)"
    assert describe(["", ""]) == "no column names"


# --- encodings ---
def test_decode_utf8_bom_and_cp1252() -> None:
    assert decode("Türkiye".encode()).encoding == "utf-8"
    assert decode(b"\xef\xbb\xbfT\xc3\xbcrkiye").text == "Türkiye"
    latin = decode("Côte d'Ivoire, Türkiye, São Tomé, “quoted”".encode("cp1252"))
    assert (latin.text, latin.encoding) == ("Côte d'Ivoire, Türkiye, São Tomé, “quoted”", "cp1252")


def test_undecodable_names_the_byte() -> None:
    with pytest.raises(UndecodableError, match=r"byte 8 \(0x81\)") as caught:
        decode(b"a,b\nc,d\n\x81\x00\x8d\x8f\x90\x9d" * 20)
    assert caught.value.line == 3


# --- CSV grids and layout ---
def test_grid_lines_are_where_records_start() -> None:
    text = 'a,b\r\n"x\ny",1\r\n\r\nz,2'
    assert list(csvfile.grid(text, ",")) == [
        (1, ["a", "b"]),
        (2, ["x\ny", "1"]),
        (4, []),
        (5, ["z", "2"]),
    ]


def test_grid_refuses_an_open_quote_at_its_line() -> None:
    with pytest.raises(GridError, match="truncated") as caught:
        list(csvfile.grid('a,b\n1,2\n3,"cut', ","))
    assert caught.value.line == 3


def test_blank_rows() -> None:
    assert is_blank([]) and is_blank(["", " ", None]) and not is_blank(["", "x"])


def test_locate_skips_title_rows_and_reads_rows_by_line() -> None:
    grid = iter(
        [
            (1, ["Joint Work Plan"]),
            (2, []),
            (3, ["ID ", "Country"]),
            (4, ["1", "Kenya"]),
            (5, ["", " "]),
            (6, ["2"]),
        ]
    )
    located, _ = locate(grid, ["id", "country"])
    assert located is not None and located.line == 3
    problems = ProblemList("f.csv")
    rows, blank = data_rows(located, problems, exact_width=True)
    assert [(r.line, r.get("Country")) for r in rows] == [(4, "Kenya")]
    assert blank == 1
    assert [str(p) for p in problems.items] == [
        "f.csv:6: record has 1 of 2 fields (file truncated?)"
    ]


def test_locate_reports_the_closest_header() -> None:
    grid = iter([(1, ["Title"]), (2, ["Country", "Plan"]), (3, ["x", "y"])])
    located, (line, best) = locate(grid, ["Country", "ID"])
    assert located is None
    assert (line, best.missing) == (2, ["ID"])
