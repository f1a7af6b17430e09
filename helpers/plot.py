"""Plots the notebooks share: training curves (live or final), grids of images (notebooks 02, 04, 05, 12)
and the optimizer race (notebook 07)."""

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib.colors import LogNorm

from helpers.descent import OPTIMIZERS
from helpers.surfaces import Surface, grid
from helpers.train import History

RACE_COLORS = dict(zip(OPTIMIZERS, plt.cm.tab10.colors[:len(OPTIMIZERS)], strict=True))


def plot_history(history: History, axes=None, title: str = ""):
    """Loss (left) and accuracy (right) per epoch, training solid and validation dashed. Introduced in notebook 04."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(9, 3.2))
    epochs = np.arange(1, len(history.train_loss) + 1)
    for ax, metric in zip(axes, ("loss", "acc"), strict=True):
        ax.clear()
        ax.plot(epochs, getattr(history, f"train_{metric}"), "o-", label="training")
        if getattr(history, f"val_{metric}"):
            ax.plot(epochs, getattr(history, f"val_{metric}"), "s--", label="validation")
        values = [v for v in getattr(history, f"train_{metric}") + getattr(history, f"val_{metric}")
                  if np.isfinite(v)]
        if metric == "acc":  # keep 0..1 in view so that "stuck at 10%" looks stuck
            ax.set_ylim(max(0.0, min(values, default=0) - 0.05), 1.0)
        elif values and min(values) > 0 and max(values) / min(values) > 50:
            ax.set_yscale("log")  # a diverging loss would flatten every other point
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.set_xlabel("epoch")
        ax.set_ylabel("accuracy" if metric == "acc" else "cross-entropy loss")
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        axes[0].figure.suptitle(title)
    axes[0].figure.tight_layout()
    return axes


class LiveCurves:
    """Redraws the training curves after every epoch of `fit` (pass `on_epoch=LiveCurves()`).

    Introduced in notebook 04.
    """

    def __init__(self, title: str = ""):
        self.title = title
        self.fig, self.axes = plt.subplots(1, 2, figsize=(9, 3.2))
        self.handle = None

    def __call__(self, epoch: int, history: History) -> None:
        plot_history(history, self.axes, self.title)
        if self.handle is None:
            self.handle = display(self.fig, display_id=True)
        else:
            self.handle.update(self.fig)
        plt.close(self.fig)  # keep the inline backend from drawing it a second time


def show_images(images, titles=(), ncols: int = 8, size: float = 1.3, cmap: str = "gray"):
    """A grid of images (N, H, W) or (N, 1, H, W) given as NDArray or numpy, with optional titles.

    Introduced in notebook 02.
    """
    images = images.asnumpy() if hasattr(images, "asnumpy") else np.asarray(images)
    images = images.reshape(images.shape[0], *images.shape[-2:])
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * size, nrows * size * 1.15), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < len(images):
            ax.imshow(images[i], cmap=cmap, interpolation="nearest")  # real pixels; a smaller PNG too
            if i < len(titles):
                ax.set_title(str(titles[i]), fontsize=9)
    fig.tight_layout()
    return fig


def draw_race(surface: Surface, paths: dict[str, np.ndarray], ax=None, upto: int | None = None):
    """Contours of the surface and each optimizer's path, its first `upto` steps (notebook 07)."""
    ax = ax or plt.subplots(figsize=(6.5, 5))[1]
    X, Y, Z = grid(surface, 150)
    if Z.min() > 0:   # log-spaced contours show both the plateau and the walls
        ax.contour(X, Y, Z + 1e-3, levels=np.geomspace(Z.min() + 1e-3, Z.max(), 30), norm=LogNorm(), cmap="gray")
    else:
        ax.contour(X, Y, Z, levels=30, cmap="gray")
    for name, path in paths.items():
        p = path[:upto]
        ax.plot(p[:, 0], p[:, 1], "-", color=RACE_COLORS[name], lw=1.6, label=name)
        ax.plot(*p[-1], "o", color=RACE_COLORS[name], ms=5)
    ax.plot(*surface.start, "ks", ms=7)
    if surface.minimum:
        ax.plot(*surface.minimum, "r*", ms=14)
    ax.set(xlim=surface.bounds[:2], ylim=surface.bounds[2:], title=surface.name)
    ax.legend(fontsize=8, loc="upper left")
    return ax



def draw_lstm_cell():
    """A diagram of one LSTM step: the cell state along the top, the four gates below (notebook 11)."""
    fig, ax = plt.subplots(figsize=(8.5, 3.8))
    arrow = dict(arrowstyle="->", color="0.25", lw=1.3)
    def link(a, b):
        ax.annotate("", xy=b, xytext=a, arrowprops=arrow)
    def node(xy, text, box=False):
        style = dict(boxstyle="round,pad=0.35", fc="#ffe9a8" if box else "white", ec="0.25")
        ax.text(*xy, text, ha="center", va="center", fontsize=12, bbox=style if box else dict(style, boxstyle="circle"))
    gates = {"f": (2.2, "$\\sigma$"), "i": (3.7, "$\\sigma$"), "g": (5.0, "tanh"), "o": (6.8, "$\\sigma$")}
    link((0.2, 3.2), (2.05, 3.2)), link((2.35, 3.2), (4.85, 3.2)), link((5.15, 3.2), (9.6, 3.2))
    link((0.2, 0.3), (1.0, 0.3)), link((1.0, -0.4), (1.0, 0.25))
    ax.plot([1.0, 6.8], [0.3, 0.3], color="0.25", lw=1.3)
    for name, (x, label) in gates.items():
        link((x, 0.3), (x, 1.05))
        node((x, 1.3), label, box=True)
        ax.text(x + 0.3, 0.85, name, fontsize=12, color="tab:blue")
    link((2.2, 1.6), (2.2, 3.0)), link((3.7, 1.6), (4.3, 2.2)), link((5.0, 1.6), (4.6, 2.2))
    link((4.45, 2.45), (4.95, 3.05)), link((6.8, 1.6), (7.95, 1.7)), link((8.2, 3.2), (8.2, 2.6))
    link((8.2, 2.05), (8.2, 1.9)), link((8.4, 1.7), (9.6, 0.3))
    for xy, text in {(2.2, 3.2): "×", (4.45, 2.3): "×", (5.0, 3.2): "+", (8.2, 1.7): "×"}.items():
        node(xy, text)
    node((8.2, 2.35), "tanh", box=True)
    for xy, text in {(0.0, 3.2): "$c_{t-1}$", (9.95, 3.2): "$c_t$", (0.0, 0.3): "$h_{t-1}$",
                     (1.0, -0.65): "$x_t$", (9.95, 0.3): "$h_t$"}.items():
        ax.text(*xy, text, ha="center", va="center", fontsize=13)
    ax.set(xlim=(-0.4, 10.3), ylim=(-0.9, 3.6))
    ax.axis("off")
    return fig
