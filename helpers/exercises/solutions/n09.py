"""Notebook 09 · pretrained models: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import gluon, nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, call_answer, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def top5(logits, classes):
    """The five most probable (class, probability) pairs of one image's logits, most probable first."""
    probabilities = nd.softmax(logits.reshape((-1,))).asnumpy()
    best = probabilities.argsort()[::-1][:5]
    return [(classes[i], float(probabilities[i])) for i in best]


def as_pairs(got):
    """The learner's answer as [(class, float probability)], or a Wrong that says what to return."""
    try:
        pairs = [(c, p) for c, p in got]
    except (TypeError, ValueError):
        raise Wrong("return a list of (class name, probability) pairs") from None
    out = []
    for c, p in pairs:
        value = as_numpy(p).reshape(-1)
        if value.size != 1:
            raise Wrong(f"each probability must be one number; for {c!r} you gave {value.size} numbers")
        out.append((c, float(value[0])))
    return out


# logits whose top 5 np.argpartition returns out of order (whichever way round it is called)
FIXED_LOGITS = [0.7, -1.1, -0.8, -2.0, -3.2, -1.2, 1.4, -0.7, 2.9, -0.6]


def check_top5(answer):
    rng = RNG
    for k in (0, 10, 1000):   # 0: the fixed logits
        z = (rng.normal(size=(1, k)) * 3 if k else np.array([FIXED_LOGITS])).astype("float32")
        k = z.shape[1]
        classes = [f"class {i}" for i in rng.permutation(k)]
        softmax = np.exp(z[0] - z.max()) / np.exp(z[0] - z.max()).sum()       # helpers.pretrained.top_k, in numpy
        wanted = [(classes[i], float(softmax[i])) for i in np.argsort(-softmax)[:5]]
        got = as_pairs(call_answer(answer, nd.array(z), classes))
        if len(got) != 5:
            raise Wrong(f"return 5 (class, probability) pairs, got {len(got)}")
        names, wanted_names = [c for c, _ in got], [c for c, _ in wanted]
        if names != wanted_names:
            hint = (" (most probable first: reverse the order)" if names[::-1] == wanted_names else
                    " (the right five, but not in order: sort them, most probable first; np.argpartition "
                    "doesn't)" if sorted(names, key=str) == sorted(wanted_names) else
                    " (return the class names, classes[i], not the indices i)" if all(
                        not isinstance(c, str) for c in names) else "")
            raise Wrong(f"{k} classes: the top 5 are {wanted_names}, you gave {names}{hint}")
        probabilities = [p for _, p in got]
        if not all(0 <= p <= 1 for p in probabilities):
            raise Wrong(f"{k} classes: probabilities lie between 0 and 1; yours start at {probabilities[0]:.4g} "
                        "(percentages? raw logits? apply nd.softmax to the logits)")
        same_values(probabilities, [p for _, p in wanted],
                    f"{k} classes: the probabilities (softmax over all {k} logits)")


def normalize(img):
    """An (H, W, 3) uint8 photo as the (1, 3, H, W) float input ImageNet models expect: /255, - mean, / std."""
    x = (img.astype("float32") / 255 - nd.array(MEAN)) / nd.array(STD)
    return x.transpose((2, 0, 1)).expand_dims(axis=0)


def check_normalize(answer):
    rng = RNG
    corners = np.zeros((3, 2, 3), "uint8")
    corners[0], corners[1, 1] = 255, [255, 0, 128]                       # white, black and one coloured pixel
    cases = [(corners,), (rng.integers(0, 256, (4, 5, 3)).astype("uint8"),)]
    for (pixels,), (img,) in zip(cases, as_ndarrays(cases, dtype="uint8"), strict=True):
        h, w = pixels.shape[:2]
        truth = ((pixels / 255 - np.array(MEAN)) / np.array(STD)).transpose(2, 0, 1)[None]   # color_normalize's maths
        got = call_answer(answer, img)
        integer_division = ((pixels // 255 - np.array(MEAN)) / np.array(STD)).transpose(2, 0, 1)[None]
        if as_numpy(got).shape == truth.shape and np.allclose(as_numpy(got), integer_division, atol=1e-5):
            raise Wrong(f"a {h}x{w} photo: img is uint8, so img / 255 stays a whole number (0 or 1): convert "
                        "first, img.astype('float32') / 255")
        same_values(got, truth, f"a {h}x{w} photo")


def freeze(net, layers):
    """Stop training the first `layers` layers of a Sequential network (transfer learning: keep their features)."""
    for layer in net[:layers]:
        for param in layer.collect_params().values():
            param.grad_req = "null"


_PRETRAINED = {}
SHAPES = [[(4, 3), (4,)]] + [[(4, 4), (4,)]] * 4     # 5 Dense(4) layers on 3 inputs: (weight, bias) shapes


def pretrained_net():
    """A 'pretrained' Sequential of 5 Dense layers, every Parameter learning, and its weights (numpy copies).

    One net is kept between checks (building a Gluon net, or setting its weights, takes many MXNet operations):
    each check turns grad_req back to 'write' and lr_mult to 1, and restores the weights an answer changed; it
    is rebuilt if an answer changed its shape."""
    net, weights = _PRETRAINED.get("net"), _PRETRAINED.get("weights")
    if net is None or len(net) != 5 or [[p.shape for p in layer.collect_params().values()] for layer in net] != SHAPES:
        rng = RNG
        net = gluon.nn.Sequential()
        net.add(*(gluon.nn.Dense(4, in_units=3 if i == 0 else 4) for i in range(5)))
        net.initialize()
        weights = [[rng.normal(size=shape).astype("float32") for shape in shapes] for shapes in SHAPES]
        for layer, values in zip(net, weights, strict=True):
            for p, w in zip(layer.collect_params().values(), values, strict=True):
                p.set_data(nd.array(w))
        _PRETRAINED.update(net=net, weights=weights)
    for layer, values in zip(net, weights, strict=True):
        for p, w in zip(layer.collect_params().values(), values, strict=True):
            p.grad_req, p.lr_mult = "write", 1.0
            if not np.array_equal(p.data().asnumpy(), w):       # changed by an earlier answer: restore it
                p.set_data(nd.array(w))
    return net, weights


def changed_layer(net, weights):
    """The first layer whose weights differ from `weights` (None when none does)."""
    for i, (layer, copies) in enumerate(zip(net, weights, strict=True)):
        params = list(layer.collect_params().values())
        if len(params) != len(copies) or any(p.shape != w.shape or not np.array_equal(p.data().asnumpy(), w)
                                             for p, w in zip(params, copies, strict=True)):
            return i
    return None


def check_freeze(answer):
    rng = RNG
    for layers in (2, int(rng.integers(1, 5))):
        net, weights = pretrained_net()
        call_answer(answer, net, layers)
        changed = changed_layer(net, weights)
        if changed is not None:
            raise Wrong(f"freezing {layers} of 5 layers: layer {changed}'s weights changed; freezing must keep the "
                        "pretrained weights (don't initialize or set them again)")
        for i, layer in enumerate(net):
            params = list(layer.collect_params().values())
            requests = {p.grad_req for p in params}
            wanted = {"null"} if i < layers else {"write"}
            if requests == wanted and (i < layers or all(p.lr_mult != 0 for p in params)):
                continue
            if requests == wanted:
                raise Wrong(f"freezing {layers} of 5 layers: layer {i} should keep learning, but has lr_mult 0, "
                            "so the trainer never changes it: leave the other layers' lr_mult at 1")
            if i < layers and all(p.lr_mult == 0 for p in params):
                raise Wrong(f"freezing {layers} of 5 layers: layer {i} has lr_mult 0, which stops its updates but "
                            "still computes every gradient: set grad_req = 'null' instead")
            if i < layers and "null" in requests:
                raise Wrong(f"freezing {layers} of 5 layers: layer {i} is only partly frozen ("
                            + ", ".join(f"{p.name.split('_')[-1]}: {p.grad_req}" for p in params)
                            + "): freeze every Parameter of the layer, weight and bias")
            raise Wrong(f"freezing {layers} of 5 layers: layer {i} has grad_req {sorted(requests)}, expected "
                        f"{sorted(wanted)} (layers 0 to {layers - 1} frozen, the others learning)")


TOP5_RULE = ("Checked on random logits over 10 and 1000 classes: the five class names in order, most probable "
             "first, and their softmax probabilities (computed over all classes) within 1e-5, as numbers between "
             "0 and 1 (a float, numpy or NDArray number each).")
NORMALIZE_RULE = ("Checked on a photo of pure white, black and one coloured pixel and on a random photo: values "
                  "within 1e-5, shape (1, 3, H, W); convert the uint8 photo to float before dividing (numpy or "
                  "NDArray both work).")
FREEZE_RULE = ("Set grad_req = 'null' on every Parameter (weight and bias) of the first layers (lr_mult = 0 is not "
               "enough: it still computes the gradients); the other layers keep grad_req 'write' and lr_mult 1, and "
               "every weight keeps its pretrained value. Checked on nets of 5 Dense layers, freezing 2 and a random "
               "number.")


define("09", "top5",
       "Write top5(logits, classes): the 5 most probable (class name, probability) pairs, best first.\n" + TOP5_RULE,
       check_top5,
       ("Turn the logits into probabilities with a softmax first.",
        "argsort sorts from smallest to largest: reverse it and take 5."),
       top5, "now try it on a photo of your own: read_image, preprocess, net, top5.")
define("09", "normalize",
       "Write normalize(img): a (H, W, 3) uint8 photo -> (1, 3, H, W) floats, scaled to [0, 1], minus mean, / std.\n"
       + NORMALIZE_RULE,
       check_normalize,
       ("Divide by 255 first; mean and std are per colour channel: [0.485, 0.456, 0.406], [0.229, 0.224, 0.225].",
        "Channels go first in MXNet: transpose((2, 0, 1)), then add the batch axis with expand_dims(axis=0)."),
       normalize, "the same numbers the network saw when it was trained: without them, predictions go wrong.")
define("09", "freeze",
       "Write freeze(net, layers): the first `layers` layers of a Sequential net stop learning.\n" + FREEZE_RULE,
       check_freeze,
       ("Every Parameter has a grad_req: 'write' (learn) or 'null' (no gradient, no update).",
        "Loop over net[:layers] and each layer's collect_params().values()."),
       freeze, "frozen layers keep their pretrained features; only the rest learns.")
