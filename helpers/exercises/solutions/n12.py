"""Notebook 12 · GAN: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, call_answer, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)


def discriminator_loss(real_scores, fake_scores):
    """Per sample: -log σ(real) - log(1 - σ(fake)); 'real' = 1, 'fake' = 0, on raw scores."""
    return -nd.log(nd.sigmoid(real_scores)) - nd.log(1 - nd.sigmoid(fake_scores))


def generator_loss(fake_scores):
    """The generator wants the discriminator to say 'real' (1) on its fakes: -log σ(fake)."""
    return -nd.log(nd.sigmoid(fake_scores))


def softplus(z):
    """log(1 + e^z) in float64 without overflow: the binary cross-entropy of a raw score."""
    return np.logaddexp(0, z)


FIXED_SCORES = [([4.0, -4.0, 0.0, 2.0, -0.5, 1.0, -2.5, 5.0], [-3.0, 3.0, 0.5, -1.0, 1.5, -5.0, 0.25, 2.0])]


def score_cases(rng, fixed=FIXED_SCORES):
    """(real, fake) pairs of 8 raw scores each: a fixed pair (both signs, both large) and a random one."""
    random = [tuple(np.clip(rng.normal(size=8) * 2, -6, 6).astype("float32").tolist() for _ in range(2))]
    return [(np.array(r, "float32"), np.array(f, "float32")) for r, f in list(fixed) + random]


def per_sample(got, n, what):
    """The learner's losses as a float64 array of n values, or a Wrong that says to keep one per sample."""
    values = as_numpy(got)
    if values.size == 1 and n > 1:
        raise Wrong(f"{what}: you returned one number; return one loss per sample (shape ({n},)): don't average "
                    "or sum over the batch")
    return values


def check_discriminator_loss(answer):
    cases = score_cases(RNG)
    for (real, fake), given in zip(cases, as_ndarrays(cases), strict=True):
        truth = softplus(-real.astype("float64")) + softplus(fake.astype("float64"))   # bce(real, 1) + bce(fake, 0)
        swapped = softplus(real.astype("float64")) + softplus(-fake.astype("float64"))
        got = per_sample(call_answer(answer, *given), len(real), "8 real and 8 fake scores")
        if got.shape == swapped.shape and (np.allclose(got, swapped, atol=1e-4) or np.allclose(got, swapped / 2,
                                                                                                 atol=1e-4)):
            raise Wrong("real and fake are swapped: the discriminator should say 1 for real samples, 0 for fakes")
        if got.shape == truth.shape and np.allclose(got, truth / 2, rtol=1e-4, atol=1e-4):
            continue                                               # the ½-averaged form: accepted
        same_values(got, truth, f"real scores {np.round(real, 2).tolist()}, fake scores {np.round(fake, 2).tolist()}",
                    1e-4)


def check_generator_loss(answer):
    cases = [(fake,) for _, fake in score_cases(RNG)]
    for (fake,), given in zip(cases, as_ndarrays(cases), strict=True):
        got = per_sample(call_answer(answer, *given), len(fake), "8 fake scores")
        saturating = -softplus(fake.astype("float64"))            # minimising log(1 - D): the original, saturating form
        if got.shape == saturating.shape and np.allclose(got, saturating, atol=1e-5):
            raise Wrong("that is -log(1 - D(fake)) with a minus sign: the saturating form. Use target 1 instead")
        same_values(got, softplus(-fake.astype("float64")), f"fake scores {np.round(fake, 2).tolist()}", 1e-4)


def class_entropy(predicted):
    """Entropy (natural log) of how often each class is predicted: 0 = always the same, log 10 = all equally."""
    counts = np.bincount(np.asarray(predicted, dtype=int), minlength=10) / len(predicted)
    counts = counts[counts > 0]
    return float((counts * np.log(1 / counts)).sum())   # Σ p·log(1/p): -Σ p·log p, never -0.0


def check_class_entropy(answer):
    rng = RNG
    predicted = [int(c) for c in rng.integers(0, 4, 40)]
    cases = [([3] * 50, "a generator that only draws 3s (mode collapse)"),
             (list(range(10)) * 5, "all ten digits equally often"),
             ([0] * 30 + [9] * 10, "0 three times as often as 9"),
             (predicted, f"predicted classes {predicted[:10]}...")]
    for classes, what in cases:
        same_values(call_answer(answer, list(classes)), class_entropy(classes), what)


DISCRIMINATOR_RULE = ("Per sample (shape (N,)): -log σ(real) - log(1 - σ(fake)), the notebook's bce(D(real), 1) + "
                      "bce(D(fake), 0); half of it (the mean of the two terms, the other common form) is accepted "
                      "too. Checked to 1e-4 on fixed scores (both signs, up to ±5) and random ones (Gluon's loss is "
                      "allowed here).")
GENERATOR_RULE = ("Per sample (shape (N,)): the non-saturating -log σ(fake), binary cross-entropy with target 1, as "
                  "the notebook trains; checked to 1e-4 on fixed and random scores (Gluon's loss is allowed here).")
ENTROPY_RULE = ("Natural log, frequencies as fractions of all predictions, classes that never occur count 0; "
                "checked to 1e-5 on fixed lists (one class only gives 0, all ten equally gives ln 10 = 2.30) and a "
                "random one.")


define("12", "discriminator_loss",
       "Write discriminator_loss(real_scores, fake_scores): per-sample binary cross-entropy, real = 1, fake = 0.\n"
       + DISCRIMINATOR_RULE,
       check_discriminator_loss,
       ("On raw scores s, the probability of 'real' is σ(s) = nd.sigmoid(s).",
        "-log σ(real) is small when real samples score high; -log(1 - σ(fake)) when fakes score low."),
       discriminator_loss, "the same as the notebook's bce(D(real), 1) + bce(D(fake), 0).")
define("12", "generator_loss",
       "Write generator_loss(fake_scores): what the generator minimises, per sample.\n" + GENERATOR_RULE,
       check_generator_loss,
       ("The generator wins when the discriminator calls its fakes real.",
        "Binary cross-entropy with target 1 on the fake scores: -log σ(fake)."),
       generator_loss, "the 'non-saturating' loss: strong gradients even when the discriminator is winning.")
define("12", "class_entropy",
       "Write class_entropy(predicted): entropy of the predicted digits' frequencies (mode collapse -> 0).\n"
       + ENTROPY_RULE,
       check_class_entropy,
       ("np.bincount counts each class; divide by the total for frequencies.",
        "-(p * log p).sum() over the classes that occur (0 · log 0 counts as 0)."),
       class_entropy, "notebook 12's measure of variety: 2.30 when all ten digits appear equally.")
