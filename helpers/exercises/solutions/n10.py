"""Notebook 10 · detection and segmentation: exercises, their checks and reference solutions."""

import numpy as np

from helpers.detection import iou as iou_matrix
from helpers.exercises.checking import Wrong, as_numpy, call_answer, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)

BOX_IOU_RULE = ("Corners are real coordinates: a box's width is x2 - x1 (no +1 pixel); boxes that only touch or "
                "don't overlap have IoU 0. Checked to 1e-5 on fixed pairs (a partial overlap, a box inside another, "
                "boxes apart side by side, above one another and diagonally) and on random overlapping pairs.")
NMS_RULE = ("Drop a box when its IoU with an already kept box is greater than threshold (equal is kept); a dropped "
            "box suppresses nothing. Checked on fixed cases (a chain A-B-C, an IoU exactly at the threshold, a box "
            "inside a box, two clusters) and on random clusters.")
CLASS_IOU_RULE = ("Pixels of class cls in both masks, divided by pixels of class cls in either; checked to 1e-5 on "
                  "fixed masks (a perfect prediction, a prediction inside the truth, a class never predicted) and "
                  "random ones.")


def box_iou(a, b):
    """Intersection over union of two boxes (x1, y1, x2, y2)."""
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


FIXED_PAIRS = [((10, 10, 30, 40), (10, 10, 30, 40), "the same box"),
               ((0, 0, 10, 10), (5, 5, 15, 20), "a partial overlap"),
               ((10, 10, 20, 20), (0, 0, 40, 40), "a box inside a box"),
               ((0, 0, 40, 40), (10, 12, 20, 22), "a box around a box"),
               ((0, 4, 10, 6), (4, 0, 6, 10), "a cross"),
               ((0, 0, 2, 2), (1, 1, 3, 3), "two small overlapping boxes"),
               ((0, 0, 10, 10), (10, 0, 20, 10), "boxes that touch along an edge"),
               ((0, 0, 10, 10), (20, 0, 30, 10), "boxes apart side by side"),
               ((0, 0, 10, 10), (0, 20, 10, 30), "boxes apart one above the other"),      # overlapping in x ...
               ((0, 0, 10, 10), (5, 15, 15, 25), "boxes apart, one above and beside the other"),   # ... not in y
               ((0, 0, 10, 10), (20, 30, 35, 45), "boxes apart diagonally")]


def random_boxes(rng, n):
    corner = rng.uniform(0, 50, (n, 2))
    return np.concatenate([corner, corner + rng.uniform(5, 30, (n, 2))], axis=1)


def overlapping_pairs(rng, n):
    """Random pairs that overlap: the second box is the first one moved and resized by up to half its size."""
    a = random_boxes(rng, n)
    size = a[:, 2:] - a[:, :2]
    corner = a[:, :2] + rng.uniform(-0.5, 0.5, (n, 2)) * size
    b = np.concatenate([corner, corner + size * rng.uniform(0.5, 1.5, (n, 2))], axis=1)
    return [(a[i], b[i], "random overlapping boxes") for i in range(n)]


def iou_diagnosis(got, a, b):
    """The mistake a wrong IoU value most likely comes from, as advice (or '' when none fits)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    wd, ht = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0.0, wd) * max(0.0, ht)
    area = lambda box: (box[2] - box[0]) * (box[3] - box[1])  # noqa: E731
    plus1 = lambda box: (box[2] - box[0] + 1) * (box[3] - box[1] + 1)  # noqa: E731
    inter1 = max(0.0, wd + 1) * max(0.0, ht + 1)
    if got < 0:
        return ("an IoU is never negative: boxes apart along x or along y don't overlap, so clip the intersection's "
                "width and its height at 0 each, max(0, ...)")
    mistakes = {
        "you divided by one box's area: divide by the union, area a + area b - intersection":
            (inter / area(a), inter / area(b)),
        "you divided by the smaller or the larger area: divide by the union, area a + area b - intersection":
            (inter / min(area(a), area(b)), inter / max(area(a), area(b))),
        "you clipped only the product: clip the width and the height at 0 each, before multiplying":
            max(0.0, wd * ht) / (area(a) + area(b) - max(0.0, wd * ht)),
        "you added 1 pixel to widths and heights (the integer-pixel convention): corners here are real "
        "coordinates, width = x2 - x1": inter1 / (plus1(a) + plus1(b) - inter1),
        "your union counts the intersection twice: union = area a + area b - intersection":
            inter / (area(a) + area(b)),
    }
    return next((advice for advice, values in mistakes.items()
                 if any(abs(value - got) < 1e-5 for value in np.atleast_1d(values))), "")


def check_box_iou(answer):
    rng = RNG
    pairs = FIXED_PAIRS + overlapping_pairs(rng, 4)
    pairs += [(a, b, "random boxes") for a, b in zip(random_boxes(rng, 2), random_boxes(rng, 2), strict=True)]
    for a, b, what in pairs:
        a, b = [float(v) for v in a], [float(v) for v in b]
        got, wanted = call_answer(answer, list(a), list(b)), iou_matrix(np.array([a]), np.array([b]))[0, 0]
        try:
            same_values(got, wanted, f"{what}, {np.round(a, 1).tolist()} and {np.round(b, 1).tolist()}")
        except Wrong as wrong:
            values = as_numpy(got).reshape(-1)
            advice = iou_diagnosis(float(values[0]), a, b) if values.size == 1 and np.isfinite(values[0]) else ""
            raise Wrong(f"{wrong}" + (f": {advice}" if advice else "")) from None


def nms(boxes, scores, threshold):
    """Indices of the boxes kept by non-maximum suppression, best score first."""
    order, keep = list(np.argsort(scores)[::-1]), []
    while order:
        best = order.pop(0)
        keep.append(int(best))
        order = [i for i in order if box_iou(boxes[best], boxes[i]) <= threshold]
    return keep


def smaller_box_overlap(a, b):
    """Intersection over the smaller box's area: not IoU (a box inside a big one overlaps it by 1)."""
    inter = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    return inter / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))


def nms_hint(got, boxes, scores, threshold):
    """Advice when the kept indices are those of a known slip (or '' when none fits)."""
    order = [int(i) for i in np.argsort(scores)[::-1]]
    slips = {
        "best score first": sorted(got) == sorted(nms(boxes, scores, threshold)),
        "suppress only when IoU > threshold: equal is kept":
            got == [i for k, i in enumerate(order) if all(box_iou(boxes[j], boxes[i]) < threshold
                                                          for j in order[:k] if j in got)],
        "a box that was dropped suppresses nothing: compare only with the boxes you kept":
            got == [i for k, i in enumerate(order) if all(box_iou(boxes[j], boxes[i]) <= threshold
                                                          for j in order[:k])],
        "overlap is the intersection over the union, not over the smaller box":
            got == [i for k, i in enumerate(order) if all(smaller_box_overlap(boxes[j], boxes[i]) <= threshold
                                                          for j in order[:k] if j in got)],
    }
    return next((f" ({advice})" for advice, slip in slips.items() if slip), "")


FIXED_NMS = [   # (boxes, scores, threshold, what)
    ([[12, 0, 22, 10], [0, 0, 10, 10], [6, 0, 16, 10]], [0.7, 0.9, 0.8], 0.2,
     "a chain: A overlaps B, B overlaps C, C doesn't overlap A (B is dropped, so C stays)"),
    ([[0, 0, 40, 40], [10, 10, 20, 20]], [0.6, 0.9], 0.3, "a box inside a big box (IoU 0.0625)"),
    ([[0, 0, 20, 10], [0, 0, 10, 10]], [0.9, 0.6], 0.5, "two boxes whose IoU is exactly the threshold 0.5"),
    ([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60], [51, 50, 61, 60], [100, 0, 110, 10]],
     [0.95, 0.5, 0.8, 0.85, 0.3], 0.5, "two clusters of two boxes and a lone box"),
    ([[5, 5, 25, 25], [5, 5, 25, 25], [5, 5, 25, 25]], [0.2, 0.7, 0.4], 0.5, "three copies of one box"),
    ([[0, 0, 10, 10], [30, 0, 40, 10], [60, 0, 70, 10], [90, 0, 100, 10]], [0.1, 0.4, 0.3, 0.2], 0.5,
     "four boxes that don't overlap"),
]


def as_indices(kept, n):
    """The learner's kept indices (a list, numpy array or NDArray of whole numbers) as ints, or a Wrong that says
    what to return instead."""
    try:
        values = list(kept.asnumpy() if hasattr(kept, "asnumpy") else kept)   # (a generator is read once)
        indices = [int(i) for i in values]
        whole = all(float(i) == int(i) for i in values)
    except (TypeError, ValueError):
        raise Wrong("return the indices of the kept boxes (ints into boxes), not the boxes themselves") from None
    if not whole or isinstance(kept, str):
        raise Wrong(f"return the indices of the kept boxes as whole numbers (ints into boxes), not "
                    f"{[float(i) for i in values] if not isinstance(kept, str) else repr(kept)}")
    if any(not 0 <= i < n for i in indices):
        raise Wrong(f"indices must lie in 0 .. {n - 1}; you returned {indices}")
    return indices


def check_nms(answer):
    rng = RNG
    cases = [(np.array(b, float), np.array(s), t, what) for b, s, t, what in FIXED_NMS]
    for threshold in (0.3, 0.5, 0.7):
        centres = random_boxes(rng, 3)
        boxes = np.concatenate([c + rng.normal(0, 3, (4, 4)) for c in centres])   # clusters of overlapping boxes
        boxes[:, 2:] = np.maximum(boxes[:, 2:], boxes[:, :2] + 1)
        cases.append((boxes, rng.uniform(0, 1, len(boxes)), threshold, "random clusters"))
    for boxes, scores, threshold, what in cases:
        got = as_indices(call_answer(answer, boxes.copy(), scores.copy(), threshold), len(boxes))
        wanted = nms(boxes, scores, threshold)
        if got != wanted:
            raise Wrong(f"{what}: {len(boxes)} boxes, IoU threshold {threshold}: keep {wanted}, you kept {got}"
                        + nms_hint(got, boxes, scores, threshold))


def class_iou(predicted, truth, cls):
    """IoU of one class's pixels in two masks: |both| / |either|."""
    p, t = predicted == cls, truth == cls
    return (p & t).sum() / (p | t).sum()


def fixed_masks():
    """(predicted, truth, cls, what): masks where the usual slips give clearly different numbers."""
    truth = np.zeros((6, 8), int)
    truth[1:5, 2:7] = 1
    truth[:, 7] = 2
    inside = np.zeros_like(truth)
    inside[2:4, 3:6] = 1
    shifted = np.zeros_like(truth)
    shifted[2:6, 0:4] = 1
    shifted[0, :] = 2
    return [(truth.copy(), truth, 1, "a perfect prediction"),
            (inside, truth, 1, "a prediction inside the true region"),
            (shifted, truth, 1, "a shifted prediction"),
            (shifted, truth, 2, "a class predicted in the wrong place"),
            (inside, truth, 2, "a class never predicted")]


def check_class_iou(answer):
    rng = RNG
    cases = fixed_masks()
    truth = rng.integers(0, 3, (16, 12))
    predicted = np.where(rng.uniform(size=truth.shape) < 0.7, truth, rng.integers(0, 3, truth.shape))
    cases += [(predicted, truth, cls, "random 16x12 masks") for cls in range(3)]
    for predicted, truth, cls, what in cases:
        same_values(call_answer(answer, predicted.copy(), truth.copy(), cls), class_iou(predicted, truth, cls),
                    f"class {cls} of {what}")


define("10", "box_iou",
       "Write box_iou(a, b): intersection over union of two boxes given as (x1, y1, x2, y2).\n" + BOX_IOU_RULE,
       check_box_iou,
       ("The intersection is a box too: the larger of the left edges to the smaller of the right edges, ...",
        "Boxes that don't overlap have width or height max(0, ...) = 0. Union = area a + area b - intersection."),
       box_iou, "1 for the same box, 0 for boxes that don't touch.")
define("10", "nms", "Write nms(boxes, scores, threshold): indices kept by non-maximum suppression, best first.\n"
       + NMS_RULE,
       check_nms,
       ("Repeatedly take the best remaining box, and drop every remaining box that overlaps it too much.",
        "Sort indices by score (highest first); use your box_iou; 'too much' means IoU > threshold."),
       nms, "one box per object: the best, with its overlapping rivals suppressed.")
define("10", "class_iou", "Write class_iou(predicted, truth, cls): IoU of class `cls` between two masks.\n"
       + CLASS_IOU_RULE,
       check_class_iou,
       ("predicted == cls is a True/False mask; & is 'both', | is 'either'.",),
       class_iou, "averaged over the classes, this is the mean IoU of notebook 10's segmentation.")
