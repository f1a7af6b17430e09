"""Notebook 12 · GAN: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import gluon, nd

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define

bce = gluon.loss.SigmoidBinaryCrossEntropyLoss()


def discriminator_loss(real_scores, fake_scores):
    """Per sample: -log σ(real) - log(1 - σ(fake)); 'real' = 1, 'fake' = 0, on raw scores."""
    return -nd.log(nd.sigmoid(real_scores)) - nd.log(1 - nd.sigmoid(fake_scores))


def generator_loss(fake_scores):
    """The generator wants the discriminator to say 'real' (1) on its fakes: -log σ(fake)."""
    return -nd.log(nd.sigmoid(fake_scores))


def score_cases(rng):
    return [nd.array(rng.normal(size=8) * 2) for _ in range(3)]


def check_discriminator_loss(answer):
    rng = np.random.default_rng()
    for real, fake in zip(score_cases(rng), score_cases(rng), strict=True):
        truth = bce(real, nd.ones_like(real)) + bce(fake, nd.zeros_like(fake))
        got = answer(real, fake)
        swapped = bce(real, nd.zeros_like(real)) + bce(fake, nd.ones_like(fake))
        if np.allclose(np.asarray(got.asnumpy() if hasattr(got, "asnumpy") else got), swapped.asnumpy(), atol=1e-5):
            raise Wrong("real and fake are swapped: the discriminator should say 1 for real samples, 0 for fakes")
        same_values(got, truth, "8 real and 8 fake scores", 1e-4)


def check_generator_loss(answer):
    for fake in score_cases(np.random.default_rng()):
        got = answer(fake)
        saturating = -bce(fake, nd.zeros_like(fake))   # minimising log(1 - D): the original, saturating form
        if np.allclose(np.asarray(got.asnumpy() if hasattr(got, "asnumpy") else got), saturating.asnumpy(), atol=1e-5):
            raise Wrong("that is -log(1 - D(fake)) with a minus sign: the saturating form. Use target 1 instead")
        same_values(got, bce(fake, nd.ones_like(fake)), "8 fake scores", 1e-4)


def class_entropy(predicted):
    """Entropy (natural log) of how often each class is predicted: 0 = always the same, log 10 = all equally."""
    counts = np.bincount(np.asarray(predicted, dtype=int), minlength=10) / len(predicted)
    counts = counts[counts > 0]
    return float(-(counts * np.log(counts)).sum())


def check_class_entropy(answer):
    rng = np.random.default_rng()
    same_values(answer([3] * 50), 0.0, "a generator that only draws 3s (mode collapse)")
    same_values(answer(list(range(10)) * 5), np.log(10), "all ten digits equally often")
    predicted = list(rng.integers(0, 4, 40))
    same_values(answer(predicted), class_entropy(predicted), f"predicted classes {predicted[:10]}...")


define("12", "discriminator_loss",
       "Write discriminator_loss(real_scores, fake_scores): per-sample binary cross-entropy, real = 1, fake = 0.",
       check_discriminator_loss,
       ("On raw scores s, the probability of 'real' is σ(s) = nd.sigmoid(s).",
        "-log σ(real) is small when real samples score high; -log(1 - σ(fake)) when fakes score low."),
       discriminator_loss, "the same as the notebook's bce(D(real), 1) + bce(D(fake), 0).")
define("12", "generator_loss", "Write generator_loss(fake_scores): what the generator minimises, per sample.",
       check_generator_loss,
       ("The generator wins when the discriminator calls its fakes real.",
        "Binary cross-entropy with target 1 on the fake scores: -log σ(fake)."),
       generator_loss, "the 'non-saturating' loss: strong gradients even when the discriminator is winning.")
define("12", "class_entropy",
       "Write class_entropy(predicted): entropy of the predicted digits' frequencies (mode collapse -> 0).",
       check_class_entropy,
       ("np.bincount counts each class; divide by the total for frequencies.",
        "-(p * log p).sum() over the classes that occur (0 · log 0 counts as 0)."),
       class_entropy, "notebook 12's measure of variety: 2.30 when all ten digits appear equally.")
