"""The course's MNIST networks, defined once (notebooks 04, 05, 06, 08, 09, 12, 13 and 14 train them)."""

from mxnet.gluon import nn


def mlp(hidden: tuple[int, ...] = (512, 256), classes: int = 10) -> nn.HybridSequential:
    """Fully connected network: inputs are flattened by the first Dense, ReLU hidden layers, linear output.

    Introduced in notebook 04.
    """
    net = nn.HybridSequential()
    for units in hidden:
        net.add(nn.Dense(units, activation="relu"))
    net.add(nn.Dense(classes))
    return net


def lenet(classes: int = 10, channels: tuple[int, int] = (16, 32)) -> nn.HybridSequential:
    """LeNet-style CNN: two convolution + max-pooling blocks, then two fully connected layers.

    16 and 32 filters rather than the 20 and 50 of MXNet's old tutorial: channel counts that are
    multiples of 16 fill a CPU's 16-float (AVX-512) registers, and train ~3x faster here (`make bench`).
    Introduced in notebook 08.
    """
    net = nn.HybridSequential()
    net.add(nn.Conv2D(channels[0], kernel_size=5, activation="relu"), nn.MaxPool2D(pool_size=2, strides=2),
            nn.Conv2D(channels[1], kernel_size=5, activation="relu"), nn.MaxPool2D(pool_size=2, strides=2),
            nn.Flatten(), nn.Dense(500, activation="relu"), nn.Dense(classes))
    return net
