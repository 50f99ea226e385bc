"""Quality gate for ingest, in the manner of trafilatura's own evaluation.

Runs `python -m digest.eval ingest` on all of ../shared/eval (300 OrangeSum pages,
135 evaldata pages; about a minute on 2 cores) and fails when a score drops below
its pinned floor, or below plain trafilatura on the same pages. Floors sit just
under the figures measured when they were pinned (see each comment), so a real
regression fails and library noise does not. Raise them when quality improves.
"""
import pytest

from digest.eval.common import default_eval_dir

EVAL = default_eval_dir()

pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not (EVAL / "orangesum-valid").is_dir() or not (EVAL / "trafilatura-evaldata-subset").is_dir(),
                       reason=f"evaluation data not found at {EVAL} (a clone without ../shared/eval; "
                              "set DIGEST_EVAL_DIR to run the quality gate)"),
]

FLOORS = {
    # measured 2025 with trafilatura 2.3.1: title 1.0, date 1.0, body_f1 0.9929, standfirst_f1 0.97
    "orangesum": {"title": 0.98, "date": 0.98, "body_f1": 0.985, "standfirst_f1": 0.95},
    # measured: with 0.9649, without 0.8864 (trafilatura: 0.9649 / 0.8207)
    "trafilatura_evaldata": {"with": 0.955, "without": 0.875},
}
TARGETS = {"orangesum": {"title": 0.95, "date": 0.95, "body_f1": 0.95}}  # the issue's targets


@pytest.fixture(scope="module")
def scores():
    from digest.eval.ingest import run

    return run(EVAL)


@pytest.mark.parametrize("dataset,metric", [(d, m) for d, ms in FLOORS.items() for m in ms])
def test_score_is_above_its_pinned_floor(scores, dataset, metric):
    got = scores[dataset]["digest"][metric]
    assert got >= FLOORS[dataset][metric], f"{dataset} {metric} fell to {got} (floor {FLOORS[dataset][metric]})"


def test_at_least_plain_trafilatura_everywhere(scores):
    for dataset in FLOORS:
        ours, theirs = scores[dataset]["digest"], scores[dataset]["trafilatura"]
        for metric in theirs:
            if metric == "failed":
                assert ours[metric] <= theirs[metric], (dataset, metric)
            else:
                assert ours[metric] >= theirs[metric], (dataset, metric, ours[metric], theirs[metric])


def test_issue_targets_and_whole_datasets(scores):
    assert scores["orangesum"]["pages"] == 300 and scores["trafilatura_evaldata"]["pages"] == 135
    for metric, target in TARGETS["orangesum"].items():
        assert scores["orangesum"]["digest"][metric] >= target
