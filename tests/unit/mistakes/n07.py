"""Notebook 07's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import numpy as np
from mxnet import nd


def _np(x):
    return x.asnumpy().astype("float64") if hasattr(x, "asnumpy") else np.asarray(x, dtype="float64")


# momentum_pytorch_form(w, g, buffer, lr, mu=0.9) -> (w, buffer)
def momentum_buffer_not_returned(w, g, buffer, lr, mu=0.9):
    return w - lr * (mu * buffer + g), buffer


def momentum_dampened(w, g, buffer, lr, mu=0.9):
    buffer = mu * buffer + (1 - mu) * g
    return w - lr * buffer, buffer


def momentum_climbs(w, g, buffer, lr, mu=0.9):
    buffer = mu * buffer + g
    return w + lr * buffer, buffer


def momentum_steps_with_the_old_buffer(w, g, buffer, lr, mu=0.9):
    return w - lr * buffer, mu * buffer + g


def momentum_nesterov(w, g, buffer, lr, mu=0.9):
    buffer = mu * buffer + g
    return w - lr * (g + mu * buffer), buffer


def momentum_lr_twice(w, g, buffer, lr, mu=0.9):
    buffer = mu * buffer + lr * g
    return w - lr * buffer, buffer


def momentum_decays_the_gradient_too(w, g, buffer, lr, mu=0.9):
    buffer = mu * (buffer + g)
    return w - lr * buffer, buffer


def momentum_lr_written_in(w, g, buffer, lr, mu=0.9):
    buffer = mu * buffer + g
    return w - 0.05 * buffer, buffer


def momentum_mu_written_in(w, g, buffer, lr, mu=0.9):
    buffer = 0.9 * buffer + g
    return w - lr * buffer, buffer


def momentum_as_a_list(w, g, buffer, lr, mu=0.9):
    buffer = mu * buffer + g
    return [w - lr * buffer, buffer]


def momentum_mxnet_velocity(w, g, velocity, lr, mu=0.9):
    velocity = mu * velocity - lr * g
    return w + velocity, velocity


def momentum_in_place(w, g, buffer, lr, mu=0.9):
    buffer *= mu
    buffer += g
    w -= lr * buffer
    return w, buffer


def momentum_numpy_float64(w, g, buffer, lr, mu=0.9):
    buffer = mu * _np(buffer) + _np(g)
    return _np(w) - lr * buffer, buffer


# adam_textbook(w, g, (m, v, t), lr, beta1=0.9, beta2=0.999, eps=1e-8) -> (w, (m, v, t))
def adam_no_bias_correction(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    return w - lr * m / (nd.sqrt(v) + eps), (m, v, t + 1)


def adam_t_not_counted(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1), v / (1 - beta2)        # as if every step were the first
    return w - lr * m_hat / (nd.sqrt(v_hat) + eps), (m, v, t)


def adam_no_square_root(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    return w - lr * (m / (1 - beta1 ** t)) / (v / (1 - beta2 ** t) + eps), (m, v, t)


def adam_corrects_m_only(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    return w - lr * (m / (1 - beta1 ** t)) / (nd.sqrt(v) + eps), (m, v, t)


def adam_v_of_g_not_g_squared(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * nd.abs(g)
    return w - lr * (m / (1 - beta1 ** t)) / (nd.sqrt(v / (1 - beta2 ** t)) + eps), (m, v, t)


def adam_betas_swapped(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta2 * m + (1 - beta2) * g, beta1 * v + (1 - beta1) * g ** 2
    return w - lr * (m / (1 - beta2 ** t)) / (nd.sqrt(v / (1 - beta1 ** t)) + eps), (m, v, t)


def adam_keeps_the_corrected_moments(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return w - lr * m_hat / (nd.sqrt(v_hat) + eps), (m_hat, v_hat, t)


def adam_amsgrad(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m = beta1 * m + (1 - beta1) * g
    v = nd.maximum(v, beta2 * v + (1 - beta2) * g * g)     # AMSGrad's maximum: v never shrinks
    return w - lr * (m / (1 - beta1 ** t)) / (nd.sqrt(v / (1 - beta2 ** t)) + eps), (m, v, t)


def adam_betas_written_in(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g ** 2
    return w - lr * (m / (1 - 0.9 ** t)) / (nd.sqrt(v / (1 - 0.999 ** t)) + eps), (m, v, t)


def adam_state_as_a_list(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g ** 2
    return [w - lr * (m / (1 - beta1 ** t)) / (nd.sqrt(v / (1 - beta2 ** t)) + eps), [m, v, t]]


def adam_mxnet_form(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    t += 1
    m, v = beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * nd.square(g)
    lr_t = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return w - lr_t * m / (nd.sqrt(v) + eps), (m, v, t)


def adam_numpy_float64(w, g, state, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = state
    g, t = _np(g), t + 1
    m, v = beta1 * _np(m) + (1 - beta1) * g, beta2 * _np(v) + (1 - beta2) * g * g
    return _np(w) - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), (m, v, t)


# sgd_weight_decay(w, g, state, lr, wd=0.01) -> (w, state)
WEIGHT_DECAY_WRONG = [
    (lambda w, g, s, lr, wd=0.01: (w - lr * g - wd * w, s), "decay not scaled by the learning rate"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * g, s), "no weight decay at all"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * (g + 2 * wd * w), s), "2 * wd * w (the gradient of wd * ||w||^2)"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * (g - wd * w), s), "- wd * w: pushes weights away from 0"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * (g + wd * w ** 2), s), "adds wd * w^2 (the penalty, not its gradient)"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * (g + wd / 2 * w), s), "wd/2 * w: the 1/2 of the penalty kept"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * g * (1 - wd), s), "decays the gradient instead of the weights"),
    (lambda w, g, s, lr, wd=0.01: ((1 - lr * wd) * (w - lr * g), s),
     "shrinks the weights after the step: (1 - lr·wd)(w - lr·g) (the review's D10)"),
    (lambda w, g, s, lr, wd=0.01: (w - lr * (g + 0.01 * w), s), "wd written in as 0.01 (the review's D11)"),
]
WEIGHT_DECAY_RIGHT = [
    (lambda w, g, s, lr, wd=0.01: ((1 - lr * wd) * w - lr * g, s), "shrink first: (1 - lr·wd)·w - lr·g"),
    (lambda w, g, s, lr, wd=0.01: (nd.sgd_update(w, g, lr=lr, wd=wd), s), "MXNet's own nd.sgd_update"),
    (lambda w, g, s, lr, wd=0.01: (_np(w) - lr * (_np(g) + wd * _np(w)), s), "numpy float64"),
    (lambda w, g, s, lr, wd=0.01: [_np(w) * (1 - lr * wd) - lr * _np(g), s], "a list, numpy (the review's D6)"),
]

WRONG = {
    "momentum_pytorch_form": [
        (momentum_buffer_not_returned, "returns the old buffer"),
        (momentum_dampened, "buffer = mu·buffer + (1 - mu)·g (dampened, an average)"),
        (momentum_climbs, "w + lr·buffer: climbs the gradient"),
        (momentum_steps_with_the_old_buffer, "steps with the buffer before adding g"),
        (momentum_nesterov, "Nesterov's step g + mu·buffer"),
        (momentum_lr_twice, "lr inside the buffer and again in the step"),
        (momentum_decays_the_gradient_too, "buffer = mu·(buffer + g)"),
        (momentum_lr_written_in, "lr written in as 0.05 (the review's D11)"),
        (momentum_mu_written_in, "mu written in as 0.9 (the review's D11)"),
    ],
    "adam_textbook": [
        (adam_no_bias_correction, "no bias correction"),
        (adam_t_not_counted, "t never counted: every step corrected as the first"),
        (adam_no_square_root, "divides by v-hat instead of its square root"),
        (adam_corrects_m_only, "bias-corrects m but not v"),
        (adam_v_of_g_not_g_squared, "v averages |g| instead of g²"),
        (adam_betas_swapped, "beta1 and beta2 swapped"),
        (adam_keeps_the_corrected_moments, "keeps m-hat and v-hat as the state"),
        (adam_amsgrad, "AMSGrad: v = max(v, beta2 v + (1 - beta2) g²) (the review's D11)"),
        (adam_betas_written_in, "betas written in as 0.9 and 0.999 (the review's D11)"),
    ],
    "sgd_weight_decay": WEIGHT_DECAY_WRONG,
}

RIGHT = {
    "momentum_pytorch_form": [
        (momentum_mxnet_velocity, "MXNet's velocity form (velocity = -lr·buffer)"),
        (momentum_in_place, "in place: buffer *= mu, buffer += g, w -= lr·buffer"),
        (momentum_numpy_float64, "numpy float64"),
        (momentum_as_a_list, "returned as a list [w, buffer] (the review's D6)"),
    ],
    "adam_textbook": [
        (adam_mxnet_form, "MXNet's form: corrections folded into the learning rate, eps on sqrt(v)"),
        (adam_numpy_float64, "numpy float64"),
        (adam_state_as_a_list, "a list [w, [m, v, t]] (the review's D6)"),
    ],
    "sgd_weight_decay": WEIGHT_DECAY_RIGHT,
}
