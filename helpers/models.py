"""The course's MNIST networks, defined once (notebooks 04, 05, 08, 11, 12 train them)."""

from mxnet.gluon import nn


def mlp(hidden: tuple[int, ...] = (512, 256), classes: int = 10) -> nn.HybridSequential:
    """Fully connected network: inputs are flattened by the first Dense, ReLU hidden layers, linear output."""
    net = nn.HybridSequential()
    for units in hidden:
        net.add(nn.Dense(units, activation="relu"))
    net.add(nn.Dense(classes))
    return net


def lenet(classes: int = 10) -> nn.HybridSequential:
    """LeNet-style CNN: two convolution + max-pooling blocks, then two fully connected layers."""
    net = nn.HybridSequential()
    net.add(nn.Conv2D(20, kernel_size=5, activation="relu"), nn.MaxPool2D(pool_size=2, strides=2),
            nn.Conv2D(50, kernel_size=5, activation="relu"), nn.MaxPool2D(pool_size=2, strides=2),
            nn.Flatten(), nn.Dense(500, activation="relu"), nn.Dense(classes))
    return net
