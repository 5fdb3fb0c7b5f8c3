"""`integrate-tui score` and `diff`: tables, JSON, explanations, exit codes and clear errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from integrate_tui.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"
EXAMPLE = re.search(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps tables to the terminal width; fix it so the cells tested stay whole."""
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The worked example of docs/scoring.md (its numbers are known by hand)."""
    path = tmp_path / "example.toml"
    path.write_text(EXAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def raised(tmp_path: Path) -> Path:
    """The worked example with trade missions raised from 0.6 to 0.8."""
    path = tmp_path / "raised.toml"
    path.write_text(EXAMPLE.replace("funding = 0.6\n", "funding = 0.8\n"), encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "integrate_tui", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_score_json_has_every_number(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    data = _json(capsys, "score", str(example))
    assert data["overall"] == pytest.approx(57.2625)
    assert data["feasible"] is False
    assert data["values"] == pytest.approx({"prosperity": 61.6, "openness": 44.25})
    assert data["interests"] == pytest.approx({"business": 176.26 / 3, "diaspora": 48.5875})
    staff = data["resources"]["staff"]
    assert (staff["used"], staff["capacity"], staff["unit"]) == (pytest.approx(2.35), 2.0, "FTE")
    assert staff["over"] == pytest.approx(0.35)
    assert data["silos"]["econ"]["overall"] == pytest.approx(30.15)
    assert data["silos"]["econ"]["shares"]["budget"] == pytest.approx(36 / 91)
    assert data["fairness"]["worst_off"] == "diaspora"
    assert data["integration"]["index"] == 1.0
    top = data["drivers"]["positive"][0]
    assert (top["activity"], top["via"]) == ("trade-missions", "prosperity")
    assert data["drivers"]["negative"][0]["points"] == pytest.approx(-2.25)


def test_score_set_and_weight_override_the_file(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    raised = _json(capsys, "score", str(example), "--set", "trade-missions=0.8")
    assert raised["overall"] == pytest.approx(68.2875)
    assert raised["resources"]["budget"]["over"] == pytest.approx(3.0)
    weighted = _json(
        capsys, "score", str(example), "--weight", "prosperity=1", "--weight", "openness=3"
    )
    assert weighted["weights"] == pytest.approx({"prosperity": 0.25, "openness": 0.75})
    assert weighted["overall"] == pytest.approx(0.25 * 61.6 + 0.75 * 44.25)


def test_score_tables_show_every_section(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    assert main(["score", str(example)]) == 0
    out = capsys.readouterr().out
    for section in ("Values", "Interests", "Resources", "Silos", "Fairness", "Top drivers"):
        assert section in out
    assert "INFEASIBLE (Staff time over by 0.35 FTE)" in out
    assert "over by 0.35" in out
    assert "Integration index 1.00" in out
    assert "57.3" in out


@pytest.mark.parametrize(
    ("subject", "title", "route"),
    [
        ("business", "Why is interest Business community at 58.8?", "direct support"),
        ("openness", "Why is value Openness at 44.2?", "openness"),
        ("staff", "Why is resource Staff time at 2.35 FTE?", "staff"),
        ("overall", "Why is the overall score at 57.3?", "prosperity"),
    ],
)
def test_explain_prints_drivers(
    capsys: pytest.CaptureFixture[str], example: Path, subject: str, title: str, route: str
) -> None:
    assert main(["score", str(example), "--explain", subject]) == 0
    out = capsys.readouterr().out
    assert title in out
    assert route in out
    assert "Culture festival" in out


def test_explain_json_drivers_add_up(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    explained = _json(capsys, "score", str(example), "--explain", "overall")["explain"]
    assert explained["total"] == pytest.approx(57.2625)
    assert sum(d["points"] for d in explained["drivers"]) == pytest.approx(57.2625)
    assert explained["interactions"][0]["between"] == ["trade-missions", "sister-cities"]


def test_explain_asks_which_kind_when_ids_are_shared(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "shared.toml"
    path.write_text(EXAMPLE.replace('id = "diaspora"', 'id = "openness"'), encoding="utf-8")
    assert main(["score", str(path), "--explain", "openness"]) == 2
    assert "use value:openness or interest:openness" in capsys.readouterr().err
    assert main(["score", str(path), "--explain", "interest:openness"]) == 0
    assert "Why is interest Diaspora communities" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "trade-mision=0.5"], "unknown activity 'trade-mision' — did you mean"),
        (["--set", "trade-missions"], "expected ACTIVITY=FUNDING"),
        (["--set", "=0.5"], "expected ACTIVITY=FUNDING"),
        (["--set", "trade-missions=lots"], "'lots' is not a number"),
        (["--set", "trade-missions=nan"], "must be a finite number"),
        (["--set", "trade-missions=inf"], "must be a finite number"),
        (["--set", "trade-missions=1.2"], "must be within [0, 1]"),
        (["--set", "festival=-0.1"], "must be within [0, 1]"),
        (["--set", "festival=1", "--set", "festival=0"], "given more than once"),
        (["--weight", "prosperty=1"], "unknown value 'prosperty' — did you mean 'prosperity'"),
        (["--weight", "openness=-1"], "a weight must be ≥ 0"),
        (["--weight", "openness=x"], "'x' is not a number"),
        (["--explain", "nobody"], "unknown value, interest or resource 'nobody'"),
    ],
)
def test_bad_arguments_exit_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], example: Path, args: list[str], message: str
) -> None:
    assert main(["score", str(example), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_diff_tables_show_the_ledger(
    capsys: pytest.CaptureFixture[str], example: Path, raised: Path
) -> None:
    assert main(["diff", str(example), str(raised)]) == 0
    out = capsys.readouterr().out
    assert "Trade missions 0.6 → 0.8: overall +11.0" in out
    for section in ("Values", "Interests", "Resources", "Silos", "Funding changes"):
        assert section in out
    assert "Interactions that moved" in out
    assert "over by 3 kUSD" in out


def test_diff_json(capsys: pytest.CaptureFixture[str], example: Path, raised: Path) -> None:
    data = _json(capsys, "diff", str(example), str(raised))
    assert data["headline"].startswith("Trade missions 0.6 → 0.8")
    assert data["overall"]["delta"] == pytest.approx(11.025)
    assert data["funding"] == {
        "trade-missions": pytest.approx({"before": 0.6, "after": 0.8, "delta": 0.2})
    }
    assert data["resources"]["budget"]["over"] == pytest.approx(3.0)
    assert data["interests"]["diaspora"]["delta"] == pytest.approx(2.675)
    assert set(data["silos"]) == {"econ", "mayor"}
    assert list(data["interactions"]) == ["trade-missions + sister-cities"]


def test_diff_of_a_file_with_itself_is_empty(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    data = _json(capsys, "diff", str(example), str(example))
    assert data["overall"]["delta"] == 0
    assert data["funding"] == {} and data["interactions"] == {}


def test_diff_of_different_models_exits_2(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.toml"
    other.write_text(EXAMPLE.replace('"festival"', '"fair"'), encoding="utf-8")
    assert main(["diff", str(example), str(other)]) == 2
    assert "different activity ids" in capsys.readouterr().err


def test_subprocess_exit_codes(example: Path, tmp_path: Path) -> None:
    ok = _run("score", str(example), "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["overall"] == pytest.approx(57.2625)
    bad = _run("score", str(example), "--set", "festval=1")
    assert bad.returncode == 2
    assert "did you mean 'festival'" in bad.stderr and "Traceback" not in bad.stderr
    missing = _run("diff", str(example), str(tmp_path / "missing.toml"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_score_and_diff_import_neither_textual_nor_scipy(example: Path) -> None:
    code = (
        "import sys\n"
        "from integrate_tui.cli import main\n"
        f"assert main(['score', {str(example)!r}]) == 0\n"
        f"assert main(['score', {str(example)!r}, '--json', '--explain', 'overall']) == 0\n"
        f"assert main(['diff', {str(example)!r}, {str(example)!r}]) == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'scipy'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
