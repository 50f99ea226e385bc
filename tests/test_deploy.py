"""Publishing: `mkdocs gh-deploy` pushes the built site, and only the site, to gh-pages.

Runs against a local bare repository standing in for GitHub, so no network is used.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not on PATH")

IDENTITY = {
    "GIT_AUTHOR_NAME": "Digest Test",
    "GIT_AUTHOR_EMAIL": "digest-test@example.org",
    "GIT_COMMITTER_NAME": "Digest Test",
    "GIT_COMMITTER_EMAIL": "digest-test@example.org",
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # A user's global/system git config (signing, hooks, default branch…) must not leak in.
    env.update(IDENTITY, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_TERMINAL_PROMPT="0", NO_MKDOCS_2_WARNING="1")
    return env


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_gh_deploy_pushes_only_the_built_site(tmp_path):
    env = {**_env(), "SITE_URL": "https://user.github.io/repo/"}  # what the workflow sets
    remote = tmp_path / "remote.git"
    project = tmp_path / "project"
    _git("init", "--bare", "-q", str(remote), cwd=tmp_path, env=env)

    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, project / name)
    (project / ".gitignore").write_text("site/\n", encoding="utf-8")

    _git("init", "-q", cwd=project, env=env)
    _git("config", "user.name", IDENTITY["GIT_AUTHOR_NAME"], cwd=project, env=env)
    _git("config", "user.email", IDENTITY["GIT_AUTHOR_EMAIL"], cwd=project, env=env)
    _git("add", "-A", cwd=project, env=env)
    _git("commit", "-q", "-m", "Example project", cwd=project, env=env)
    _git("remote", "add", "origin", str(remote), cwd=project, env=env)

    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history", "--strict",
         "-m", "Deploy {sha}"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, f"gh-deploy failed:\n{done.stdout}\n{done.stderr}"

    branches = _git("--git-dir", str(remote), "branch", "--list", "gh-pages", cwd=tmp_path, env=env)
    assert "gh-pages" in branches, f"no gh-pages branch on the remote:\n{branches}"

    tree = set(_git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages",
                    cwd=tmp_path, env=env).splitlines())
    for expected in ("index.html", "glossary/index.html", "digests/hydrogene-vert-tanger/index.html",
                     ".nojekyll"):
        assert expected in tree, f"{expected} is missing from gh-pages"
    leaked = sorted(p for p in tree
                    if p.startswith("articles/") or (p.startswith("notes/") and p.endswith(".md"))
                    or p == "glossary.yml")
    assert not leaked, f"content sources were published: {leaked}"

    # The message expansion worked: "Deploy <abbreviated sha of the project's HEAD>".
    head = _git("rev-parse", "HEAD", cwd=project, env=env).strip()
    message = _git("--git-dir", str(remote), "log", "-1", "--format=%s", "gh-pages",
                   cwd=tmp_path, env=env).strip()
    assert message.startswith("Deploy ") and len(message) > len("Deploy ")
    assert head.startswith(message.removeprefix("Deploy ")), message

    # Published under a sub-path, absolute links (sitemap) carry it.
    sitemap = _git("--git-dir", str(remote), "show", "gh-pages:sitemap.xml", cwd=tmp_path, env=env)
    assert "https://user.github.io/repo/digests/hydrogene-vert-tanger/" in sitemap


def test_the_workflow_deploys_main_to_github_pages_under_the_repository_path():
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    triggers = workflow.get(True) or workflow.get("on")  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["deploy"]["steps"]
    publish = [s for s in steps if "gh-deploy" in s.get("run", "")]
    assert publish, "no step runs mkdocs gh-deploy"
    assert "github.event.repository.name" in publish[0]["env"]["SITE_URL"]
    assert workflow["permissions"]["contents"] == "write"
    install = [s for s in steps if s.get("run", "").startswith("pip install")]
    assert install, "the workflow installs the project before building"
    cache = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert cache and cache[0]["with"]["path"] == ".cache/digest", "deploys reuse digest's cache"
    assert steps.index(cache[0]) < steps.index(publish[0])
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    digest = next(p["digest"] for p in config["plugins"] if isinstance(p, dict) and "digest" in p)
    assert digest["cache_dir"] == cache[0]["with"]["path"]
