"""MTCNN's three small face-finding CNNs in Gluon, and their pretrained weights (notebook 10).

MTCNN (Zhang et al. 2016) looks for faces in three stages: P-Net proposes boxes everywhere on an image
pyramid, R-Net rejects most of them, O-Net places the final box and five landmarks (eyes, nose, mouth
corners). The weights come from the MIT-licensed PyPI package facenet-pytorch (scripts/build_mtcnn.py
converts them with helpers/tools/mtcnn_weights.py); the layer names here are theirs.
"""

from mxnet import gluon
from mxnet.gluon import nn

from helpers.cache import cached_file
from helpers.cache.registry import MTCNN_WEIGHTS


def conv_prelu(channels: int, kernel: int) -> tuple[nn.Conv2D, nn.PReLU]:
    """A convolution followed by a PReLU (a leaky ReLU whose slope per channel is learned)."""
    return nn.Conv2D(channels, kernel), nn.PReLU(in_channels=channels)


class PNet(gluon.HybridBlock):
    """Proposal net: fully convolutional, so one pass scores every 12x12 window (stride 2) of an image."""

    def __init__(self):
        super().__init__()
        self.conv1, self.prelu1 = conv_prelu(10, 3)
        self.pool1 = nn.MaxPool2D(2, 2, ceil_mode=True)
        self.conv2, self.prelu2 = conv_prelu(16, 3)
        self.conv3, self.prelu3 = conv_prelu(32, 3)
        self.conv4_1, self.conv4_2 = nn.Conv2D(2, 1), nn.Conv2D(4, 1)  # face score, box offsets

    def hybrid_forward(self, F, x):
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.prelu3(self.conv3(self.prelu2(self.conv2(x))))
        return self.conv4_2(x), F.softmax(self.conv4_1(x), axis=1)


class RNet(gluon.HybridBlock):
    """Refine net: looks again at each 24x24 candidate, scores it and corrects its box."""

    def __init__(self):
        super().__init__()
        self.conv1, self.prelu1 = conv_prelu(28, 3)
        self.pool1 = nn.MaxPool2D(3, 2, ceil_mode=True)
        self.conv2, self.prelu2 = conv_prelu(48, 3)
        self.pool2 = nn.MaxPool2D(3, 2, ceil_mode=True)
        self.conv3, self.prelu3 = conv_prelu(64, 2)
        self.dense4, self.prelu4 = nn.Dense(128), nn.PReLU(in_channels=128)
        self.dense5_1, self.dense5_2 = nn.Dense(2), nn.Dense(4)

    def hybrid_forward(self, F, x):
        x = self.pool2(self.prelu2(self.conv2(self.pool1(self.prelu1(self.conv1(x))))))
        x = self.prelu3(self.conv3(x)).transpose((0, 3, 2, 1))  # the original flattens (W, H, C)
        x = self.prelu4(self.dense4(x))
        return self.dense5_2(x), F.softmax(self.dense5_1(x), axis=1)


class ONet(gluon.HybridBlock):
    """Output net: a last look at 48x48, with the final box and five landmarks."""

    def __init__(self):
        super().__init__()
        self.conv1, self.prelu1 = conv_prelu(32, 3)
        self.pool1 = nn.MaxPool2D(3, 2, ceil_mode=True)
        self.conv2, self.prelu2 = conv_prelu(64, 3)
        self.pool2 = nn.MaxPool2D(3, 2, ceil_mode=True)
        self.conv3, self.prelu3 = conv_prelu(64, 3)
        self.pool3 = nn.MaxPool2D(2, 2, ceil_mode=True)
        self.conv4, self.prelu4 = conv_prelu(128, 2)
        self.dense5, self.prelu5 = nn.Dense(256), nn.PReLU(in_channels=256)
        self.dense6_1, self.dense6_2, self.dense6_3 = nn.Dense(2), nn.Dense(4), nn.Dense(10)

    def hybrid_forward(self, F, x):
        x = self.pool2(self.prelu2(self.conv2(self.pool1(self.prelu1(self.conv1(x))))))
        x = self.prelu4(self.conv4(self.pool3(self.prelu3(self.conv3(x))))).transpose((0, 3, 2, 1))
        x = self.prelu5(self.dense5(x))
        return self.dense6_2(x), self.dense6_3(x), F.softmax(self.dense6_1(x), axis=1)


NETS = {"pnet": PNet, "rnet": RNet, "onet": ONet}



def load_mtcnn() -> tuple[PNet, RNet, ONet]:
    """The three pretrained networks from the course's cache (fetched or built on first use), hybridized.

    Introduced in notebook 10.
    """
    nets = []
    for name, relpath in MTCNN_WEIGHTS.items():
        net = NETS[name]()
        net.load_parameters(str(cached_file(relpath)))
        net.hybridize()
        nets.append(net)
    return tuple(nets)
