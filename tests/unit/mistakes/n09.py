"""Notebook 09's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import numpy as np
from mxnet import image, nd

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


# top5(logits, classes) -> [(class name, probability)] * 5
def _probabilities(logits):
    return nd.softmax(logits.reshape((-1,))).asnumpy()


def top5_least_probable(logits, classes):
    p = _probabilities(logits)
    return [(classes[i], float(p[i])) for i in p.argsort()[:5]]


def top5_without_softmax(logits, classes):
    z = logits.reshape((-1,)).asnumpy()
    return [(classes[i], float(z[i])) for i in z.argsort()[::-1][:5]]


def top5_softmax_over_the_wrong_axis(logits, classes):
    p = nd.softmax(logits, axis=0).reshape((-1,)).asnumpy()
    z = logits.reshape((-1,)).asnumpy()
    return [(classes[i], float(p[i])) for i in z.argsort()[::-1][:5]]


def top5_indices_not_names(logits, classes):
    p = _probabilities(logits)
    return [(int(i), float(p[i])) for i in p.argsort()[::-1][:5]]


def top5_percentages(logits, classes):
    p = _probabilities(logits) * 100
    return [(classes[i], float(p[i])) for i in p.argsort()[::-1][:5]]


def top5_sigmoid(logits, classes):
    p = nd.sigmoid(logits.reshape((-1,))).asnumpy()
    return [(classes[i], float(p[i])) for i in p.argsort()[::-1][:5]]


def top5_softmax_over_the_five(logits, classes):
    z = logits.reshape((-1,)).asnumpy()
    best = z.argsort()[::-1][:5]
    p = np.exp(z[best]) / np.exp(z[best]).sum()
    return [(classes[i], float(q)) for i, q in zip(best, p, strict=True)]


def top5_reversed(logits, classes):
    p = _probabilities(logits)
    return [(classes[i], float(p[i])) for i in p.argsort()[-5:]]


def top5_numpy(logits, classes):
    z = logits.asnumpy()[0].astype("float64")
    p = np.exp(z - z.max())
    p /= p.sum()
    return [(classes[i], p[i]) for i in np.argsort(-p)[:5]]


def top5_nd_topk(logits, classes):
    p = nd.softmax(logits)[0]
    values, indices = nd.topk(p, k=5, ret_typ="both")
    return [(classes[int(i)], values[j]) for j, i in enumerate(indices.asnumpy())]   # NDArray numbers


def top5_sorted_pairs(logits, classes):
    p = nd.softmax(logits).asnumpy()[0].tolist()
    return sorted(zip(classes, p, strict=True), key=lambda pair: pair[1], reverse=True)[:5]


# normalize(img): (H, W, 3) uint8 -> (1, 3, H, W)
def top5_argpartition(logits, classes):
    p = _probabilities(logits)
    return [(classes[i], float(p[i])) for i in np.argpartition(-p, 5)[:5]]   # the top 5, in no set order


def _mean_std():
    return nd.array(MEAN), nd.array(STD)


def normalize_forgets_255(img):
    mean, std = _mean_std()
    return ((img.astype("float32") - mean) / std).transpose((2, 0, 1)).expand_dims(0)


def normalize_channels_last(img):
    mean, std = _mean_std()
    return ((img.astype("float32") / 255 - mean) / std).expand_dims(0)


def normalize_no_batch_axis(img):
    mean, std = _mean_std()
    return ((img.astype("float32") / 255 - mean) / std).transpose((2, 0, 1))


def normalize_reshape_not_transpose(img):
    mean, std = _mean_std()
    h, w, _ = img.shape
    return ((img.astype("float32") / 255 - mean) / std).reshape((1, 3, h, w))


def normalize_integer_division(img):
    mean, std = _mean_std()
    return (((img / 255).astype("float32") - mean) / std).transpose((2, 0, 1)).expand_dims(0)


def normalize_times_std(img):
    mean, std = _mean_std()
    return ((img.astype("float32") / 255 - mean) * std).transpose((2, 0, 1)).expand_dims(0)


def normalize_bgr_statistics(img):
    mean, std = nd.array(MEAN[::-1]), nd.array(STD[::-1])
    return ((img.astype("float32") / 255 - mean) / std).transpose((2, 0, 1)).expand_dims(0)


def normalize_transposes_h_and_w(img):
    mean, std = _mean_std()
    return ((img.astype("float32") / 255 - mean) / std).transpose((2, 1, 0)).expand_dims(0)


def normalize_divides_by_255_last(img):
    mean, std = _mean_std()
    return ((img.astype("float32") - mean) / std / 255).transpose((2, 0, 1)).expand_dims(0)


def normalize_numpy_float64(img):
    x = (img.asnumpy().astype("float64") / 255 - np.array(MEAN)) / np.array(STD)
    return x.transpose(2, 0, 1)[None]


def normalize_gluon_transforms(img):
    tensor = nd.image.to_tensor(img)                      # (3, H, W) float32 in [0, 1]
    return nd.image.normalize(tensor, mean=tuple(MEAN), std=tuple(STD)).expand_dims(axis=0)


def normalize_statistics_times_255(img):
    mean, std = nd.array(MEAN) * 255, nd.array(STD) * 255
    return ((img.astype("float32") - mean) / std).transpose((2, 0, 1)).expand_dims(0)


def normalize_color_normalize(img):
    x = image.color_normalize(img.astype("float32") / 255, nd.array(MEAN), nd.array(STD))
    return nd.expand_dims(nd.transpose(x, axes=(2, 0, 1)), axis=0)


# freeze(net, layers)
def freeze_one_too_many(net, layers):
    for layer in net[:layers + 1]:
        for p in layer.collect_params().values():
            p.grad_req = "null"


def freeze_after_initializing_again(net, layers):
    net.initialize(force_reinit=True)
    for layer in net[:layers]:
        for p in layer.collect_params().values():
            p.grad_req = "null"


def freeze_everything(net, layers):
    net.collect_params().setattr("grad_req", "null")


def freeze_the_last_layers(net, layers):
    for layer in net[-layers:]:
        for p in layer.collect_params().values():
            p.grad_req = "null"


def freeze_weights_only(net, layers):
    for layer in net[:layers]:
        layer.weight.grad_req = "null"


def freeze_with_lr_mult(net, layers):
    for layer in net[:layers]:
        for p in layer.collect_params().values():
            p.lr_mult = 0


def freeze_one_too_few(net, layers):
    for layer in net[:layers - 1]:
        for p in layer.collect_params().values():
            p.grad_req = "null"


def freeze_the_others(net, layers):
    for layer in net[layers:]:
        for p in layer.collect_params().values():
            p.grad_req = "null"


def freeze_and_zero_them(net, layers):
    for layer in net[:layers]:
        for p in layer.collect_params().values():
            p.set_data(p.data() * 0)
            p.grad_req = "null"


def freeze_and_stop_the_others(net, layers):
    for i, layer in enumerate(net):
        for param in layer.collect_params().values():
            if i < layers:
                param.grad_req = "null"
            param.lr_mult = 0 if i >= layers else 1     # the condition the wrong way round


def freeze_setattr(net, layers):
    for layer in net[:layers]:
        layer.collect_params().setattr("grad_req", "null")


def freeze_by_index(net, layers):
    for i in range(layers):
        net[i].weight.grad_req = "null"
        net[i].bias.grad_req = "null"


def freeze_by_name(net, layers):
    frozen = tuple(layer.prefix for layer in net[:layers])
    for name, p in net.collect_params().items():
        if name.startswith(frozen):
            p.grad_req = "null"


WRONG = {
    "top5": [
        (top5_reversed, "least probable of the five first"),
        (top5_without_softmax, "raw logits as probabilities"),
        (top5_least_probable, "argsort without reversing: the five least probable"),
        (top5_softmax_over_the_wrong_axis, "softmax over the batch axis (all 1.0)"),
        (top5_indices_not_names, "class indices instead of names"),
        (top5_percentages, "percentages"),
        (top5_sigmoid, "sigmoid instead of softmax"),
        (top5_softmax_over_the_five, "softmax over the five best logits only"),
        (top5_argpartition, "np.argpartition: the top 5 unordered (the review's D12)"),
    ],
    "normalize": [
        (normalize_forgets_255, "forgot to divide by 255"),
        (normalize_channels_last, "channels last: no transpose"),
        (normalize_no_batch_axis, "no batch axis"),
        (normalize_reshape_not_transpose, "reshape instead of transpose"),
        (normalize_integer_division, "img / 255 on the uint8 array"),
        (normalize_times_std, "multiplies by the std"),
        (normalize_bgr_statistics, "mean and std in BGR order"),
        (normalize_transposes_h_and_w, "transpose((2, 1, 0)): height and width swapped"),
        (normalize_divides_by_255_last, "divides by 255 after normalizing"),
    ],
    "freeze": [
        (freeze_one_too_many, "freezes one layer too many"),
        (freeze_after_initializing_again, "initializes again (pretrained weights lost), then freezes"),
        (freeze_everything, "freezes the whole network"),
        (freeze_the_last_layers, "freezes the last layers"),
        (freeze_weights_only, "freezes the weights, not the biases"),
        (freeze_with_lr_mult, "lr_mult = 0 instead of grad_req"),
        (freeze_one_too_few, "net[:layers - 1]"),
        (freeze_the_others, "freezes the layers after the first ones"),
        (freeze_and_zero_them, "zeroes the frozen weights"),
        (freeze_and_stop_the_others, "freezes right, but sets lr_mult 0 on the learning layers (the review's D13)"),
    ],
}

RIGHT = {
    "top5": [
        (top5_numpy, "numpy float64, stable softmax"),
        (top5_nd_topk, "nd.topk, probabilities as NDArray numbers"),
        (top5_sorted_pairs, "sorted() over (class, probability) pairs"),
    ],
    "normalize": [
        (normalize_numpy_float64, "numpy float64"),
        (normalize_gluon_transforms, "nd.image.to_tensor and nd.image.normalize"),
        (normalize_statistics_times_255, "mean and std scaled by 255 instead"),
        (normalize_color_normalize, "mx.image.color_normalize"),
    ],
    "freeze": [
        (freeze_setattr, "collect_params().setattr per layer"),
        (freeze_by_index, "weight and bias by index"),
        (freeze_by_name, "by parameter name prefix"),
    ],
}
