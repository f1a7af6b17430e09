"""Boxes, average precision and mean IoU (helpers.detection) on cases small enough to check by hand."""

import numpy as np
import pytest

from helpers.detection import average_precision, iou, mean_average_precision, mean_iou


def test_iou_of_hand_made_boxes():
    a = np.array([[0, 0, 2, 2]])
    b = np.array([[0, 0, 2, 2], [1, 1, 3, 3], [2, 2, 4, 4], [0, 0, 4, 4]])
    assert iou(a, b)[0] == pytest.approx([1, 1 / 7, 0, 1 / 4])
    assert iou(b, a).shape == (4, 1)


def test_average_precision_counts_hits_in_score_order():
    truth = [np.array([[0, 0, 10, 10]]), np.array([[0, 0, 10, 10]])]
    perfect = [np.array([[0.9, 0, 0, 10, 10]]), np.array([[0.8, 1, 1, 10, 10]])]
    assert average_precision(perfect, truth) == pytest.approx(1.0)
    # a false detection scored above both hits: precision 1/2 at recall 1/2, 2/3 at recall 1
    with_false = [np.array([[0.95, 50, 50, 60, 60], [0.9, 0, 0, 10, 10]]), np.array([[0.8, 0, 0, 10, 10]])]
    assert average_precision(with_false, truth) == pytest.approx(0.5 * 2 / 3 + 0.5 * 2 / 3)
    # the same false detection scored below both hits costs nothing
    with_false[0][0, 0] = 0.1
    assert average_precision(with_false, truth) == pytest.approx(1.0)


def test_a_duplicate_detection_is_a_false_positive_and_a_missed_box_lowers_recall():
    truth = [np.array([[0, 0, 10, 10], [20, 20, 30, 30]])]
    duplicate = [np.array([[0.9, 0, 0, 10, 10], [0.8, 0, 0, 10, 10]])]
    assert average_precision(duplicate, truth) == pytest.approx(0.5)  # recall stops at 1/2
    loose = [np.array([[0.9, 0, 0, 10, 20]])]  # IoU 0.5 exactly: a hit at 0.5, a miss at 0.6
    assert average_precision(loose, truth[:1] and [truth[0][:1]], 0.5) == pytest.approx(1.0)
    assert average_precision(loose, [truth[0][:1]], 0.6) == pytest.approx(0.0)


def test_mean_average_precision_averages_over_classes_present():
    truth = [np.array([[0, 0, 0, 10, 10], [1, 20, 20, 30, 30]])]
    found = [np.array([[0, 0.9, 0, 0, 10, 10], [2, 0.8, 20, 20, 30, 30]])]  # class 1 labelled as 2
    assert mean_average_precision(found, truth, classes=3) == pytest.approx(0.5)  # (1 + 0) / 2: class 2 absent


def test_mean_iou_by_hand():
    truth = np.array([[0, 0, 1, 1]])
    predicted = np.array([[0, 1, 1, 0]])
    # class 0: 1 pixel in both, 3 in either -> 1/3; class 1: 1 in both, 3 in either -> 1/3
    assert mean_iou(predicted, truth, classes=3) == pytest.approx(1 / 3)
    assert mean_iou(truth, truth, classes=3) == 1.0
