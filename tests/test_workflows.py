"""The workflows as GitHub would run them: what each job may do, and a rehearsal of publishing.

The static tests read the YAML: the deploy job runs no project code, every
job's permissions are minimal, every action is pinned. The rehearsal
(:mod:`tests.rehearsal`, marked slow) runs the ``run:`` steps of publish.yml
and pr.yml in a temporary clone against a local bare remote.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.rehearsal import Rehearsal, git_out, init_remote, load_workflow

WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
PR = WORKFLOWS / "pr.yml"
PROJECT_COMMANDS = re.compile(r"(g?make|pip[\d.]*|python[\d.]*|mkdocs\S*|actieplan|mike|npm|npx|uv|pipx|\S*\.venv\S*)")


def words(script: str) -> set[str]:
    """Every word of a shell script that could be a command (split at spaces, quotes, ; | & ( ) and $)."""
    return {word for word in re.split(r"[\s;|&()$`\"'=<>{}]+", script) if word}


def project_commands(script: str) -> set[str]:
    """The words of ``script`` that run project code or an installer (make, pip, python, mkdocs, actieplan …)."""
    return {word for word in words(script) if PROJECT_COMMANDS.fullmatch(word)}


def test_the_command_check_sees_variants():
    script = "set -euo pipefail\npython3 -m x; pip3 install y; .venv/bin/actieplan z; mkdocs-build; gmake\n"
    assert project_commands(script) == {"python3", "pip3", ".venv/bin/actieplan", "mkdocs-build", "gmake"}


# --- publish.yml, read --------------------------------------------------------------


def test_publish_has_a_read_only_build_job_and_a_deploy_job_that_needs_it():
    workflow = load_workflow(PUBLISH)
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["bouwen"], workflow["jobs"]["uitrollen"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"contents": "write"}
    assert deploy["needs"] == "bouwen"
    assert build["container"] == load_workflow(PR)["jobs"]["controle"]["container"]
    assert "container" not in deploy


def test_the_deploy_job_runs_no_project_code():
    deploy = load_workflow(PUBLISH)["jobs"]["uitrollen"]
    for step in deploy["steps"]:
        if "uses" in step:
            assert step["uses"].split("@")[0] == "actions/download-artifact", step["uses"]
            continue
        found = project_commands(step["run"])
        assert not found, f"{step['name']}: {found}"
        assert not any(word.endswith((".py", ".sh")) for word in words(step["run"]))


def test_the_deploy_job_runs_git_with_hooks_off_and_no_inherited_configuration():
    deploy = load_workflow(PUBLISH)["jobs"]["uitrollen"]
    script = "\n".join(step.get("run", "") for step in deploy["steps"])
    assert "core.hooksPath=/dev/null" in script
    assert "GIT_CONFIG_GLOBAL=/dev/null" in script and "GIT_CONFIG_NOSYSTEM=1" in script
    commands = [line.strip() for line in script.splitlines()]
    git_calls = [line for line in commands if re.match(r"(\S+=\S+ )*git\b", line)]
    assert git_calls == [line for line in git_calls if line.startswith("g() { git -c core.hooksPath=/dev/null")]
    assert "--force-with-lease" in script


def test_every_script_step_stops_on_the_first_error():
    for path in (PUBLISH,):
        for job in load_workflow(path)["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    assert step["run"].lstrip().startswith("set -euo pipefail"), step["name"]


def test_tags_are_checked_against_the_version_pattern_before_use():
    build = load_workflow(PUBLISH)["jobs"]["bouwen"]
    pattern = "^v[0-9]{4}-[0-9]{2}(-[a-z0-9]+)?$"
    first = next(step for step in build["steps"] if "run" in step)
    assert pattern in first["run"]
    assert first["run"].index(pattern) < first["run"].index("REF_NAME#v")
    release = load_workflow(PUBLISH)["jobs"]["uitrollen"]["steps"][-1]
    assert release["run"].index(pattern) < release["run"].index("TAG#v")


def test_the_version_is_read_with_the_project_cli():
    runs = "\n".join(step.get("run", "") for step in load_workflow(PUBLISH)["jobs"]["bouwen"]["steps"])
    assert ".venv/bin/actieplan werkversie" in runs and "actieplan versie-titel" in runs
    assert "python3 -c" not in runs and "import yaml" not in runs


# --- the rehearsal --------------------------------------------------------------------


def _project_copy(target: Path) -> Path:
    """The working tree as it is (tracked and new files, nothing ignored), committed once as main."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(target)}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "plan"]):
        subprocess.run(["git", *args], cwd=target, check=True, env=env)
    return target


def _ok(results, *, skipped=()):
    for result in results:
        expected = "skipped" if result.name in skipped else "success"
        assert result.outcome == expected, f"{result.name}: {result.outcome}\n{result.output[-3000:]}"


def _kill_at_push(folder: Path) -> Path:
    """A ``git`` in front of the real one that kills the deploy script when it is about to push."""
    folder.mkdir(parents=True, exist_ok=True)
    real = shutil.which("git")
    (folder / "git").write_text(
        f'#!/bin/bash\nfor a in "$@"; do if [ "$a" = push ]; then kill -KILL $PPID; kill -KILL $$; fi; done\nexec {real} "$@"\n',
        encoding="utf-8",
    )
    (folder / "git").chmod(0o755)
    return folder


@pytest.mark.slow
def test_rehearsal_of_publishing_main_then_a_tag(tmp_path):
    if shutil.which("chromium") is None:
        pytest.skip("the PDF needs Debian's chromium")
    project = _project_copy(tmp_path / "project")
    main = Rehearsal(tmp_path / "run", PUBLISH, "refs/heads/main", "")
    sha = init_remote(main, project)
    main.sha = sha
    remote = main.remote

    # 1. A push to main publishes the working concept.
    _ok(main.run_job("bouwen"))
    _ok(main.run_job("uitrollen"), skipped={"PDF bij de release zetten"})
    first = git_out(remote, "rev-parse", "gh-pages")
    assert first
    files = git_out(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert "werkversie/index.html" in files and "versions.json" in files
    assert '"werkversie"' in git_out(remote, "show", "gh-pages:versions.json")
    assert "ghs_REHEARSAL_TOKEN" not in git_out(remote, "log", "--format=%B", "gh-pages")

    # 2. The same publish again changes nothing.
    _ok(main.run_job("bouwen"))
    again = main.run_job("uitrollen")
    _ok(again, skipped={"PDF bij de release zetten"})
    changed = git_out(remote, "diff", "--stat", first, "gh-pages")
    assert "er is niets te pushen" in again[1].output, changed
    assert git_out(remote, "rev-parse", "gh-pages") == first

    # 3. A tag: build it, then kill the deploy as it pushes; gh-pages stays as it was.
    subprocess.run(["git", "-C", str(project), "tag", "v2024-06"], check=True)
    subprocess.run(["git", "-C", str(project), "push", "-q", str(remote), "v2024-06"], check=True)
    tag = Rehearsal(tmp_path / "run", PUBLISH, "refs/tags/v2024-06", sha)
    _ok(tag.run_job("bouwen"))
    killed = tag.run_job("uitrollen", wrap={"gh-pages vervangen en pushen": str(_kill_at_push(tmp_path / "kill"))})
    assert killed[1].outcome == "failure"
    assert git_out(remote, "rev-parse", "gh-pages") == first
    assert git_out(remote, "fsck", "--no-dangling") == ""

    # The deploy run again finishes the job: 2024-06 is latest, with its PDF; nothing published is lost.
    _ok(tag.run_job("uitrollen"))
    files = set(git_out(remote, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())
    assert {"werkversie/index.html", "2024-06/index.html", "latest/index.html"} <= files
    assert "2024-06/pdf/actieplan-2024-06.pdf" in files
    versions = {v["version"]: v["aliases"] for v in json.loads(git_out(remote, "show", "gh-pages:versions.json"))}
    assert versions == {"werkversie": [], "2024-06": ["latest"]}
    gh = (tag.root / "gh.log").read_text(encoding="utf-8")
    assert "release create v2024-06 publicatie/actieplan-2024-06.pdf" in gh
    assert git_out(remote, "rev-parse", "gh-pages^") == first


@pytest.mark.slow
def test_rehearsal_of_a_bad_tag_stops_before_anything_runs(tmp_path):
    project = _project_copy(tmp_path / "project")
    rehearsal = Rehearsal(tmp_path / "run", PUBLISH, 'refs/tags/v2024-06";touch ' + str(tmp_path / "p") + ';"', "")
    rehearsal.sha = init_remote(rehearsal, project)
    results = rehearsal.run_job("bouwen")
    assert [r.outcome for r in results[:3]] == ["success", "failure", "skipped"]
    assert "De tag is geen versie" in results[1].output
    assert not (tmp_path / "p").exists()


def test_two_prints_of_one_commit_are_the_same_pdf(tmp_path):
    from macros.dev.pdf import make_reproducible

    def pdf(clock: bytes, first: int) -> Path:
        path = tmp_path / f"{clock.decode()}-{first}.pdf"
        ids = b"".join(b"/ID (node%08d)\n/Headers [(node%08d)]\n" % (first + n, first + n) for n in range(3))
        path.write_bytes(
            b"%PDF-1.4\n<</CreationDate (D:" + clock + b"+00'00')\n/ModDate (D:" + clock + b"+00'00')>>\n" + ids
        )
        return path

    one, two = pdf(b"20261201214349", 492), pdf(b"20261201220001", 498)
    sizes = (one.stat().st_size, two.stat().st_size)
    for path in (one, two):
        make_reproducible(path, "1718582400")
    assert one.read_bytes() == two.read_bytes()
    assert (one.stat().st_size, two.stat().st_size) == sizes
    assert b"(D:20240617000000+00'00')" in one.read_bytes() and b"(node00000001)" in one.read_bytes()
    for bad in ("", "x", "99999999999999999"):
        make_reproducible(one, bad)
        assert one.stat().st_size == sizes[0]


def test_pdf_structure_ids_follow_the_file_and_the_id_tree_stays_sorted(tmp_path):
    """Chromium's node ids can come in another order in another run; the structure in the file is the same."""
    from macros.dev.pdf import make_reproducible

    def pdf(first: int, second: int) -> Path:
        path = tmp_path / f"{first}-{second}.pdf"
        lo, hi = sorted((first, second))
        by_id = {first: b"10 0 R", second: b"11 0 R"}
        names = b" ".join(b"(node%08d) %s" % (n, by_id[n]) for n in (lo, hi))
        path.write_bytes(
            b"10 0 obj <</ID (node%08d)>> endobj\n11 0 obj <</ID (node%08d)>> endobj\n" % (first, second)
            + b"12 0 obj <</Limits [(node%08d) (node%08d)]\n/Names [%s]>> endobj\n" % (lo, hi, names)
        )
        return path

    one, two = pdf(40, 7), pdf(3, 90)
    size = one.stat().st_size
    make_reproducible(one, None)
    make_reproducible(two, None)
    assert one.read_bytes() == two.read_bytes() and one.stat().st_size == size
    assert (
        b"/Limits [(node00000001) (node00000002)]\n/Names [(node00000001) 10 0 R (node00000002) 11 0 R]"
        in one.read_bytes()
    )


COMMENT = WORKFLOWS / "pr-commentaar.yml"


def test_the_comment_is_computed_by_main_and_posted_without_project_code():
    workflow = load_workflow(COMMENT)
    assert workflow["permissions"] == {}
    compare, post = workflow["jobs"]["vergelijken"], workflow["jobs"]["plaatsen"]
    assert compare["permissions"] == {"contents": "read", "actions": "read"}
    assert post["permissions"] == {"pull-requests": "write"} and post["needs"] == "vergelijken"
    checkout = next(step for step in compare["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    runs = "\n".join(step.get("run", "") for step in compare["steps"])
    assert "refs/pull/$pr/head" in runs and "--ook-ongeldig" in runs
    for step in post["steps"]:
        if "run" in step:
            assert not project_commands(step["run"]), step["name"]
    assert "actieplan diff" not in "\n".join(
        step.get("run", "") for step in load_workflow(PR)["jobs"]["controle"]["steps"]
    )


@pytest.mark.slow
def test_rehearsal_of_a_pull_request_and_its_comment(tmp_path):
    """A fork's pull request that breaks the data, tries to mention a team, add an image and a link, and changes
    the code that would compute the comment: the comment is made by main's code and shows what really changes."""
    project = _project_copy(tmp_path / "project")
    run_root = tmp_path / "run"
    check = Rehearsal(run_root, PR, "refs/pull/7/merge", "", event={"pull_request": {"number": 7}, "base_ref": "main"})
    base = init_remote(check, project)
    proof = tmp_path / "pr-code-ran"
    (project / "data/maatregelen/M05.yml").unlink()
    m01 = project / "data/maatregelen/M01.yml"
    text = m01.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("titel:"))
    m01.write_text(
        text.replace(
            title,
            'titel: "@samen-tegen-mensenhandel/programmateam ![x](https://evil.example/x.png) <img src=x> [klik](www.evil.example)"',
        ),
        encoding="utf-8",
    )
    with (project / "Makefile").open("a", encoding="utf-8") as makefile:
        makefile.write(f"\n$(shell touch {proof})\n")
    env = {"GIT_AUTHOR_NAME": "F", "GIT_AUTHOR_EMAIL": "f@example.org", "GIT_COMMITTER_NAME": "F"}
    env |= {"GIT_COMMITTER_EMAIL": "f@example.org", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run(["git", "-C", str(project), "commit", "-qam", "voorstel"], check=True, env=env)
    head = git_out(project, "rev-parse", "HEAD")
    subprocess.run(["git", "-C", str(project), "push", "-q", str(check.remote), "HEAD:refs/pull/7/head"], check=True)
    check.sha = head

    # pr.yml runs the pull request's own code (its tests are this suite: not run again here).
    check.replace = {"Alle tests, ook in de browser": "echo 'stand-in: the test suite itself'\n"}
    results = check.run_job("controle")
    outcomes = {r.name: r.outcome for r in results}
    assert outcomes["Gegevens controleren"] == "failure"
    assert outcomes["Nummer bewaren voor de reactie"] == "success"
    assert proof.exists()  # pr.yml did run the pull request's Makefile, as it should
    proof.unlink()

    comment = Rehearsal(
        run_root,
        COMMENT,
        "refs/heads/main",
        base,
        event={
            "workflow_run": {"head_sha": head, "id": 1},
            "repository": {"default_branch": "main"},
            "stub_head": head,
        },
    )
    _ok(comment.run_job("vergelijken"))
    _ok(comment.run_job("plaatsen"))
    assert not proof.exists(), "pr-commentaar.yml ran code from the pull request"
    body = Path(f"{run_root / 'gh.log'}.body").read_text(encoding="utf-8")
    assert body.startswith("<!-- actieplan-diff -->\n## Wat verandert er in het plan")
    assert "- Verwijderd: **M05**" in body
    assert "### Fouten in de gegevens" in body and "onbekende maatregel 'M05'" in body
    assert not re.search(r"@(?!\u2060)\w", body)
    assert "](" not in body and "![" not in body and "<img" not in body and not re.search(r"<(?!\u2060|!--)", body)
    assert "https://" not in body and "www." not in body
    # The lead organisation of the changed measure M01 is asked for its review; the programme team approves.
    gh = (run_root / "gh.log").read_text(encoding="utf-8")
    assert (
        "api --method POST repos/samen-tegen-mensenhandel/actieplan/pulls/7/requested_reviewers -f team_reviewers[]=comensha"
        in gh
    )


# --- pinned actions ---------------------------------------------------------------------

_PINNED = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+")


def unpinned_actions(text: str) -> list[str]:
    """Every ``uses:`` line that is not a full commit SHA followed by ``# vX.Y.Z`` (the version it is)."""
    lines = [line.strip().removeprefix("- ") for line in text.splitlines() if re.match(r"\s*(- )?uses:", line)]
    return [line for line in lines if not _PINNED.fullmatch(line)]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    assert not unpinned_actions(path.read_text(encoding="utf-8"))


def test_an_unpinned_action_fails_the_check():
    text = """
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262
      - uses: actions/checkout@11d5960 # v4.4.0
      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0
        uses: evil/action@main
    """
    assert unpinned_actions(text) == [
        "uses: actions/checkout@v4",
        "uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262",
        "uses: actions/checkout@11d5960 # v4.4.0",
        "uses: evil/action@main",
    ]
