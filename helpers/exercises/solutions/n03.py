"""Notebook 03 · loss: exercises, their checks and reference solutions."""

from mxnet import autograd, gluon, nd

from helpers.exercises.checking import matches
from helpers.exercises.exercise import define


def cross_entropy(probabilities, labels):
    """Mean over the batch of -log(probability given to the true class)."""
    return -nd.log(nd.pick(probabilities, labels, axis=1)).mean()


def probability_cases(rng):
    cases = []
    for n, k in ((6, 10), (3, 4), (10, 2)):
        cases.append((nd.softmax(nd.array(rng.normal(size=(n, k)) * 2), axis=1), nd.array(rng.integers(0, k, n))))
    return cases


def gluon_cross_entropy(probabilities, labels):
    loss = gluon.loss.SoftmaxCrossEntropyLoss(from_logits=True)
    return loss(nd.log(probabilities), labels).mean()


def l2_loss(predictions, targets):
    """Gluon's L2Loss per sample: half the mean squared difference over each row."""
    return 0.5 * ((predictions - targets) ** 2).mean(axis=1)


def regression_cases(rng):
    return [(nd.array(rng.normal(size=(n, k))), nd.array(rng.normal(size=(n, k)))) for n, k in ((4, 3), (2, 1), (5, 6))]


def logits_gradient(logits, labels):
    """Gradient of the summed softmax cross-entropy with respect to the logits: softmax - one-hot."""
    return nd.softmax(logits, axis=1) - nd.one_hot(labels, logits.shape[1])


def autograd_logits_gradient(logits, labels):
    logits = logits.copy()
    logits.attach_grad()
    with autograd.record():
        loss = gluon.loss.SoftmaxCrossEntropyLoss()(logits, labels).sum()
    loss.backward()
    return logits.grad


def logit_label_cases(rng):
    return [(nd.array(rng.normal(size=(n, k)) * 2), nd.array(rng.integers(0, k, n))) for n, k in ((4, 10), (3, 3))]


define("03", "cross_entropy", "Write cross_entropy(probabilities, labels): the batch's mean cross-entropy.",
       matches(gluon_cross_entropy, probability_cases),
       ("Each image contributes -log of the probability it gives its true class.",
        "nd.pick(probabilities, labels, axis=1) picks one probability per row; then -log, then mean."),
       cross_entropy, "the same as Gluon's SoftmaxCrossEntropyLoss averaged over the batch.")
define("03", "l2_loss", "Write l2_loss(predictions, targets): one number per sample, equal to gluon.loss.L2Loss.",
       matches(lambda p, t: gluon.loss.L2Loss()(p, t), regression_cases),
       ("Gluon's L2Loss is half the squared difference, averaged over each sample's values.",
        "0.5 * ((predictions - targets) ** 2).mean(axis=1)"),
       l2_loss, "half the mean squared error per sample (the 1/2 makes the gradient just the difference).")
define("03", "logits_gradient",
       "Write logits_gradient(logits, labels): d(summed cross-entropy)/d(logits), without autograd.",
       matches(autograd_logits_gradient, logit_label_cases),
       ("Softmax and cross-entropy together have a famously simple gradient.",
        "It is the predicted probabilities minus the one-hot labels."),
       logits_gradient, "softmax - one-hot: a confidently wrong prediction gets a gradient near -1, so it keeps "
       "being pushed (squared error's gradient would vanish there).")

