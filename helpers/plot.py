"""Plots the notebooks share: training curves (live or final) and grids of images (notebooks 02, 04, 05, 12)."""

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from helpers.train import History


def plot_history(history: History, axes=None, title: str = ""):
    """Loss (left) and accuracy (right) per epoch, training solid and validation dashed."""
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
    """Redraws the training curves after every epoch of `fit` (pass `on_epoch=LiveCurves()`)."""

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
    """A grid of images (N, H, W) or (N, 1, H, W) given as NDArray or numpy, with optional titles."""
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
