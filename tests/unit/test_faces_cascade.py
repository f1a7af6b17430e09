"""helpers.faces.cascade: MTCNN in Gluon finds the faces facenet-pytorch finds (its outputs recorded by
scripts/record_mtcnn_reference.py into tests/data/)."""

import json
from pathlib import Path

import numpy as np
import pytest

from helpers.faces.cascade import detect_faces, nms, nms_smaller, pyramid_scales
from helpers.faces.networks import load_mtcnn
from helpers.pretrained import read_image

REFERENCE = json.loads((Path(__file__).resolve().parents[1] / "data" / "mtcnn_reference.json").read_text())


@pytest.fixture(scope="module")
def nets():
    return load_mtcnn()


@pytest.mark.parametrize("photo", sorted(REFERENCE["photos"]))
def test_the_same_faces_as_the_reference(nets, photo):
    expected = REFERENCE["photos"][photo]
    found = detect_faces(read_image(photo).asnumpy(), nets)
    assert len(found.boxes) == len(expected["boxes"]), photo
    if expected["boxes"]:
        # measured: boxes and landmarks within 0.0007 px, scores within 5e-7 (notebook 10 says 0.01 px)
        assert np.abs(found.boxes - np.array(expected["boxes"])).max() < 0.01, "boxes within 0.01 pixels"
        assert np.abs(found.landmarks - np.array(expected["landmarks"])).max() < 0.01
        assert np.abs(found.scores - np.array(expected["scores"])).max() < 1e-5


def test_the_reference_has_faces_on_two_photos_and_none_without_people():
    counts = {photo: len(found["boxes"]) for photo, found in REFERENCE["photos"].items()}
    assert counts["images/astronaut.png"] == counts["images/camera.png"] == 1
    assert counts["images/dog.jpg"] == counts["images/chelsea.png"] == 0


def test_a_photo_smaller_than_the_smallest_face_has_no_faces(nets):
    found = detect_faces(np.full((15, 15, 3), 128, np.uint8), nets)
    assert len(found.boxes) == len(found.landmarks) == 0 and all(len(b) == 0 for b in found.stages.values())


def test_pyramid_goes_from_min_face_to_the_whole_image():
    scales = pyramid_scales(512, 512, min_face=20, factor=0.709)
    assert scales[0] == pytest.approx(0.6) and 512 * scales[-1] >= 12 > 512 * scales[-1] * 0.709
    assert pyramid_scales(10, 10) == []


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10, 0.9], [1, 1, 10, 10, 0.95], [20, 20, 30, 30, 0.5]], np.float32)
    kept = nms(boxes, 0.5)
    assert kept[:, 4].tolist() == pytest.approx([0.95, 0.5])
    assert len(nms(boxes, 0.9)) == 3 and len(nms(boxes[:0], 0.5)) == 0
    inner = np.array([[0, 0, 20, 20, 0.9], [5, 5, 9, 9, 0.8]], np.float32)  # IoU small, but inside
    assert len(nms(inner, 0.5)) == 2 and len(nms_smaller(inner, 0.7)) == 1
