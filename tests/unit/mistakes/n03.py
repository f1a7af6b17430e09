"""Notebook 03's exercises: plausible wrong answers (each must be rejected every time) and right answers
written differently (each must be accepted every time); tests/unit/test_exercise_mistakes.py runs them."""

import numpy as np
from mxnet import gluon, nd


# cross_entropy ------------------------------------------------------------------------------------------
def summed(probabilities, labels):
    return -nd.log(nd.pick(probabilities, labels, axis=1)).sum()


def forgot_the_minus(probabilities, labels):
    return nd.log(nd.pick(probabilities, labels, axis=1)).mean()


def every_class_logged(probabilities, labels):
    return -nd.log(probabilities).sum(axis=1).mean()


def most_probable_class(probabilities, labels):
    return -nd.log(probabilities.max(axis=1)).mean()


def softmax_again(probabilities, labels):
    return -nd.log(nd.pick(nd.softmax(probabilities), labels, axis=1)).mean()


def log10(probabilities, labels):
    return -nd.log10(nd.pick(probabilities, labels, axis=1)).mean()


def mean_over_all_entries(probabilities, labels):
    return -(nd.one_hot(labels, probabilities.shape[1]) * nd.log(probabilities)).mean()


def per_sample(probabilities, labels):
    return -nd.log(nd.pick(probabilities, labels, axis=1))


def library_loss(probabilities, labels):
    return gluon.loss.SoftmaxCrossEntropyLoss(from_logits=True)(nd.log(probabilities), labels).mean()


def one_hot_form(probabilities, labels):
    return -(nd.one_hot(labels, probabilities.shape[1]) * nd.log(probabilities)).sum(axis=1).mean()


def numpy_indexing(probabilities, labels):
    p, y = probabilities.asnumpy().astype("float64"), labels.asnumpy().astype(int)
    return -np.mean(np.log(p[np.arange(len(y)), y]))


def log_of_product(probabilities, labels):
    return -nd.log(nd.pick(probabilities, labels, axis=1)).sum() / labels.shape[0]


# l2_loss ------------------------------------------------------------------------------------------------
def forgot_the_half(predictions, targets):
    return ((predictions - targets) ** 2).mean(axis=1)


def summed_over_the_row(predictions, targets):
    return 0.5 * ((predictions - targets) ** 2).sum(axis=1)


def one_number_for_the_batch(predictions, targets):
    return 0.5 * ((predictions - targets) ** 2).mean()


def absolute_error(predictions, targets):
    return 0.5 * nd.abs(predictions - targets).mean(axis=1)


def averaged_over_the_batch_axis(predictions, targets):
    return 0.5 * ((predictions - targets) ** 2).mean(axis=0)


def squared_after_the_mean(predictions, targets):
    return 0.5 * (predictions - targets).mean(axis=1) ** 2


def root_mean_square(predictions, targets):
    return 0.5 * nd.sqrt(((predictions - targets) ** 2).mean(axis=1))


def library_l2(predictions, targets):
    return gluon.loss.L2Loss()(predictions, targets)


def square_over_two(predictions, targets):
    return nd.square(predictions - targets).mean(axis=1) / 2


def numpy_l2(predictions, targets):
    d = predictions.asnumpy().astype("float64") - targets.asnumpy()
    return (d * d).sum(axis=1) / (2 * d.shape[1])


# logits_gradient ----------------------------------------------------------------------------------------
def sign_flipped(logits, labels):
    return nd.one_hot(labels, logits.shape[1]) - nd.softmax(logits)


def gradient_of_the_mean(logits, labels):
    return (nd.softmax(logits) - nd.one_hot(labels, logits.shape[1])) / logits.shape[0]


def forgot_softmax(logits, labels):
    return logits - nd.one_hot(labels, logits.shape[1])


def softmax_over_the_batch(logits, labels):
    return nd.softmax(logits, axis=0) - nd.one_hot(labels, logits.shape[1])


def forgot_the_labels(logits, labels):
    return nd.softmax(logits)


def gradient_for_the_probabilities(logits, labels):
    return -nd.one_hot(labels, logits.shape[1]) / nd.softmax(logits)


def squared_error_gradient(logits, labels):
    return 2 * (nd.softmax(logits) - nd.one_hot(labels, logits.shape[1]))


def by_autograd(logits, labels):
    from mxnet import autograd
    logits = logits.copy()
    logits.attach_grad()
    with autograd.record():
        loss = gluon.loss.SoftmaxCrossEntropyLoss()(logits, labels).sum()
    loss.backward()
    return logits.grad


def numpy_gradient(logits, labels):
    z = logits.asnumpy().astype("float64")
    e = np.exp(z - z.max(axis=1, keepdims=True))
    gradient = e / e.sum(axis=1, keepdims=True)
    gradient[np.arange(len(z)), labels.asnumpy().astype(int)] -= 1
    return gradient


def comparison_one_hot(logits, labels):
    one_hot = nd.arange(logits.shape[1]).reshape((1, -1)) == labels.reshape((-1, 1))
    return nd.softmax(logits, axis=1) - one_hot


WRONG = {
    "cross_entropy": [
        (summed, "summed over the batch instead of the mean"),
        (forgot_the_minus, "forgot the minus sign"),
        (every_class_logged, "-log of every class's probability, summed"),
        (most_probable_class, "-log of the most probable class instead of the true one"),
        (softmax_again, "softmax applied again to probabilities"),
        (log10, "log10 instead of the natural log"),
        (mean_over_all_entries, "mean over all N × K entries of -y log p"),
        (per_sample, "one loss per sample, not averaged"),
        (library_loss, "called SoftmaxCrossEntropyLoss"),
    ],
    "l2_loss": [
        (forgot_the_half, "forgot the 1/2"),
        (summed_over_the_row, "summed over each row instead of the mean"),
        (one_number_for_the_batch, "one number for the whole batch"),
        (absolute_error, "absolute instead of squared difference"),
        (averaged_over_the_batch_axis, "mean along axis 0"),
        (squared_after_the_mean, "squared the mean difference"),
        (root_mean_square, "a root-mean-square error"),
        (library_l2, "called gluon.loss.L2Loss"),
    ],
    "logits_gradient": [
        (sign_flipped, "one-hot minus softmax"),
        (gradient_of_the_mean, "divided by the batch size (the gradient of the mean loss)"),
        (forgot_softmax, "logits minus one-hot, no softmax"),
        (softmax_over_the_batch, "softmax along axis 0"),
        (forgot_the_labels, "softmax alone"),
        (gradient_for_the_probabilities, "-y / p: the gradient for the probabilities, not the logits"),
        (squared_error_gradient, "2 (p - y), squared error's gradient"),
        (by_autograd, "used autograd"),
    ],
}

RIGHT = {
    "cross_entropy": [
        (one_hot_form, "-(one-hot × log p) summed over classes, then the mean"),
        (numpy_indexing, "numpy fancy indexing in float64"),
        (log_of_product, "the sum divided by the batch size"),
    ],
    "l2_loss": [
        (square_over_two, "nd.square(...).mean(axis=1) / 2"),
        (numpy_l2, "numpy float64: sum over the row / (2 K)"),
    ],
    "logits_gradient": [
        (numpy_gradient, "numpy float64, subtracting 1 at the true class"),
        (comparison_one_hot, "one-hot from a comparison (nd.arange == labels)"),
    ],
}
