"""Notebook 02's exercises: plausible wrong answers (each must be rejected every time) and right answers
written differently (each must be accepted every time); tests/unit/test_exercise_mistakes.py runs them."""

import numpy as np
from mxnet import nd


# one_hot ------------------------------------------------------------------------------------------------
def library_one_hot(labels, classes):
    return nd.one_hot(labels, classes)


def one_column_too_many(labels, classes):
    return (nd.arange(classes + 1).reshape((1, -1)) == labels.reshape((-1, 1))).astype("float32")


def classes_counted_from_1(labels, classes):
    return (nd.arange(1, classes + 1).reshape((1, -1)) == labels.reshape((-1, 1))).astype("float32")


def transposed(labels, classes):
    return (nd.arange(classes).reshape((-1, 1)) == labels.reshape((1, -1))).astype("float32")


def every_label_in_every_row(labels, classes):
    out = np.zeros((labels.shape[0], classes))
    out[:, labels.asnumpy().astype(int)] = 1
    return out


def thermometer(labels, classes):
    return (nd.arange(classes).reshape((1, -1)) <= labels.reshape((-1, 1))).astype("float32")


def labels_as_a_column(labels, classes):
    return labels.reshape((-1, 1))


def columns_from_the_labels(labels, classes):
    k = int(labels.max().asscalar()) + 1
    return (nd.arange(k).reshape((1, -1)) == labels.reshape((-1, 1))).astype("float32")


def library_one_hot_imported_by_name(labels, classes):
    from mxnet.ndarray import one_hot
    return one_hot(labels, classes)


def identity_rows(labels, classes):
    return np.eye(classes)[labels.asnumpy().astype(int)]


def integer_dtype(labels, classes):
    return (nd.arange(classes).reshape((1, -1)) == labels.reshape((-1, 1))).astype("int32")


def loop_in_numpy(labels, classes):
    out = np.zeros((labels.shape[0], classes), dtype="float64")
    for row, label in enumerate(labels.asnumpy()):
        out[row, int(label)] = 1
    return out


def rows_of_eye(labels, classes):
    return nd.take(nd.eye(classes), labels)


# softmax ------------------------------------------------------------------------------------------------
def naive(z):
    e = nd.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def global_max(z):
    e = nd.exp(z - z.max())
    return e / e.sum(axis=1, keepdims=True)


def row_minimum(z):
    e = nd.exp(z - z.min(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def row_mean(z):
    e = nd.exp(z - z.mean(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def over_columns(z):
    e = nd.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def no_keepdims(z):
    e = nd.exp(z - z.max(axis=1))
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(z):
    return nd.sigmoid(z)


def library_softmax(z):
    return nd.softmax(z, axis=1)


def divided_by_max(z):
    e = nd.exp(z - z.max(axis=1, keepdims=True))
    return e / e.max(axis=1, keepdims=True)


def float16(z):
    z = z.astype("float16")
    e = nd.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def numpy_float64(z):
    z = z.asnumpy().astype("float64")
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def log_sum_exp(z):
    m = nd.max(z, axis=1, keepdims=True)
    return nd.exp(z - m - nd.log(nd.exp(z - m).sum(axis=1, keepdims=True)))


def float64_ndarray(z):
    z = z.astype("float64")
    e = (z - nd.max(z, axis=1, keepdims=True)).exp()
    return e / nd.sum(e, axis=1, keepdims=True)


# accuracy -----------------------------------------------------------------------------------------------
def counted(probabilities, labels):
    return (probabilities.argmax(axis=1) == labels).sum()


def argmax_over_the_batch(probabilities, labels):
    return (probabilities.argmax(axis=0) == labels).mean()


def error_rate(probabilities, labels):
    return 1 - (probabilities.argmax(axis=1) == labels).mean()


def max_probability_equals_label(probabilities, labels):
    return (probabilities.max(axis=1) == labels).mean()


def percentage(probabilities, labels):
    return 100 * (probabilities.argmax(axis=1) == labels).mean()


def mean_true_class_probability(probabilities, labels):
    return nd.pick(probabilities, labels, axis=1).mean()


def argmin(probabilities, labels):
    return (probabilities.argmin(axis=1) == labels).mean()


def integer_division(probabilities, labels):
    return int((probabilities.argmax(axis=1) == labels).sum().asscalar()) // labels.shape[0]


def per_row(probabilities, labels):
    return probabilities.argmax(axis=1) == labels


def true_class_at_least_a_half(probabilities, labels):
    return (nd.pick(probabilities, labels, axis=1) >= 0.5).mean()


def true_class_above_0_4(probabilities, labels):
    return (nd.pick(probabilities, labels, axis=1) > 0.4).mean()


def one_element_ndarray(probabilities, labels):
    return (probabilities.argmax(axis=1) == labels).mean()


def numpy_mean(probabilities, labels):
    return np.mean(probabilities.asnumpy().argmax(axis=1) == labels.asnumpy())


def count_over_total(probabilities, labels):
    return (probabilities.argmax(axis=1) == labels).sum().asscalar() / len(labels)


WRONG = {
    "one_hot": [
        (library_one_hot, "called nd.one_hot, which the exercise asks to do by hand"),
        (one_column_too_many, "classes + 1 columns"),
        (classes_counted_from_1, "classes numbered 1 .. classes"),
        (transposed, "transposed: (classes, N)"),
        (every_label_in_every_row, "out[:, labels] = 1 marks every label in every row"),
        (thermometer, "<= instead of ==: ones up to the label"),
        (labels_as_a_column, "returned the labels as a column"),
        (columns_from_the_labels, "labels.max() + 1 columns, ignoring classes (the review's D3)"),
        (library_one_hot_imported_by_name, "nd.one_hot imported by name inside the function (the review's D13)"),
    ],
    "softmax": [
        (naive, "no maximum subtracted: overflows"),
        (global_max, "subtracted the batch's maximum, not each row's"),
        (row_minimum, "subtracted the row's minimum"),
        (row_mean, "subtracted the row's mean"),
        (over_columns, "normalised each column (axis 0)"),
        (no_keepdims, "max(axis=1) without keepdims"),
        (sigmoid, "a sigmoid per logit"),
        (library_softmax, "called nd.softmax"),
        (divided_by_max, "divided by the row's largest exponential, not its sum"),
        (float16, "float16, which the rule doesn't allow (the review's D14)"),
    ],
    "accuracy": [
        (counted, "counted the right predictions instead of averaging"),
        (argmax_over_the_batch, "argmax along axis 0"),
        (error_rate, "returned the error rate"),
        (max_probability_equals_label, "compared the largest probability with the label"),
        (percentage, "a percentage"),
        (mean_true_class_probability, "mean probability of the true class"),
        (argmin, "argmin instead of argmax"),
        (integer_division, "integer division: count // total"),
        (per_row, "one 0/1 per row, not averaged"),
        (true_class_at_least_a_half, "rows whose true class has probability >= 0.5 (the review's D2)"),
        (true_class_above_0_4, "rows whose true class has probability > 0.4 (the review's D2)"),
    ],
}

RIGHT = {
    "one_hot": [
        (identity_rows, "rows of np.eye(classes)"),
        (integer_dtype, "comparison cast to int32"),
        (loop_in_numpy, "a loop over the rows in numpy float64"),
        (rows_of_eye, "nd.take(nd.eye(classes), labels)"),
    ],
    "softmax": [
        (numpy_float64, "numpy in float64"),
        (log_sum_exp, "exp(z - logsumexp(z))"),
        (float64_ndarray, "an NDArray cast to float64"),
    ],
    "accuracy": [
        (one_element_ndarray, "a one-element NDArray"),
        (numpy_mean, "numpy mean of booleans"),
        (count_over_total, "count / len(labels)"),
    ],
}
