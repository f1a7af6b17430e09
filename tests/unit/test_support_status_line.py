"""helpers.support.status_line: fit's one updating line of progress, to a function, to stderr, or nowhere."""

from helpers.support.status_line import StatusLine, in_notebook


def test_text_goes_to_a_function_when_given_one():
    seen = []
    line = StatusLine(seen.append)
    line.show("epoch 1/2")
    line.show("done", final=True)
    assert seen == ["epoch 1/2", "done"]


def test_outside_jupyter_the_line_is_rewritten_in_place_on_stderr(capsys):
    assert not in_notebook()
    line = StatusLine(True)
    line.show("epoch 1/2")
    line.show("trained", final=True)
    assert capsys.readouterr().err == "\repoch 1/2\rtrained\n"


def test_disabled_shows_nothing(capsys):
    StatusLine(False).show("epoch 1/2", final=True)
    assert capsys.readouterr() == ("", "")
