"""Notebook 10's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import numpy as np
from mxnet import nd

from helpers.detection import iou as iou_matrix


def _overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def _area(box):
    return (box[2] - box[0]) * (box[3] - box[1])


def _inter(a, b):
    width, height = _overlap(a, b)
    return max(0.0, width) * max(0.0, height)


def iou_over_first_area(a, b):
    return _inter(a, b) / _area(a)


def iou_over_smaller_area(a, b):
    return _inter(a, b) / min(_area(a), _area(b))


def iou_over_larger_area(a, b):
    return _inter(a, b) / max(_area(a), _area(b))


def iou_clips_only_the_product(a, b):
    width, height = _overlap(a, b)
    inter = max(0.0, width * height)
    return inter / (_area(a) + _area(b) - inter)


def iou_plus_one_pixel(a, b):
    width, height = _overlap(a, b)
    inter = max(0.0, width + 1) * max(0.0, height + 1)
    plus1 = lambda box: (box[2] - box[0] + 1) * (box[3] - box[1] + 1)  # noqa: E731
    return inter / (plus1(a) + plus1(b) - inter)


def iou_union_counts_intersection_twice(a, b):
    return _inter(a, b) / (_area(a) + _area(b))


def iou_no_clipping(a, b):
    width, height = _overlap(a, b)
    inter = width * height
    return inter / (_area(a) + _area(b) - inter)


def iou_boxes_read_as_x_y_w_h(a, b):
    a = [a[0], a[1], a[0] + a[2], a[1] + a[3]]
    b = [b[0], b[1], b[0] + b[2], b[1] + b[3]]
    inter = _inter(a, b)
    return inter / (_area(a) + _area(b) - inter)


def iou_clips_only_the_width(a, b):
    inter = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * (min(a[3], b[3]) - max(a[1], b[1]))
    return inter / (_area(a) + _area(b) - inter)


def iou_early_return_on_x_only(a, b):
    if a[2] <= b[0] or b[2] <= a[0]:
        return 0.0
    inter = (min(a[2], b[2]) - max(a[0], b[0])) * (min(a[3], b[3]) - max(a[1], b[1]))
    return inter / (_area(a) + _area(b) - inter)


def iou_numpy(a, b):
    a, b = np.asarray(a, dtype="float64"), np.asarray(b, dtype="float64")
    inter = np.clip(np.minimum(a[2:], b[2:]) - np.maximum(a[:2], b[:2]), 0, None).prod()
    return inter / (np.prod(a[2:] - a[:2]) + np.prod(b[2:] - b[:2]) - inter)


def iou_float32(a, b):
    a, b = np.float32(a), np.float32(b)
    width = max(np.float32(0), min(a[2], b[2]) - max(a[0], b[0]))
    height = max(np.float32(0), min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def iou_mxnet(a, b):
    return nd.contrib.box_iou(nd.array([a]), nd.array([b]), format="corner")


def _iou(a, b):
    return iou_matrix(np.array([a], float), np.array([b], float))[0, 0]


def _suppress(boxes, scores, threshold, overlap=_iou, order=None, too_much=lambda v, t: v > t):
    order = list(np.argsort(scores)[::-1]) if order is None else list(order)
    keep = []
    while order:
        best = order.pop(0)
        keep.append(int(best))
        order = [i for i in order if not too_much(overlap(boxes[best], boxes[i]), threshold)]
    return keep


def nms_in_index_order(boxes, scores, threshold):
    return sorted(_suppress(boxes, scores, threshold))


def nms_any_higher_box_even_a_dropped_one(boxes, scores, threshold):
    order = list(np.argsort(scores)[::-1])
    return [int(i) for k, i in enumerate(order) if not any(_iou(boxes[j], boxes[i]) > threshold for j in order[:k])]


def nms_drops_at_equal_iou(boxes, scores, threshold):
    return _suppress(boxes, scores, threshold, too_much=lambda v, t: v >= t)


def nms_lowest_score_first(boxes, scores, threshold):
    return _suppress(boxes, scores, threshold, order=np.argsort(scores))


def nms_unsorted(boxes, scores, threshold):
    return _suppress(boxes, scores, threshold, order=range(len(boxes)))


def nms_compares_with_the_best_box_only(boxes, scores, threshold):
    order = [int(i) for i in np.argsort(scores)[::-1]]
    return [order[0]] + [i for i in order[1:] if _iou(boxes[order[0]], boxes[i]) <= threshold]


def nms_overlap_over_smaller_box(boxes, scores, threshold):
    return _suppress(boxes, scores, threshold, overlap=iou_over_smaller_area)


def nms_returns_the_boxes(boxes, scores, threshold):
    return [boxes[i] for i in _suppress(boxes, scores, threshold)]


def nms_as_an_ndarray(boxes, scores, threshold):
    return nd.array(_suppress(boxes, scores, threshold))


def nms_vectorised(boxes, scores, threshold):
    overlaps = iou_matrix(boxes, boxes)
    suppressed, keep = np.zeros(len(boxes), bool), []
    for i in np.argsort(-np.asarray(scores)):
        if not suppressed[i]:
            keep.append(i)
            suppressed |= overlaps[i] > threshold
    return np.array(keep, dtype=np.int64)


def nms_keeps_removing_from_the_front(boxes, scores, threshold):
    order, keep = sorted(range(len(boxes)), key=lambda i: -scores[i]), []
    while order:
        best = order[0]           # not popped: its IoU with itself is 1 > threshold, so it goes below
        keep.append(best)
        order = [i for i in order if iou_numpy(boxes[best], boxes[i]) <= threshold]
    return keep


def class_iou_recall(p, t, c):
    return ((p == c) & (t == c)).sum() / (t == c).sum()


def class_iou_precision(p, t, c):
    return ((p == c) & (t == c)).sum() / (p == c).sum()


def class_iou_dice(p, t, c):
    return 2 * ((p == c) & (t == c)).sum() / ((p == c).sum() + (t == c).sum())


def class_iou_mean_over_classes(p, t, c):
    classes = np.union1d(np.unique(p), np.unique(t))
    return np.mean([((p == k) & (t == k)).sum() / ((p == k) | (t == k)).sum() for k in classes])


def class_iou_sets(p, t, c):
    mine, true = set(np.flatnonzero(p == c)), set(np.flatnonzero(t == c))
    return len(mine & true) / len(mine | true)


def class_iou_by_inclusion_exclusion(p, t, c):
    inter = np.logical_and(p == c, t == c).sum()
    return np.float32(inter / ((p == c).sum() + (t == c).sum() - inter))


WRONG = {
    "box_iou": [
        (iou_over_first_area, "intersection / area of a"),
        (iou_over_smaller_area, "intersection / the smaller area"),
        (iou_over_larger_area, "intersection / the larger area"),
        (iou_clips_only_the_product, "clips only the product width*height at 0"),
        (iou_plus_one_pixel, "the +1-pixel convention for widths and heights"),
        (iou_union_counts_intersection_twice, "union = area a + area b (intersection not subtracted)"),
        (iou_no_clipping, "no clipping: negative overlaps count"),
        (iou_boxes_read_as_x_y_w_h, "reads the boxes as (x, y, width, height)"),
        (iou_clips_only_the_width, "clips the width at 0, not the height (the review's D1)"),
        (iou_early_return_on_x_only, "returns 0 for boxes apart along x only, no clipping (the review's D1)"),
    ],
    "nms": [
        (nms_in_index_order, "right boxes, returned in index order"),
        (nms_any_higher_box_even_a_dropped_one, "drops a box if any higher-scored box overlaps it, even a dropped one"),
        (nms_drops_at_equal_iou, "suppresses at IoU >= threshold"),
        (nms_lowest_score_first, "visits the boxes lowest score first"),
        (nms_unsorted, "visits the boxes in index order, not by score"),
        (nms_compares_with_the_best_box_only, "compares every box with the single best box only"),
        (nms_overlap_over_smaller_box, "overlap = intersection / smaller area instead of IoU"),
        (nms_returns_the_boxes, "returns the kept boxes, not their indices"),
    ],
    "class_iou": [
        (class_iou_recall, "|both| / |truth| (recall)"),
        (class_iou_precision, "|both| / |predicted| (precision)"),
        (lambda p, t, c: (p == t).mean(), "pixel accuracy"),
        (class_iou_dice, "Dice: 2|both| / (|p| + |t|)"),
        (class_iou_mean_over_classes, "mean IoU over all classes instead of class cls"),
        (lambda p, t, c: (p == c).sum() / (t == c).sum(), "ratio of the two areas"),
        (lambda p, t, c: ((p == c) | (t == c)).sum() / ((p == c) & (t == c)).sum(), "|either| / |both| (upside down)"),
        (lambda p, t, c: ((p == c) & (t == c)).sum() / ((p == c).sum() + (t == c).sum()), "union = |p| + |t|"),
    ],
}

RIGHT = {
    "box_iou": [
        (iou_numpy, "numpy, float64, clip of both sides at once"),
        (iou_float32, "float32 numbers"),
        (iou_mxnet, "MXNet's nd.contrib.box_iou (an NDArray of shape (1, 1))"),
    ],
    "nms": [
        (nms_vectorised, "an IoU matrix and a suppressed mask, numpy int64 indices"),
        (nms_keeps_removing_from_the_front, "sorted() by -score; the best box removes itself (IoU 1)"),
        (nms_as_an_ndarray, "an NDArray of the kept indices, float32 (the review's D9)"),
    ],
    "class_iou": [
        (class_iou_sets, "sets of pixel positions"),
        (class_iou_by_inclusion_exclusion, "np.logical_and, |p| + |t| - |both|, float32"),
    ],
}
