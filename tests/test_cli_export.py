"""`integrate-tui export` and `import`: files written, exit codes, and a scenario file left
intact unless the whole import is valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from integrate_tui.cli import main
from integrate_tui.cli.export_commands import TABLES
from integrate_tui.files import load
from integrate_tui.session import export_tables


@pytest.fixture
def commented(example_path: Path) -> Path:
    """The example with a comment the import must keep."""
    text = example_path.read_text().replace(
        "funding = 0.8", "funding = 0.8  # agreed with the council"
    )
    example_path.write_text(text)
    return example_path


def test_the_cli_lists_the_same_tables_as_the_files_layer() -> None:
    assert TABLES == export_tables.TABLES


def test_export_xlsx_writes_every_table(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "package.xlsx"
    assert main(["export", str(example_path), "-o", str(out)]) == 0
    assert load_workbook(out).sheetnames == list(TABLES)
    assert capsys.readouterr().out.startswith(f"wrote {out} (summary, activities,")


def test_export_csv_writes_the_activities_or_the_table_asked(
    example_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    assert main(["export", str(example_path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("silo,silo_name,id,name,funding,")
    assert main(["export", str(example_path), "-o", str(out), "--table", "resources"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("id,name,unit,used,capacity,over")
    assert main(["export", str(example_path), "-o", str(out), "--table", "all"]) == 0
    assert sorted(p.name for p in tmp_path.glob("out-*.csv")) == sorted(
        f"out-{name}.csv" for name in TABLES
    )


def test_export_to_an_unknown_format_exits_2_writing_nothing(
    example_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.ods"
    assert main(["export", str(example_path), "-o", str(out)]) == 2
    assert "name a .csv or .xlsx file" in capsys.readouterr().err
    assert not out.exists()


def test_export_of_an_invalid_scenario_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n")
    assert main(["export", str(bad), "-o", str(tmp_path / "out.xlsx")]) == 2


def csv_of(example_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "activities.csv"
    assert main(["export", str(example_path), "-o", str(out)]) == 0
    return out


def test_import_without_write_only_says_what_would_change(
    commented: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = csv_of(commented, tmp_path)
    edited.write_text(edited.read_text(encoding="utf-8-sig").replace(",0.8,", ",0.4,", 1))
    before = commented.read_bytes()
    capsys.readouterr()
    assert main(["import", str(commented), "--activities", str(edited)]) == 0
    out = capsys.readouterr().out
    assert "1 updated (trade-missions), 0 added, 0 removed, 1 unchanged" in out
    assert "nothing written" in out
    assert commented.read_bytes() == before


def test_import_write_saves_into_the_file_keeping_its_comments(
    commented: Path, tmp_path: Path
) -> None:
    edited = csv_of(commented, tmp_path)
    edited.write_text(edited.read_text(encoding="utf-8-sig").replace(",0.8,", ",0.4,", 1))
    assert main(["import", str(commented), "--activities", str(edited), "--write"]) == 0
    assert "funding = 0.4  # agreed with the council" in commented.read_text()
    assert load(commented).activity("trade-missions").funding == 0.4


def test_import_output_writes_a_copy(commented: Path, tmp_path: Path) -> None:
    edited = csv_of(commented, tmp_path)
    copy = tmp_path / "copy.toml"
    before = commented.read_bytes()
    assert main(["import", str(commented), "--activities", str(edited), "-o", str(copy)]) == 0
    assert load(copy) == load(commented)
    assert commented.read_bytes() == before


def test_import_of_an_unchanged_export_writes_nothing(
    commented: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = csv_of(commented, tmp_path)
    before = commented.stat().st_mtime_ns, commented.read_bytes()
    assert main(["import", str(commented), "--activities", str(exported), "--write"]) == 0
    assert "nothing to write" in capsys.readouterr().out
    assert (commented.stat().st_mtime_ns, commented.read_bytes()) == before


def test_a_bad_csv_exits_2_naming_row_and_column_and_leaves_the_file(
    commented: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = csv_of(commented, tmp_path)
    bad.write_text(bad.read_text(encoding="utf-8-sig").replace(",420,", ",abc,", 1))
    before = commented.read_bytes()
    capsys.readouterr()
    assert main(["import", str(commented), "--activities", str(bad), "--write"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"{bad} row 2, column cost_budget: 'abc' is not a number"
    )
    assert commented.read_bytes() == before


def test_import_refuses_to_overwrite_a_file_changed_on_disk(
    commented: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from integrate_tui.files import activities_csv

    edited = csv_of(commented, tmp_path)
    edited.write_text(edited.read_text(encoding="utf-8-sig").replace(",0.8,", ",0.4,", 1))
    original = activities_csv.import_activities
    theirs = commented.read_text().replace("capacity = 1800", "capacity = 1900")

    def meanwhile(*args: object, **options: object) -> activities_csv.Imported:
        commented.write_text(theirs)  # another editor saves while the import runs
        return original(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(activities_csv, "import_activities", meanwhile)
    assert main(["import", str(commented), "--activities", str(edited), "--write"]) == 2
    assert "changed" in capsys.readouterr().err
    assert commented.read_text() == theirs


def test_write_and_output_are_one_or_the_other(commented: Path, tmp_path: Path) -> None:
    edited = csv_of(commented, tmp_path)
    args = ["import", str(commented), "--activities", str(edited), "--write", "-o", "x.toml"]
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2


def test_the_console_entry_point_round_trips(example_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "activities.csv"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "integrate_tui", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert run("export", str(example_path), "-o", str(out)).returncode == 0
    result = run("import", str(example_path), "--activities", str(out), "--replace")
    assert result.returncode == 0, result.stderr
    assert "0 updated, 0 added, 0 removed, 2 unchanged" in result.stdout
