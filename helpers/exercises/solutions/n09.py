"""Notebook 09 · pretrained models: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import gluon, image, nd

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define
from helpers.pretrained import top_k

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def top5(logits, classes):
    """The five most probable (class, probability) pairs of one image's logits, most probable first."""
    probabilities = nd.softmax(logits.reshape((-1,))).asnumpy()
    best = probabilities.argsort()[::-1][:5]
    return [(classes[i], float(probabilities[i])) for i in best]


def check_top5(answer):
    rng = np.random.default_rng()
    for k in (10, 1000):
        classes = [f"class {i}" for i in rng.permutation(k)]
        logits = nd.array(rng.normal(size=(1, k)) * 3)
        got, wanted = list(answer(logits, classes)), top_k(logits, classes, 5)
        if len(got) != 5:
            raise Wrong(f"return 5 (class, probability) pairs, got {len(got)}")
        if [c for c, _ in got] != [c for c, _ in wanted]:
            raise Wrong(f"{k} classes: the top 5 are {[c for c, _ in wanted]}, you gave {[c for c, _ in got]}"
                        + (" (most probable first: reverse the order)" if [c for c, _ in got][::-1] ==
                           [c for c, _ in wanted] else ""))
        same_values([p for _, p in got], [p for _, p in wanted], f"{k} classes: the probabilities (after softmax)")


def normalize(img):
    """An (H, W, 3) uint8 photo as the (1, 3, H, W) float input ImageNet models expect: /255, - mean, / std."""
    x = (img.astype("float32") / 255 - nd.array(MEAN)) / nd.array(STD)
    return x.transpose((2, 0, 1)).expand_dims(axis=0)


def check_normalize(answer):
    rng = np.random.default_rng()
    for h, w in ((4, 5), (7, 3)):
        img = nd.array(rng.integers(0, 256, (h, w, 3)), dtype="uint8")
        truth = image.color_normalize(img.astype("float32") / 255, nd.array(MEAN), nd.array(STD))
        same_values(answer(img), truth.transpose((2, 0, 1)).expand_dims(axis=0), f"a random {h}x{w} photo")


def freeze(net, layers):
    """Stop training the first `layers` layers of a Sequential network (transfer learning: keep their features)."""
    for layer in net[:layers]:
        for param in layer.collect_params().values():
            param.grad_req = "null"


def check_freeze(answer):
    rng = np.random.default_rng()
    net = gluon.nn.Sequential()
    net.add(*(gluon.nn.Dense(4) for _ in range(5)))
    net.initialize()
    net(nd.ones((1, 3)))
    layers = int(rng.integers(1, 5))
    answer(net, layers)
    for i, layer in enumerate(net):
        requests = {p.grad_req for p in layer.collect_params().values()}
        wanted = {"null"} if i < layers else {"write"}
        if requests != wanted:
            raise Wrong(f"freezing {layers} of 5 layers: layer {i} has grad_req {sorted(requests)}, expected "
                        f"{sorted(wanted)}")


define("09", "top5", "Write top5(logits, classes): the 5 most probable (class name, probability) pairs, best first.",
       check_top5,
       ("Turn the logits into probabilities with a softmax first.",
        "argsort sorts from smallest to largest: reverse it and take 5."),
       top5, "now try it on a photo of your own: read_image, preprocess, net, top5.")
define("09", "normalize",
       "Write normalize(img): a (H, W, 3) uint8 photo -> (1, 3, H, W) floats, scaled to [0, 1], minus mean, / std.",
       check_normalize,
       ("Divide by 255 first; mean and std are per colour channel: [0.485, 0.456, 0.406], [0.229, 0.224, 0.225].",
        "Channels go first in MXNet: transpose((2, 0, 1)), then add the batch axis with expand_dims(axis=0)."),
       normalize, "the same numbers the network saw when it was trained: without them, predictions go wrong.")
define("09", "freeze", "Write freeze(net, layers): the first `layers` layers of a Sequential net stop learning.",
       check_freeze,
       ("Every Parameter has a grad_req: 'write' (learn) or 'null' (no gradient, no update).",
        "Loop over net[:layers] and each layer's collect_params().values()."),
       freeze, "frozen layers keep their pretrained features; only the rest learns.")
