"""`gilint audit`, round 2 (issue 18): the audit owns its inputs (regular files read once, links out of the
audited folders skipped, names that are not UTF-8 kept, configuration from the office only), its database
(one audit at a time, schema created and migrated atomically, damaged or foreign files refused, killed runs
marked) and its outputs (written together, or exit 2 with the reason)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gilint.audit import outputs
from gilint.audit.db import AuditDB, DBError
from gilint.audit.runner import JOBS_PER_CORE, WORK_AREA, AuditOptions, AuditResult, jobs_for, run_audit
from gilint.cli import main
from gilint.config import Overrides
from gilint.engine import load_plugins
from gilint.testing.reports import make_report
from tests.test_audit import consistent, query, title, write
from tests.test_hostile import within

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = load_plugins()
GBK_NAME = "淮安市2023年报告.txt".encode("gbk")  # as unzip leaves a name from an archive made on Windows
SECRET = "TOP-SECRET-LINE"


def audit(db: Path, *paths: Path, jobs: int = 1, **options: object) -> AuditResult:
    store = AuditDB(db)
    try:
        return run_audit([str(p) for p in paths], store, PLUGINS, options=AuditOptions(jobs=jobs, **options))
    finally:
        store.close()


def rows(db: Path) -> dict[str, tuple[str, str | None]]:
    """Each report's file name: (status, its codes, comma-separated in order)."""
    found = query(
        db,
        "SELECT r.display, r.status, group_concat(f.code) FROM (SELECT * FROM reports) r "
        "LEFT JOIN (SELECT * FROM findings ORDER BY code) f ON f.report_id = r.id GROUP BY r.id",
    )
    return {os.path.basename(str(display)): (str(status), codes) for display, status, codes in found}  # type: ignore


def messages(db: Path, code: str) -> list[str]:
    return [str(m) for (m,) in query(db, "SELECT message_en FROM findings WHERE code = ? ORDER BY id", code)]


def gilint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "gilint", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


# ---------------------------------------------------------------- the audit owns its inputs


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_or_a_link_to_a_device_is_skipped_not_read(tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", make_report())
    os.mkfifo(tmp_path / "in" / "pipe.txt")  # opening it would wait for a writer for ever
    (tmp_path / "in" / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    with within(60):
        result = audit(tmp_path / "a.db", tmp_path / "in", jobs=2, timeout=5)
    assert result.status == "done" and result.counts["files"] == 3
    assert rows(tmp_path / "a.db") == {
        "good.txt": ("ok", None),
        "pipe.txt": ("skipped", "GI904"),
        "zero.txt": ("skipped", "GI904"),
    }
    assert sorted(messages(tmp_path / "a.db", "GI904")) == [
        "it is a symbolic link to /dev/zero, outside the audited folders: not read",
        "it is not a regular file but a named pipe: not read",
    ]


def test_a_link_out_of_the_submission_is_not_followed_and_nothing_leaks(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n{make_report()}", encoding="utf-8")
    write(tmp_path / "in" / "agency" / "report.txt", make_report())
    (tmp_path / "in" / "agency" / "notes.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "in" / "agency" / "inside.txt").symlink_to(tmp_path / "in" / "agency" / "report.txt")
    db = tmp_path / "a.db"
    assert (
        main(
            [
                "audit",
                str(tmp_path / "in"),
                "--db",
                str(db),
                "--out",
                str(tmp_path / "out"),
                "--jobs",
                "1",
                "--lang",
                "en",
            ]
        )
        == 1
    )
    assert rows(db) == {"report.txt": ("ok", None), "inside.txt": ("ok", None), "notes.txt": ("skipped", "GI904")}
    assert messages(db, "GI904") == [
        f"it is a symbolic link to {tmp_path / 'secret.txt'}, outside the audited folders: not read"
    ]
    for name in ("results.jsonl", "summary.csv", "report.html"):
        assert SECRET not in (tmp_path / "out" / name).read_text(encoding="utf-8-sig"), name
    assert SECRET.encode() not in db.read_bytes()


def test_a_file_named_on_the_command_line_may_be_a_link(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "r.txt", make_report())
    (tmp_path / "link.txt").symlink_to(tmp_path / "elsewhere" / "r.txt")
    audit(tmp_path / "a.db", tmp_path / "link.txt")
    assert rows(tmp_path / "a.db") == {"link.txt": ("ok", None)}


def test_a_name_that_is_not_utf8_is_kept_and_printed_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = os.path.join(os.fsencode(folder), GBK_NAME)
    with open(path, "wb") as f:
        f.write(make_report(title=title("淮安市", 2023)).encode())
    db = tmp_path / "a.db"
    for run in range(2):  # the second run finds it unchanged
        assert main(["audit", str(folder), "--db", str(db), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
        capsys.readouterr()
        assert query(db, "SELECT checked, skipped FROM runs ORDER BY id DESC LIMIT 1") == [(1 - run, run)]
    ((stored, display),) = query(db, "SELECT path, display FROM reports")
    assert stored == path  # the name's bytes, as a BLOB: found again on the next run
    # bytes that happen to read as UTF-8 (EA B1 A8: 걨) are text, the others are written \\xNN
    assert display == f"{folder}/\\xbb\\xb4\\xb0\\xb2\\xca\\xd02023\\xc4걨\\xb8\\xe6.txt"
    assert display in (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    main(["check", "--format", "sarif", str(folder)])
    sarif = json.loads(capsys.readouterr().out)
    uri = sarif["runs"][0]["artifacts"][0]["location"]["uri"]
    assert uri.endswith("/%BB%B4%B0%B2%CA%D02023%C4%EA%B1%A8%B8%E6.txt")
    main(["check", "--format", "json", "--select", "GI9", str(folder), "--exit-zero"])
    assert json.loads(capsys.readouterr().out) == []


# ---------------------------------------------------------------- configuration from the office


BAD = make_report().replace("共收到政府信息公开申请13件", "共收到政府信息公开申请15件")  # one GI401
ASKED = [
    'the submission holds the configuration file {}/a/gilint.toml (ignore = ["GI"]; exclude = ["*"]), '
    "asking to change the audit's rules or skip files: {}",
    "the submission holds the configuration file {}/b/gilint.toml, which is not valid TOML: ignored",
    "the comment 'gilint-disable-next-line GI401' asks to silence GI401 (reason: 另有说明): {}",
]


def submissions(folder: Path) -> None:
    """Agency a's folder asks to ignore every rule and skip every file, b's configuration is malformed, c's
    report silences its own GI401."""
    write(folder / "a" / "report.txt", BAD)
    write(folder / "a" / "gilint.toml", 'ignore = ["GI"]\nexclude = ["*"]\n')
    write(folder / "b" / "report.txt", BAD)
    write(folder / "b" / "gilint.toml", "ignore = [\n")
    assert BAD.count("2023年，我局共收到") == 1
    write(
        folder / "c" / "report.txt",
        BAD.replace("2023年，我局共收到", "<!-- gilint-disable-next-line GI401 -- 另有说明 -->\n2023年，我局共收到"),
    )


def test_a_submission_cannot_silence_or_hide_its_report(tmp_path: Path) -> None:
    submissions(tmp_path / "in")
    db = tmp_path / "a.db"
    result = audit(db, tmp_path / "in")
    assert (result.status, result.counts["files"]) == ("done", 3)
    assert rows_by_folder(db) == {"a": ("ok", "GI401,GI905"), "b": ("ok", "GI401,GI905"), "c": ("ok", "GI401,GI905")}
    folder, done = tmp_path / "in", "not honoured (--honour-submission-config honours it)"
    assert sorted(messages(db, "GI905")) == sorted(
        [ASKED[0].format(folder, done), ASKED[1].format(folder), ASKED[2].format(done)]
    )


def test_the_office_may_honour_what_a_submission_asks(tmp_path: Path) -> None:
    submissions(tmp_path / "in")
    db = tmp_path / "a.db"
    audit(db, tmp_path / "in", honour_submission_config=True)
    # a's exclude hides its report; b's malformed configuration gives way to the office's; c's comment
    # suppresses its GI401
    assert rows_by_folder(db) == {"b": ("ok", "GI401,GI905"), "c": ("ok", "GI905")}
    assert sorted(messages(db, "GI905")) == sorted(
        [ASKED[1].format(tmp_path / "in"), ASKED[2].format("honoured (--honour-submission-config)")]
    )


def test_the_office_configuration_is_the_audited_folders_own(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a" / "report.txt", BAD)
    write(tmp_path / "in" / "gilint.toml", 'ignore = ["GI401"]\n')  # the office's: in the audited folder itself
    audit(tmp_path / "a.db", tmp_path / "in")
    assert rows_by_folder(tmp_path / "a.db") == {"a": ("ok", None)}
    write(tmp_path / "office" / "gilint.toml", 'ignore = ["GI4"]\n')  # --config: this one, and no other
    write(tmp_path / "in" / "gilint.toml", "")
    store = AuditDB(tmp_path / "b.db")
    run_audit([str(tmp_path / "in")], store, PLUGINS, Overrides(config=tmp_path / "office" / "gilint.toml"))
    store.close()
    assert rows_by_folder(tmp_path / "b.db") == {"a": ("ok", None)}


def rows_by_folder(db: Path) -> dict[str, tuple[str, str | None]]:
    found = query(
        db,
        "SELECT r.display, r.status, (SELECT group_concat(code) FROM (SELECT code FROM findings f "
        "WHERE f.report_id = r.id ORDER BY code)) FROM reports r",
    )
    return {Path(str(d)).parent.name: (str(s), c) for d, s, c in found}  # type: ignore[misc]


# ---------------------------------------------------------------- the database


def test_one_audit_at_a_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "r.txt", make_report())
    first = AuditDB(tmp_path / "a.db")
    run_id = first.start_run("0", "key", [], ["in"], 1)
    first.commit()
    try:
        with pytest.raises(
            DBError,
            match=r"in use by another gilint audit \(process \d+, started .* UTC\); wait "
            r"for it to finish, or choose another --db",
        ):
            AuditDB(tmp_path / "a.db")
        assert main(["audit", str(tmp_path / "in"), "--db", str(tmp_path / "a.db"), "--lang", "en"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("gilint: error: ") and f"(process {os.getpid()}," in err and "Traceback" not in err
    finally:
        first.close()
    assert query(tmp_path / "a.db", "SELECT id, status FROM runs") == [(run_id, "running")]
    AuditDB(tmp_path / "a.db").close()  # the next audit finds the run its killed process left
    assert query(tmp_path / "a.db", "SELECT id, status FROM runs") == [(run_id, "interrupted")]


def test_two_audits_started_together_on_a_new_database(tmp_path: Path) -> None:
    for i in range(20):
        write(tmp_path / "in" / f"r{i}.txt", make_report(title=title(f"云溪市第{i}局", 2023)))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for trial in range(4):
        db = tmp_path / f"{trial}.db"
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gilint",
                    "audit",
                    str(tmp_path / "in"),
                    "--db",
                    str(db),
                    "--jobs",
                    "1",
                    "--lang",
                    "en",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                text=True,
            )
            for _ in range(2)
        ]
        results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
        for code, err in results:
            assert "Traceback" not in err and "locked" not in err and "already exists" not in err, err
            assert code == 0 or (code == 2 and "in use by another gilint audit" in err), err
        done = [code for code, _ in results if code == 0]
        assert query(db, "SELECT count(*), min(status), max(status) FROM runs") == [(len(done), "done", "done")]
        assert consistent(db)


def test_a_damaged_or_foreign_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "in" / "r.txt", make_report())
    audit(tmp_path / "good.db", tmp_path / "in")
    data = bytearray((tmp_path / "good.db").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 512] = os.urandom(512)  # a page damaged on disk
    (tmp_path / "damaged.db").write_bytes(bytes(data))
    with sqlite3.connect(tmp_path / "foreign.db") as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("PRAGMA user_version = 2")
        conn.execute("CREATE TABLE runs (x)")
    with sqlite3.connect(tmp_path / "half.db") as conn:  # a migration that stopped half-way
        conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY)")
        conn.execute("PRAGMA user_version = 2")
    for name, reason in (
        ("damaged.db", "damaged|cannot use"),
        ("foreign.db", "not an audit database"),
        ("half.db", "table runs lacks"),
    ):
        with pytest.raises(DBError, match=reason):
            AuditDB(tmp_path / name)
        assert main(["audit", str(tmp_path / "in"), "--db", str(tmp_path / name), "--lang", "en"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"gilint: error: {tmp_path / name}: ") and "Traceback" not in err, err


def test_a_schema_1_database_is_migrated_in_place(tmp_path: Path) -> None:
    from gilint.audit import db as db_module

    write(tmp_path / "in" / "r.txt", make_report())
    audit(tmp_path / "a.db", tmp_path / "in")
    with sqlite3.connect(tmp_path / "a.db") as conn:  # back to what gilint 0.1.0 wrote
        conn.execute("ALTER TABLE runs DROP COLUMN pid")
        for column in ("identity", "published", "published_source", "cells"):  # schema 3's
            conn.execute(f"ALTER TABLE reports DROP COLUMN {column}")
        conn.execute("ALTER TABLE findings DROP COLUMN place")
        conn.execute("DROP TABLE submissions")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("PRAGMA application_id = 0")
    result = audit(tmp_path / "a.db", tmp_path / "in")
    # migrated to schema 3: each file is read again once, to record its date (schema 3's published)
    assert (result.counts["checked"], result.counts["skipped"]) == (1, 0)
    assert query(tmp_path / "a.db", "PRAGMA user_version") == [(db_module.SCHEMA_VERSION,)]
    assert query(tmp_path / "a.db", "SELECT pid IS NULL FROM runs ORDER BY id") == [(1,), (0,)]


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_workers_die_with_their_parent_and_the_run_is_marked(tmp_path: Path, how: str) -> None:
    for i in range(400):
        write(tmp_path / "in" / f"r{i:03}.txt", make_report(title=title(f"云溪市第{i}局", 2023)))
    db = tmp_path / "a.db"
    (tmp_path / "tmp").mkdir()  # a killed audit cannot remove its work area: keep it here, not in the system's
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gilint", "audit", str(tmp_path / "in"), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(children(proc.pid)) < 2 and proc.poll() is None:
        time.sleep(0.05)
    workers = children(proc.pid)
    assert len(workers) >= 2 and proc.poll() is None
    proc.send_signal(getattr(signal, how))
    code = proc.wait(timeout=120)
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.05)
    assert not any(alive(w) for w in workers)  # none left running on its own
    if how == "SIGTERM":
        assert code == 143
        assert query(db, "SELECT status FROM runs") == [("interrupted",)]
    else:
        assert code == -signal.SIGKILL
        AuditDB(db).close()  # the next audit marks the run the killed one left
        assert query(db, "SELECT status FROM runs") == [("interrupted",)]
    left = [p.name for p in (tmp_path / "tmp").iterdir()]
    if how == "SIGTERM":
        assert left == []
    else:  # no clean-up survives SIGKILL
        assert len(left) == 1 and left[0].startswith(f"{WORK_AREA}{proc.pid}-")
    assert consistent(db)
    if how == "SIGKILL":  # the next audit removes the work area the killed one could not
        write(tmp_path / "next" / "r.txt", make_report())
        subprocess.run(
            [sys.executable, "-m", "gilint", "audit", str(tmp_path / "next"), "--db", str(tmp_path / "b.db")],
            stdout=subprocess.DEVNULL,
            env=env,
            check=True,
        )
        assert list((tmp_path / "tmp").iterdir()) == []


def test_an_audit_removes_only_the_work_areas_of_audits_no_longer_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    for name in (f"{WORK_AREA}{dead}-k1", f"{WORK_AREA}{os.getppid()}-k2", f"{WORK_AREA}x1", f"{WORK_AREA}{dead}-"):
        write(tmp_path / "tmp" / name / "kept", "x")
    write(tmp_path / "tmp" / f"{WORK_AREA}{dead}-file", "not a folder")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    write(tmp_path / "in" / "r.txt", make_report())
    assert main(["audit", str(tmp_path / "in"), "--db", str(tmp_path / "a.db"), "--lang", "en"]) == 0
    assert {p.name for p in (tmp_path / "tmp").iterdir()} == {
        f"{WORK_AREA}{dead}-",  # not a name an audit gives
        f"{WORK_AREA}{dead}-file",  # not a folder
        f"{WORK_AREA}{os.getppid()}-k2",  # a process that runs
        f"{WORK_AREA}x1",  # an older audit's name: whose it is cannot be told
    }


def test_jobs_are_capped_at_a_few_per_core(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cores = os.cpu_count() or 1
    assert (jobs_for(0), jobs_for(1), jobs_for(500)) == (cores, 1, JOBS_PER_CORE * cores)
    write(tmp_path / "in" / "r.txt", make_report())
    assert main(["audit", str(tmp_path / "in"), "--db", str(tmp_path / "a.db"), "--jobs", "500", "--lang", "en"]) == 0
    assert (
        f"gilint: warning: --jobs 500 is more than {JOBS_PER_CORE} per core ({cores} cores here): running "
        f"{JOBS_PER_CORE * cores}"
    ) in capsys.readouterr().err
    assert query(tmp_path / "a.db", "SELECT jobs FROM runs") == [(JOBS_PER_CORE * cores,)]


# ---------------------------------------------------------------- outputs


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("file", "Not a directory"),
        ("/proc/gilint-out", "No such file or directory"),
        ("/sys/gilint-out", "Operation not permitted"),
    ],
    ids=["existing-file", "no-such-folder", "read-only"],
)
def test_an_output_folder_that_cannot_be_written_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, reason: str
) -> None:
    write(tmp_path / "in" / "r.txt", make_report())
    (tmp_path / "file").write_text("x")
    target = tmp_path / out if out == "file" else Path(out)
    code = main(["audit", str(tmp_path / "in"), "--db", str(tmp_path / "a.db"), "--out", str(target), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"gilint: error: cannot write the audit's outputs to {target}: {reason}\n"
    assert not (tmp_path / "a.db").exists()  # refused before the audit ran


def test_a_full_disk_is_exit_2_and_leaves_the_old_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "in" / "r.txt", make_report())
    args = [
        "audit",
        str(tmp_path / "in"),
        "--db",
        str(tmp_path / "a.db"),
        "--out",
        str(tmp_path / "out"),
        "--lang",
        "en",
    ]
    assert main(args) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}  # feedback/ aside
    real = outputs.os.replace

    def full(src: object, dst: object) -> None:
        if str(dst).endswith("report.html"):
            raise OSError(28, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(outputs.os, "replace", full)
    write(tmp_path / "in" / "r2.txt", make_report(title=title("云溪市乙局", 2023)))
    capsys.readouterr()
    assert main(args) == 2
    assert capsys.readouterr().err.endswith(
        f"cannot write the audit's outputs to {tmp_path / 'out'}: No space left on device\n"
    )
    assert json.loads(before["manifest.json"])["complete"] is True
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_bytes())
    assert (manifest["id"], manifest["complete"]) == (2, False)  # the new run's, and it says it is not all there
    new = {
        name
        for name, sha in manifest["files"].items()
        if sha == hashlib.sha256((tmp_path / "out" / name).read_bytes()).hexdigest()
    }
    assert new == {"results.jsonl", "summary.csv", "submissions.csv", "indicators.csv"}  # moved before the disk
    # filled up; report.html
    # is the old one
    assert (tmp_path / "out" / "report.html").read_bytes() == before["report.html"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == sorted(before)  # no temporary file
    assert not [p for p in (tmp_path / "out" / "feedback").iterdir() if p.name.startswith(".")]


def test_a_missing_path_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path / "nowhere"), "--db", str(tmp_path / "a.db")]) == 2
    assert capsys.readouterr().err == f"gilint: 错误: 路径不存在：{tmp_path / 'nowhere'}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_as_database_or_a_device_as_configuration_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in" / "r.txt", make_report())
    os.mkfifo(tmp_path / "a.db")
    with within(60):
        assert main(["audit", str(tmp_path / "in"), "--db", str(tmp_path / "a.db")]) == 2
        assert capsys.readouterr().err == (
            f"gilint: 错误: {tmp_path / 'a.db'}: not a regular file, so no audit database; choose another --db\n"
        )
        assert main(["check", str(tmp_path / "in"), "--config", "/dev/zero"]) == 2
        assert capsys.readouterr().err == (
            "gilint: 错误: /dev/zero: not a configuration file (not a regular file, or over 1 MiB)\n"
        )
