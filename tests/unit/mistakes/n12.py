"""Notebook 12's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import math
from collections import Counter

import numpy as np
import scipy.stats
from mxnet import gluon, nd

bce = gluon.loss.SigmoidBinaryCrossEntropyLoss()


def _softrelu(z):
    return nd.Activation(z, act_type="softrelu")      # log(1 + e^z)


def d_loss_stable(real, fake):
    stable = lambda z: nd.relu(z) + nd.log(1 + nd.exp(-nd.abs(z)))  # noqa: E731
    return stable(-real) + stable(fake)


def d_loss_numpy_float64(real, fake):
    real, fake = real.asnumpy().astype("float64"), fake.asnumpy().astype("float64")
    return np.logaddexp(0, -real) + np.logaddexp(0, fake)


def _entropy_of(p):
    return float(-(p * np.log(p)).sum())


def entropy_log2(predicted):
    p = np.bincount(predicted) / len(predicted)
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


def entropy_without_minus(predicted):
    p = np.bincount(predicted) / len(predicted)
    p = p[p > 0]
    return float((p * np.log(p)).sum())


def entropy_of_counts(predicted):
    c = np.bincount(predicted)
    c = c[c > 0]
    return float(-(c * np.log(c)).sum())


def entropy_keeps_zeros(predicted):
    p = np.bincount(predicted, minlength=10) / len(predicted)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-(p * np.log(p)).sum())


def entropy_over_ten(predicted):
    p = np.bincount(predicted) / 10
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def entropy_mean_not_sum(predicted):
    p = np.bincount(predicted) / len(predicted)
    p = p[p > 0]
    return float(-(p * np.log(p)).mean())


def entropy_counter(predicted):
    n = len(predicted)
    return -sum(c / n * math.log(c / n) for c in Counter(predicted).values())


def entropy_unique_float32(predicted):
    _, counts = np.unique(np.asarray(predicted), return_counts=True)
    p = (counts / counts.sum()).astype("float32")
    return -(p * np.log(p)).sum()


WRONG = {
    "discriminator_loss": [
        (lambda real, fake: -nd.log(nd.sigmoid(fake)) - nd.log(1 - nd.sigmoid(real)), "real and fake swapped"),
        (lambda real, fake: -nd.log(real) - nd.log(1 - fake), "no sigmoid: logs of raw scores"),
        (lambda real, fake: (-nd.log(nd.sigmoid(real)) - nd.log(1 - nd.sigmoid(fake))).mean(),
         "averaged over the batch"),
        (lambda real, fake: nd.log(nd.sigmoid(real)) + nd.log(1 - nd.sigmoid(fake)), "no minus sign"),
        (lambda real, fake: -nd.log(nd.sigmoid(real)), "only the real term"),
        (lambda real, fake: -nd.log(nd.sigmoid(real)) - nd.log(nd.sigmoid(fake)), "target 1 for the fakes too"),
        (lambda real, fake: -nd.log(nd.softmax(real)) - nd.log(1 - nd.softmax(fake)), "softmax over the batch"),
        (lambda real, fake: fake - real, "the Wasserstein critic's loss"),
        (lambda real, fake: (-nd.log(nd.sigmoid(real)) - nd.log(1 - nd.sigmoid(fake))).sum(), "summed over the batch"),
    ],
    "generator_loss": [
        (lambda fake: nd.log(1 - nd.sigmoid(fake)), "minimises log(1 - D): the saturating form"),
        (lambda fake: -nd.log(1 - nd.sigmoid(fake)), "target 0: the discriminator's fake term"),
        (lambda fake: -nd.log(fake), "no sigmoid"),
        (lambda fake: (-nd.log(nd.sigmoid(fake))).mean(), "averaged over the batch"),
        (lambda fake: nd.log(nd.sigmoid(fake)), "no minus sign"),
        (lambda fake: 1 - nd.sigmoid(fake), "a probability, no log"),
        (lambda fake: -fake, "the Wasserstein generator's loss"),
        (lambda fake: -nd.sigmoid(fake), "minus the probability"),
    ],
    "class_entropy": [
        (lambda predicted: float(len(set(predicted))), "the number of different classes"),
        (entropy_log2, "log base 2"),
        (entropy_without_minus, "no minus sign"),
        (entropy_of_counts, "counts instead of frequencies"),
        (entropy_keeps_zeros, "0 · log 0 left in: NaN"),
        (entropy_over_ten, "frequencies divided by 10 classes"),
        (lambda predicted: float(np.log(len(set(predicted)))), "log of the number of classes seen"),
        (entropy_mean_not_sum, "mean over the classes instead of the sum"),
    ],
}

RIGHT = {
    "discriminator_loss": [
        (d_loss_stable, "numerically stable softplus form"),
        (lambda real, fake: (-nd.log(nd.sigmoid(real)) - nd.log(1 - nd.sigmoid(fake))) / 2, "the ½-averaged form"),
        (d_loss_numpy_float64, "numpy float64, logaddexp"),
        (lambda real, fake: _softrelu(-real) + _softrelu(fake), "nd.Activation softrelu"),
        (lambda real, fake: bce(real, nd.ones_like(real)) + bce(fake, nd.zeros_like(fake)),
         "the notebook's bce, Gluon's loss (allowed: the review's D4)"),
        (lambda real, fake: gluon.loss.SigmoidBinaryCrossEntropyLoss()(real, nd.ones_like(real))
         + gluon.loss.SigmoidBinaryCrossEntropyLoss()(fake, nd.zeros_like(fake)), "a new Gluon loss (the review's D4)"),
    ],
    "generator_loss": [
        (lambda fake: _softrelu(-fake), "softplus(-fake)"),
        (lambda fake: bce(fake, nd.ones_like(fake)), "Gluon's binary cross-entropy with target 1"),
        (lambda fake: np.log1p(np.exp(-fake.asnumpy().astype("float64"))), "numpy float64"),
    ],
    "class_entropy": [
        (lambda predicted: float(scipy.stats.entropy(np.bincount(predicted))), "scipy.stats.entropy of the counts"),
        (entropy_counter, "collections.Counter and math.log"),
        (entropy_unique_float32, "np.unique counts, float32"),
    ],
}
