"""What a wrong answer is told: the messages an independent review of the checks found unhelpful (issue 30,
item 4, defects D1-D14) now say what to change; tests/unit/mistakes/ checks that the answers are rejected."""

import warnings

import numpy as np
import pytest
from mxnet import nd

from helpers.exercises.catalogue import load_all
from helpers.exercises.checking import Wrong, forbidden_attribute, same_values

ALL = load_all()
pytestmark = pytest.mark.usefixtures("private_progress")


def iou_clips_only_the_width(a, b):
    inter = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * (min(a[3], b[3]) - max(a[1], b[1]))
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def stops_with_min_delta(val_losses, patience):
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best - 1e-4:
            best, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                return epoch
    return len(val_losses)


def backprop_in_float32(x, y, W1, b1, W2, b2):
    x, y, W1, b1, W2, b2 = (a.astype("float32") for a in (x, y, W1, b1, W2, b2))
    h = nd.tanh(nd.dot(x, W1.T) + b1)
    dz = nd.softmax(nd.dot(h, W2.T) + b2) - nd.one_hot(y, W2.shape[0])
    da = nd.dot(dz, W2) * (1 - h ** 2)
    return nd.dot(da.T, x), da.sum(axis=0), nd.dot(dz.T, h), dz.sum(axis=0)


def top5_argpartition(logits, classes):
    p = nd.softmax(logits.reshape((-1,))).asnumpy()
    return [(classes[i], float(p[i])) for i in np.argpartition(-p, 5)[:5]]


def freeze_and_stop_the_others(net, layers):
    for i, layer in enumerate(net):
        for param in layer.collect_params().values():
            param.grad_req = "null" if i < layers else "write"
            param.lr_mult = 0 if i >= layers else 1


MESSAGES = [   # (notebook, exercise, wrong answer, words its message must contain)
    ("01", "relu_slope", lambda z: nd.sigmoid(1000 * z), "at z = 0.0001 the slope is 1"),
    ("02", "one_hot", lambda labels, k: nd.arange(int(labels.max().asscalar()) + 1).reshape((1, -1))
     == labels.reshape((-1, 1)), "make `classes` columns (4 here)"),
    ("02", "accuracy", lambda p, labels: (nd.pick(p, labels, axis=1) >= 0.5).mean(), "however small"),
    ("02", "softmax", lambda z: nd.exp(z) / nd.exp(z).sum(axis=1, keepdims=True),
     "4999.0]]: your result contains NaN or infinity ("),
    ("04", "backprop", backprop_in_float32, "your dW1 is float32"),
    ("05", "stopping_epoch", stops_with_min_delta, "no min_delta"),
    ("07", "sgd_weight_decay", lambda w, g, s, lr, wd=0.01: ((1 - lr * wd) * (w - lr * g), s),
     "you shrank the weights after the step"),
    ("07", "momentum_pytorch_form", lambda w, g, b, lr: (w - lr * (0.9 * b + g), 0.9 * b + g),
     "keep the stub's parameters after lr (mu)"),
    ("09", "top5", top5_argpartition, "the right five, but not in order"),
    ("09", "freeze", freeze_and_stop_the_others, "has lr_mult 0"),
    ("10", "box_iou", iou_clips_only_the_width, "an IoU is never negative"),
    ("11", "ctc_decode", lambda best, blank: "".join(str(c) for c in best if c != blank), "got '"),
    ("13", "quantize_int8", lambda x, m: nd.contrib.quantize(x, nd.array([-m]), nd.array([m]), out_type="int8")[0]
     .astype("float32"), "nd.contrib.quantize_v2"),
]


@pytest.mark.parametrize("nb, name, answer, words", MESSAGES, ids=[f"{nb}/{name}" for nb, name, *_ in MESSAGES])
def test_the_message_says_what_to_change(nb, name, answer, words, capsys):
    assert ALL[(nb, name)].check(answer) is False
    out = capsys.readouterr().out
    assert out.startswith("✘") and words in out and "raised" not in out, out


def test_small_differences_are_shown_with_enough_digits():
    with pytest.raises(Wrong) as wrong:
        same_values([0.15, 1.2102434], [0.15, 1.21020], "step 1")
    assert "1.210243" in str(wrong.value) and "1.2102]" in str(wrong.value)
    with pytest.raises(Wrong) as wrong:
        same_values(0.08919451, 0.08919463, "dW1", 1e-8)
    assert "expected 0.08919463, got 0.08919451" in str(wrong.value)


def test_nan_in_a_big_array_is_named_in_one_line():
    got = np.ones((5, 3))
    got[2, 1] = np.nan
    with pytest.raises(Wrong) as wrong:
        same_values(got, np.ones((5, 3)), "for logits")
    assert "\n" not in str(wrong.value) and "1 of 15 values, the first at index (2, 1)" in str(wrong.value)


def test_a_function_imported_by_name_is_found():
    def imports_it(labels, classes):
        from mxnet.ndarray import one_hot as hot  # noqa: F401
        return labels

    def only_its_own_name(labels, one_hot_classes):
        return labels.one_hot_free if one_hot_classes else labels

    assert forbidden_attribute(imports_it, ("one_hot",)) == "one_hot"
    assert forbidden_attribute(only_its_own_name, ("one_hot",)) is None


def test_huge_weights_for_the_and_gate_warn_of_nothing(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ALL[("01", "and_gate")].check((1000, 1000, -1500)) is True
    capsys.readouterr()
