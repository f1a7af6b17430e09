"""helpers.cache.cli: `python -m helpers.cache fetch | verify | seed | readme`."""

from helpers import cache

from helpers.cache import cli


def test_the_committed_data_readme_is_made_from_the_registry():
    committed = (cache.PROJECT_ROOT / "data" / "README.md").read_text()
    stale = "data/README.md is stale: run `python -m helpers.cache readme > data/README.md`"
    assert committed == cli.readme(), stale


def test_cli_usage_and_a_missing_seed_folder(tmp_path, capsys):
    assert cli.main(["seed", str(tmp_path / "nowhere")]) == 0
    assert "nothing to seed" in capsys.readouterr().out
    assert cli.main([]) == 2 and "python -m helpers.cache fetch" in capsys.readouterr().err
