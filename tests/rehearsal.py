"""Run a GitHub workflow's jobs here, as the runner would, against a local bare git remote.

:class:`Rehearsal` reads a workflow file and runs the ``run:`` steps of a job
in order, with ``bash --noprofile --norc -eo pipefail`` (what ``shell: bash``
means on GitHub), the job's and step's ``env:`` (``${{ }}`` filled from a
small context), ``GITHUB_ENV`` carried from step to step, and ``if:``
evaluated. Only what needs GitHub itself is stood in for:

- ``actions/checkout`` → ``git clone`` of the local remote at the pushed ref;
- ``actions/upload-artifact`` / ``download-artifact`` → copy a folder;
- ``gh`` → a stub script on ``PATH`` that logs its arguments
  (``gh release view`` answers "not found" until ``gh release create`` ran);
- the installed virtualenv: ``make install`` would download every package
  from PyPI, so after checkout the rehearsal puts a ``.venv`` in place, as a
  dependency cache would: a fresh venv of the base interpreter that sees this
  environment's site-packages but imports ``macros`` from the clone. ``make
  install`` still runs, and finds it up to date.

``python3`` on ``PATH`` is the bare base interpreter (no project packages, as
setup-python or the container gives), and ``HOME`` is a temporary folder, so
``git config --global`` touches nothing outside the rehearsal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

OWNER_REPO = "samen-tegen-mensenhandel/actieplan"

GH_STUB = """#!/usr/bin/env bash
# Stand-in for the GitHub CLI: logs every call; knows releases created in this rehearsal.
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "release view" ]; then grep -qx "release create $3 .*" "$GH_LOG"; exit; fi
if [ "$1" = api ]; then echo "$GH_STUB_HEAD"; exit 0; fi
if [ "$1 $2" = "pr comment" ]; then
  while [ $# -gt 0 ]; do if [ "$1" = --body-file ]; then cp "$2" "$GH_LOG.body"; fi; shift; done
fi
exit 0
"""


def load_workflow(path: Path) -> dict[str, Any]:
    """The workflow as data (PyYAML reads the key ``on`` as True)."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """A GitHub expression of the kinds our workflows use: names, 'strings', ==, !=, &&, ||, !, always()."""
    tokens = re.findall(r"'[^']*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*", expression)
    python = []
    for token in tokens:
        if token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif token in ("==", "!=", "(", ")"):
            python.append(token)
        elif token in ("&&", "||", "!"):
            python.append({"&&": "and", "||": "or", "!": "not"}[token])
        elif token in ("always()", "success()"):
            python.append("True")
        else:
            value: Any = context
            for part in token.split("."):
                value = value.get(part, "") if isinstance(value, dict) else ""
            python.append(repr(value))
    return eval(" ".join(python), {"__builtins__": {}})  # only tokens made above: names became repr() values


def fill(text: str, context: dict[str, Any]) -> str:
    return _EXPRESSION.sub(lambda m: str(evaluate(m.group(1), context)), text)


@dataclass
class StepResult:
    name: str
    outcome: str
    output: str = ""


@dataclass
class Rehearsal:
    """One workflow run: a workspace per job, shared artifacts, one log of everything that ran."""

    root: Path
    workflow_file: Path
    ref: str  # refs/heads/main or refs/tags/v2024-06
    sha: str
    event: dict[str, Any] = field(default_factory=dict)
    replace: dict[str, str] = field(default_factory=dict)  # step name → stand-in script (with the reason in it)
    venv_source: Path = field(default_factory=lambda: Path(sys.prefix))
    log: list[str] = field(default_factory=list)

    @property
    def server(self) -> Path:
        return self.root / "server"

    @property
    def remote(self) -> Path:
        return self.server / f"{OWNER_REPO}.git"

    def context(self, steps: dict[str, Any]) -> dict[str, Any]:
        kind, _, name = self.ref.removeprefix("refs/").partition("/")
        return {
            "github": {
                "ref": self.ref,
                "ref_type": "tag" if kind == "tags" else "branch",
                "ref_name": name,
                "sha": self.sha,
                "token": "ghs_REHEARSAL_TOKEN",
                "server_url": f"file://{self.server}",
                "repository": OWNER_REPO,
                "base_ref": self.event.get("base_ref", ""),
                "event": self.event,
                "api_url": "http://127.0.0.1:9/api",
            },
            "steps": steps,
        }

    def _tools(self) -> Path:
        tools = self.root / "tools"
        if not tools.exists():
            tools.mkdir(parents=True)
            (tools / "gh").write_text(GH_STUB, encoding="utf-8")
            (tools / "gh").chmod(0o755)
            # The bare interpreter of this virtualenv: no yaml, no mkdocs, no project.
            base = Path(getattr(sys, "_base_executable", sys.executable))
            (tools / "python3").symlink_to(base)
            (tools / "python").symlink_to(base)
            (tools / "sed").symlink_to(shutil.which("sed") or "/bin/sed")
        return tools

    def _install_venv(self, workspace: Path) -> None:
        """The dependency cache: a venv in the clone that imports the packages from here and ``macros`` from the clone."""
        venv = workspace / ".venv"
        subprocess.run([str(self._tools() / "python3"), "-m", "venv", "--without-pip", str(venv)], check=True)
        site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
        (site / "rehearsal.pth").write_text(f"{workspace}\n{sysconfig.get_path('purelib')}\n", encoding="utf-8")
        python = venv / "bin" / "python"
        for script in (self.venv_source / "bin").iterdir():
            first = script.read_bytes()[:64] if script.is_file() else b""
            if (
                first.startswith(b"#!")
                and b"python" in first.split(b"\n")[0]
                and not (venv / "bin" / script.name).exists()
            ):
                body = script.read_text(encoding="utf-8").split("\n", 1)[1]
                (venv / "bin" / script.name).write_text(f"#!{python}\n{body}", encoding="utf-8")
                (venv / "bin" / script.name).chmod(0o755)
        (venv / ".installed").touch()

    def _env(self, workspace: Path, context: dict[str, Any], extra: dict[str, str]) -> dict[str, str]:
        github = context["github"]
        home = self.root / "home"
        home.mkdir(exist_ok=True)
        env = {
            "PATH": f"{self._tools()}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_SHA": github["sha"],
            "GITHUB_REF": github["ref"],
            "GITHUB_REF_NAME": github["ref_name"],
            "GITHUB_REF_TYPE": github["ref_type"],
            "GITHUB_REPOSITORY": OWNER_REPO,
            "GITHUB_SERVER_URL": github["server_url"],
            "GITHUB_ENV": str(workspace.parent / "github_env"),
            "GITHUB_STEP_SUMMARY": str(workspace.parent / "step_summary.md"),
            "GH_LOG": str(self.root / "gh.log"),
            "GH_STUB_HEAD": self.event.get("stub_head", ""),
            "REPO": OWNER_REPO,
            "GIT_AUTHOR_NAME": "Rehearsal",
            "GIT_AUTHOR_EMAIL": "rehearsal@example.org",
            "GIT_COMMITTER_NAME": "Rehearsal",
            "GIT_COMMITTER_EMAIL": "rehearsal@example.org",
        }
        env.update(extra)
        return env

    def _read_github_env(self, path: Path) -> dict[str, str]:
        if not path.exists():
            return {}
        pairs = (line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)
        return dict(pairs)

    def _uses(self, step: dict[str, Any], workspace: Path, context: dict[str, Any]) -> None:
        action = step["uses"].split("@")[0]
        options = {key: fill(str(value), context) for key, value in (step.get("with") or {}).items()}
        artifacts = self.root / "artifacts"
        if action == "actions/checkout":
            target = workspace / options.get("path", ".")
            subprocess.run(["git", "clone", "-q", str(self.remote), str(target)], check=True, capture_output=True)
            ref = options.get("ref") or self.sha
            subprocess.run(["git", "checkout", "-q", "--detach", ref], cwd=target, check=True, capture_output=True)
            self._install_venv(target.resolve())
        elif action == "actions/upload-artifact":
            target = artifacts / options["name"]
            shutil.rmtree(target, ignore_errors=True)
            for line in options["path"].split():
                source = workspace / line
                if source.is_dir():
                    shutil.copytree(source, target / line.rstrip("/"), dirs_exist_ok=True)
                elif source.exists():
                    (target / line).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target / line)
                else:
                    assert options.get("if-no-files-found") != "error", f"artifact {line} is missing"
        elif action == "actions/download-artifact":
            source = artifacts / options["name"]
            # upload-artifact keeps paths relative to the common folder of its paths.
            entries = list(source.iterdir())
            inner = entries[0] if len(entries) == 1 and entries[0].is_dir() else source
            shutil.copytree(inner, workspace / options["path"], dirs_exist_ok=True)
        else:
            raise AssertionError(f"no stand-in for {step['uses']}")

    def run_job(
        self, name: str, *, stop_before: str | None = None, wrap: dict[str, str] | None = None
    ) -> list[StepResult]:
        """Run job ``name`` in a fresh workspace; stops at the first failing step (as GitHub does, except ``if: always()``).

        ``wrap`` puts extra executables in front of ``PATH`` for one step (name → folder), to kill a step halfway.
        """
        workflow = load_workflow(self.workflow_file)
        job = workflow["jobs"][name]
        job_root = self.root / "jobs" / name
        shutil.rmtree(job_root, ignore_errors=True)
        job_root.mkdir(parents=True)
        workspace = job_root / "workspace"
        workspace.mkdir()
        shell = (workflow.get("defaults") or {}).get("run", {}).get("shell", "bash")
        assert shell == "bash"
        steps: dict[str, Any] = {}
        results: list[StepResult] = []
        failed = False
        for index, step in enumerate(job["steps"]):
            label = step.get("name") or step.get("uses", f"step {index}")
            if stop_before is not None and label == stop_before:
                break
            context = self.context(steps)
            condition = step.get("if")
            if condition is not None:
                run_it = bool(evaluate(str(condition).removeprefix("${{").removesuffix("}}"), context))
            else:
                run_it = not failed
            if not run_it or (failed and "always()" not in str(condition)):
                results.append(StepResult(label, "skipped"))
                continue
            env = self._env(workspace, context, {})
            for scope in (workflow.get("env") or {}, job.get("env") or {}):
                env.update({k: fill(str(v), context) for k, v in scope.items()})
            env.update(self._read_github_env(Path(env["GITHUB_ENV"])))
            env.update({k: fill(str(v), context) for k, v in (step.get("env") or {}).items()})
            if "uses" in step:
                self._uses(step, workspace, context)
                outcome, output = "success", ""
            else:
                script = self.replace.get(label, step["run"])
                if wrap and label in wrap:
                    env["PATH"] = f"{wrap[label]}:{env['PATH']}"
                path = job_root / f"step-{index}.sh"
                path.write_text(script, encoding="utf-8")
                outputs = job_root / f"step-{index}.output"
                outputs.touch()
                env["GITHUB_OUTPUT"] = str(outputs)
                done = subprocess.run(
                    ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(path)],
                    cwd=workspace / step.get("working-directory", "."),
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                    timeout=600,
                )
                output = done.stdout + done.stderr
                outcome = "success" if done.returncode == 0 else "failure"
            self.log.append(f"{name} / {label}: {outcome}")
            results.append(StepResult(label, outcome, output))
            if "id" in step:
                produced = self._read_github_env(job_root / f"step-{index}.output")
                steps[step["id"]] = {"outcome": outcome, "outputs": produced}
            if outcome == "failure":
                failed = True
        return results


def init_remote(rehearsal: Rehearsal, project: Path) -> str:
    """A bare remote holding ``project`` as the one commit of main; returns that commit."""
    rehearsal.remote.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(rehearsal.remote)], check=True)
    git = ["git", "-C", str(project)]
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run([*git, "push", "-q", str(rehearsal.remote), "HEAD:refs/heads/main"], check=True, env=env)
    return subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


def git_out(repo: Path, *args: str) -> str:
    """The output of a git command in ``repo`` (a bare remote or a clone)."""
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""
