"""A side of ``actieplan diff``: a data folder, or the data folder of a git revision.

A git revision is read with ``git archive`` into a temporary folder, so that
the very same :func:`~macros.plan.load_plan` reads both sides (one way
through). Nothing is checked out and the working tree is never touched.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
from pathlib import Path

__all__ = ["RevisionError", "Side", "resolve_side"]


class RevisionError(Exception):
    """A side that is neither a data folder nor a git revision with data; the message is Dutch."""


@dataclasses.dataclass(frozen=True)
class Side:
    """A data folder to load, and how the output names it."""

    data_dir: Path
    label: str
    #: The folder file names in messages are relative to.
    shown_root: Path


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError(
            "git is niet geïnstalleerd — installeer git, of vergelijk twee mappen met gegevens"
        ) from None


def resolve_side(spec: str, repo: Path, workdir: Path, data_folder: str = "data") -> Side:
    """Turn ``spec`` into a data folder.

    Parameters:
        spec: a folder with data (it wins when a revision has the same name), or a git revision such as ``main``, ``HEAD~1`` or a tag.
        repo: the git repository to read revisions from.
        workdir: an empty folder this side may write into (a revision is unpacked to ``workdir/data``).
        data_folder: where the data lives inside the repository.

    Raises:
        RevisionError: when ``spec`` is neither, or the revision has no data folder.
    """
    folder = Path(spec)
    if folder.is_dir():
        if not (folder / "programma.yml").is_file() and (folder / data_folder).is_dir():
            raise RevisionError(f"'{spec}' is geen map met gegevens — bedoelt u {(folder / data_folder).as_posix()}?")
        return Side(data_dir=folder, label=spec, shown_root=folder.resolve().parent)
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if commit.returncode != 0:
        raise RevisionError(
            f"'{spec}' is geen map en geen git-revisie in {repo} — geef een map met gegevens, een branch, een tag of een commit"
        )
    sha = commit.stdout.decode().strip()
    listed = _git(repo, "ls-tree", "-d", "--name-only", sha, data_folder)
    if listed.returncode != 0 or not listed.stdout.strip():
        raise RevisionError(f"in revisie {spec} staat geen map {data_folder}/")
    archive = _git(repo, "archive", "--format=tar", sha, data_folder)
    if archive.returncode != 0:
        raise RevisionError(f"git archive {spec} lukte niet: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        # The "data" filter refuses absolute paths, links out of the folder and special files.
        try:
            tar.extractall(workdir, filter="data")
        except tarfile.FilterError as err:
            member = getattr(err, "tarinfo", None)
            name = member.name if member is not None else "?"
            raise RevisionError(
                f"in revisie {spec} staat '{name}', een koppeling of bestand buiten de map met gegevens — haal het weg uit de repository"
            ) from None
    label = spec if spec == sha[:7] else f"{spec} ({sha[:7]})"
    return Side(data_dir=workdir / data_folder, label=label, shown_root=workdir)
